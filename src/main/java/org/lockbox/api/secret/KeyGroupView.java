package org.lockbox.api.secret;

import java.util.List;

import jakarta.json.bind.annotation.JsonbNillable;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.secret.KeyGroup;
import org.lockbox.secret.KeyGroupService;
import org.lockbox.secret.Secret;

/** A key group: in listings with its size, on its own with its members. */
@Schema(name = "KeyGroup", description = "Lockbox: keys that belong together (a volume's, its snapshots', its clones')")
public record KeyGroupView(String groupRef, String name, String creatorId, String created, String updated,
                           @JsonbNillable(false) Long size,
                           @JsonbNillable(false) @Schema(description = "Present when one group is shown")
                           List<Member> secrets) {

    /** A key of the group. */
    @Schema(name = "KeyGroupMember")
    public record Member(String secretRef, String name,
                         @Schema(description = "The secret it was cloned from, if any") String clonedFrom,
                         String created) {
    }

    static KeyGroupView of(KeyGroupService.Summary summary, String base) {
        return of(summary.group(), base, summary.size(), null);
    }

    static KeyGroupView of(KeyGroupService.Members members, String base) {
        return of(members.group(), base, (long) members.secrets().size(), members.secrets().stream()
                .map(s -> member(s, base)).toList());
    }

    private static KeyGroupView of(KeyGroup group, String base, Long size, List<Member> secrets) {
        return new KeyGroupView(Hrefs.group(base, group.id()), group.name(), group.creatorId(),
                Timestamps.format(group.created()), Timestamps.format(group.updated()), size, secrets);
    }

    private static Member member(Secret secret, String base) {
        return new Member(Hrefs.secret(base, secret.id()), secret.name(),
                secret.clonedFrom() == null ? null : Hrefs.secret(base, secret.clonedFrom()),
                Timestamps.format(secret.created()));
    }
}
