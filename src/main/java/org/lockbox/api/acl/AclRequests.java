package org.lockbox.api.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.acl.AclService;
import org.lockbox.acl.ReadAcl;
import org.lockbox.api.ApiException;
import org.lockbox.api.JsonList;
import org.lockbox.api.JsonRequest;
import org.lockbox.api.Timestamps;

/** Reads ACL bodies as Barbican's ACL validator does, and shows ACLs as Barbican does. */
public final class AclRequests {

    private static final int MAX_USER_ID = 255;
    private static final int MAX_USERS = 1000;
    private static final String BAD_USER = "Each entry of 'users' must be a user id of 1 to " + MAX_USER_ID
            + " characters.";

    private AclRequests() {
    }

    /** An ACL change, as PUT and PATCH bind it: {"read": {"users": [...], "project-access": bool}}, nothing else. */
    @JsonRequest(unknownField = "Unknown ACL operation '%s': only 'read' is supported.")
    @Schema(name = "AclChange", description = "Only the 'read' operation exists")
    public record AclChange(ReadChange read) {

        AclService.Change change() {
            return read == null ? new AclService.Change(null, null)
                    : new AclService.Change(read.projectAccess(), users(read.users()));
        }
    }

    /** The change to the read operation's ACL. */
    @JsonRequest(unknownField = "Unknown field '%s' in the 'read' ACL: only 'users' and 'project-access' are allowed.")
    @Schema(name = "AclReadChange")
    public record ReadChange(@JsonList(notAList = "'users' must be a list of user ids.", badEntry = BAD_USER)
                             @Schema(description = "Keystone user ids allowed to read, from any project")
                             List<String> users,
                             @JsonbProperty("project-access") @Schema(name = "project-access",
                                     description = "false makes the resource private") Boolean projectAccess) {
    }

    /** An ACL as GET shows it. */
    @Schema(name = "Acl", description = "Only the 'read' operation exists")
    public record AclView(ReadView read) {

        static AclView of(Optional<ReadAcl> acl) {
            return new AclView(acl.map(ReadView::of).orElse(ReadView.DEFAULT));
        }
    }

    /** The read operation's ACL: the explicit one with its users and times, or the default. */
    @Schema(name = "AclOperation")
    public record ReadView(@JsonbNillable(false) @Schema(description = "Keystone user ids allowed to read, from any"
                                   + " project") List<String> users,
                           @JsonbProperty("project-access") @Schema(name = "project-access",
                                   description = "false makes the resource private") boolean projectAccess,
                           @JsonbNillable(false) @Schema(description = "Present once an explicit ACL exists")
                           String created,
                           @JsonbNillable(false) @Schema(description = "Present once an explicit ACL exists")
                           String updated) {

        static final ReadView DEFAULT = new ReadView(null, true, null, null);

        static ReadView of(ReadAcl acl) {
            return new ReadView(List.copyOf(new TreeSet<>(acl.users())), acl.projectAccess(),
                    Timestamps.format(acl.created()), Timestamps.format(acl.updated()));
        }
    }

    /** The shape of PUT's and PATCH's answer. */
    @Schema(name = "AclRef")
    public record AclRef(String aclRef) {
    }

    /**
     * The answer to removing an ACL: 200 with the JSON literal {@code null}, which is what Barbican sends and
     * what its clients parse (an empty body is not JSON).
     */
    static Response removed() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static List<String> users(List<String> given) {
        if (given == null) {
            return null;
        }
        if (given.size() > MAX_USERS) {
            throw ApiException.badRequest("'users' may list at most " + MAX_USERS + " user ids.");
        }
        List<String> users = new ArrayList<>();
        for (String user : given) {
            if (user.isBlank() || user.length() > MAX_USER_ID) {
                throw ApiException.badRequest(BAD_USER);
            }
            if (!users.contains(user)) {
                users.add(user);
            }
        }
        return users;
    }
}
