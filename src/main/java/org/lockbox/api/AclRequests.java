package org.lockbox.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lockbox.acl.AclService;
import org.lockbox.acl.ReadAcl;

/** Reads ACL bodies as Barbican's ACL validator does, and shows ACLs as Barbican does. */
final class AclRequests {

    private static final int MAX_USER_ID = 255;
    private static final int MAX_USERS = 1000;

    private AclRequests() {
    }

    /** The shape of an ACL, in requests and answers. */
    @Schema(name = "Acl", description = "Only the 'read' operation exists")
    public record AclBody(@Schema(name = "read") Operation read) {
    }

    /** One operation's ACL. */
    @Schema(name = "AclOperation")
    public record Operation(@Schema(description = "Keystone user ids allowed to read, from any project") List<String> users,
                            @Schema(name = "project-access", description = "false makes the resource private")
                            Boolean projectAccess,
                            @Schema(description = "Present once an explicit ACL exists") String created,
                            @Schema(description = "Present once an explicit ACL exists") String updated) {
    }

    /** The shape of PUT's and PATCH's answer. */
    @Schema(name = "AclRef")
    public record AclRef(String aclRef) {
    }

    /** The change a body asks for: {"read": {"users": [...], "project-access": bool}}, nothing else. */
    static AclService.Change change(JsonValue body) {
        JsonObject json = JsonFields.requireObject(body);
        for (String name : json.keySet()) {
            if (!name.equals("read")) {
                throw ApiException.badRequest("Unknown ACL operation '" + name + "': only 'read' is supported.");
            }
        }
        JsonValue read = json.get("read");
        if (read == null || read.getValueType() == JsonValue.ValueType.NULL) {
            return new AclService.Change(null, null);
        }
        if (!(read instanceof JsonObject operation)) {
            throw ApiException.badRequest("'read' must be a JSON object.");
        }
        for (String name : operation.keySet()) {
            if (!name.equals("users") && !name.equals("project-access")) {
                throw ApiException.badRequest("Unknown field '" + name + "' in the 'read' ACL: only 'users' and"
                        + " 'project-access' are allowed.");
            }
        }
        return new AclService.Change(projectAccess(operation.get("project-access")), users(operation.get("users")));
    }

    /** The ACL as GET shows it: the explicit one with its times, or the default. */
    /**
     * The answer to removing an ACL: 200 with the JSON literal {@code null}, which is what Barbican sends and
     * what its clients parse (an empty body is not JSON).
     */
    static Response removed() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Map<String, Object> view(Optional<ReadAcl> acl) {
        Map<String, Object> read = new LinkedHashMap<>();
        if (acl.isEmpty()) {
            read.put("project-access", true);
        } else {
            read.put("project-access", acl.get().projectAccess());
            read.put("users", List.copyOf(new java.util.TreeSet<>(acl.get().users())));
            read.put("created", Timestamps.format(acl.get().created()));
            read.put("updated", Timestamps.format(acl.get().updated()));
        }
        return Map.of("read", read);
    }

    private static Boolean projectAccess(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw ApiException.badRequest("'project-access' must be true or false.");
        };
    }

    private static List<String> users(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest("'users' must be a list of user ids.");
        }
        if (array.size() > MAX_USERS) {
            throw ApiException.badRequest("'users' may list at most " + MAX_USERS + " user ids.");
        }
        List<String> users = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString user) || user.getString().isBlank()
                    || user.getString().length() > MAX_USER_ID) {
                throw ApiException.badRequest("Each entry of 'users' must be a user id of 1 to " + MAX_USER_ID
                        + " characters.");
            }
            if (!users.contains(user.getString())) {
                users.add(user.getString());
            }
        }
        return users;
    }
}
