package org.lockbox.api.admin;

import java.util.List;
import java.util.Map;

import jakarta.json.bind.annotation.JsonbNillable;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.api.Hrefs;
import org.lockbox.api.Timestamps;
import org.lockbox.inventory.KeyDetail;
import org.lockbox.inventory.KeySummary;
import org.lockbox.inventory.ProjectCount;

/** The inventory's answers as the admin console reads them; metadata only, never material. */
public final class InventoryViews {

    private InventoryViews() {
    }

    /** Who the token belongs to and what of the inventory it sees. */
    @Schema(name = "InventoryCaller")
    public record CallerView(String userId, String userName, String actingUserId, String projectId, String domainId,
                      List<String> roles, boolean everyProject, String expiresAt) {
    }

    /** Keys held by one project under one service's master key. */
    @Schema(name = "InventoryProject")
    public record ProjectView(String projectId, String service, long secrets, long pendingDeletion) {
        static ProjectView of(ProjectCount count) {
            return new ProjectView(count.projectId(), count.service(), count.secrets(), count.pendingDeletion());
        }
    }

    /** Whether the master keys are unsealed, by which provider; the reason only for service admins. */
    @Schema(name = "InventorySealer")
    public record SealerView(String provider, boolean ready, String reason) {
    }

    /** The dashboard's figures in one answer. */
    @Schema(name = "InventorySummary")
    public record SummaryView(List<ProjectView> projects, List<MasterKeyView> masterKeys, SealerView sealer,
                       List<RotationView> rotations) {
    }

    /** A page of the inventory's keys. */
    @Schema(name = "InventoryKeyList")
    public record KeyList(List<KeyView> secrets, long total, @JsonbNillable(false) String next,
                          @JsonbNillable(false) String previous) {
    }

    /** One key in the inventory. */
    @Schema(name = "InventoryKey", description = "A key's metadata across projects; never its material")
    public record KeyView(String secretRef, String id, String projectId, String service, String name, String secretType,
                   String algorithm, Integer bitLength, String mode, String status, String creatorId,
                   String created, String updated, String expiration, boolean hasPayload, Integer kekVersion,
                   long consumers) {
        static KeyView of(KeySummary key, String base) {
            return new KeyView(Hrefs.secret(base, key.id()), key.id(), key.projectId(), key.service(), key.name(),
                    key.secretType(), key.algorithm(), key.bitLength(), key.mode(), key.status(), key.creatorId(),
                    Timestamps.format(key.created()), Timestamps.format(key.updated()),
                    Timestamps.format(key.expiration()), key.hasPayload(), key.kekVersion(), key.consumers());
        }
    }

    /** A service registered as a user of a key. */
    @Schema(name = "InventoryConsumer")
    public record ConsumerView(String service, String resourceType, String resourceId, String created) {
    }

    /** A container holding a key. */
    @Schema(name = "InventoryContainer")
    public record ContainerView(String containerRef, String containerId, String name, String type, String memberName) {
    }

    /** One key with its user metadata, consumers and containers. */
    @Schema(name = "InventoryKeyDetail")
    public record KeyDetailView(KeyView key, Map<String, String> metadata, List<ConsumerView> consumers,
                         List<ContainerView> containers, AclView acl, GroupView group) {
        static KeyDetailView of(KeyDetail detail, String base) {
            KeyDetail.Acl acl = detail.acl();
            KeyDetail.Group group = detail.group();
            return new KeyDetailView(KeyView.of(detail.key(), base), detail.metadata(),
                    detail.consumers().stream().map(c -> new ConsumerView(c.service(), c.resourceType(),
                            c.resourceId(), Timestamps.format(c.created()))).toList(),
                    detail.containers().stream().map(c -> new ContainerView(Hrefs.container(base, c.containerId()),
                            c.containerId(), c.containerName(), c.containerType(), c.memberName())).toList(),
                    acl == null ? null : new AclView(acl.projectAccess(), acl.users(), Timestamps.format(acl.updated())),
                    group == null ? null : new GroupView(Hrefs.group(base, group.id()), group.id(), group.name()));
        }
    }

    /** The key's explicit read ACL; null when the project's roles alone decide. */
    @Schema(name = "InventoryAcl")
    public record AclView(boolean projectAccess, List<String> users, String updated) {
    }

    /** The key group holding the key. */
    @Schema(name = "InventoryGroup")
    public record GroupView(String groupRef, String id, String name) {
    }
}
