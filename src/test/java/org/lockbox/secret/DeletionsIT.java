package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/**
 * DELETE makes a secret pending deletion: gone for Barbican's clients, listed for admins,
 * restorable in the grace period (20 s on the test server), destroyed after it with an audit event
 * naming the request, and never destroyed without a recorded request.
 */
class DeletionsIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aDeletedSecretIsHiddenListedForAdminsAndRestoredWithItsContainerPlace() {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String admin = Tokens.token("adam", project, "admin");
        byte[] material = random();
        String id = Lockbox.storeBinary(creator, material, "\"name\":\"to-restore\"");
        String ref = Lockbox.URL + "/v1/secrets/" + id;
        Reply container = Lockbox.postJson("/v1/containers", creator, "{\"type\":\"generic\",\"name\":\"c\","
                + "\"secret_refs\":[{\"name\":\"k\",\"secret_ref\":\"" + ref + "\"}]}");
        assertEquals(201, container.status(), container.toString());
        String containerPath = Lockbox.path(container.json().getString("container_ref"));

        assertEquals(204, Lockbox.delete("/v1/secrets/" + id, creator).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id, creator).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id + "/payload", creator).status());
        assertEquals(404, Lockbox.delete("/v1/secrets/" + id, creator).status(), "a second DELETE finds nothing");
        assertEquals(0, Lockbox.get("/v1/secrets", creator).json().getInt("total"));
        assertEquals(0, Lockbox.get(containerPath, creator).json().getJsonArray("secret_refs").size(),
                "Barbican's clients see the secret gone from its container");

        JsonObject listing = Lockbox.get("/v1/lockbox/deletions", admin).json();
        assertEquals(1, listing.getInt("total"), listing.toString());
        JsonObject pending = listing.getJsonArray("deletions").getJsonObject(0);
        assertEquals(id, pending.getString("secret_id"));
        assertEquals(project, pending.getString("project_id"));
        assertEquals("to-restore", pending.getString("name"));
        assertEquals("alice", pending.getString("requested_by"));
        assertTrue(Instant.parse(pending.getString("destroy_after").replace("+00:00", "Z"))
                .isAfter(Instant.parse(pending.getString("requested_at").replace("+00:00", "Z"))));
        JsonArray request = Lockbox.get("/v1/lockbox/audit?key_id=" + id + "&action=secrets.delete&outcome=allowed",
                admin).json()
                .getJsonArray("events");
        assertEquals(1, request.size());
        assertEquals(request.getJsonObject(0).getString("id"), pending.getString("request_event_id"),
                "the deletion names the audit event of its request");
        assertEquals(1, Lockbox.get("/v1/lockbox/deletions?project_id=" + project, Tokens.serviceAdmin()).json()
                .getInt("total"));

        Reply restored = Lockbox.postJson("/v1/lockbox/deletions/" + id + "/restore", admin, "");
        assertEquals(200, restored.status(), restored.toString());
        assertEquals(ref, restored.json().getString("secret_ref"));
        assertArrayEquals(material, Lockbox.get("/v1/secrets/" + id + "/payload", creator).body());
        assertEquals(1, Lockbox.get(containerPath, creator).json().getJsonArray("secret_refs").size());
        assertEquals(0, Lockbox.get("/v1/lockbox/deletions", admin).json().getInt("total"));
        assertEquals(404, Lockbox.postJson("/v1/lockbox/deletions/" + id + "/restore", admin, "").status());
    }

    @Test
    void onlyAdminsRestoreAndOnlyTheirOwnProjects() {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String id = Lockbox.storeBinary(creator, random(), "");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + id, creator).status());
        String restore = "/v1/lockbox/deletions/" + id + "/restore";

        assertEquals(403, Lockbox.get("/v1/lockbox/deletions", creator).status());
        assertEquals(403, Lockbox.postJson(restore, creator, "").status());
        String auditor = Tokens.token("carol", project, "audit");
        assertEquals(1, Lockbox.get("/v1/lockbox/deletions", auditor).json().getInt("total"));
        assertEquals(403, Lockbox.postJson(restore, auditor, "").status());
        String otherAdmin = Tokens.token("oscar", Tokens.newProject(), "admin");
        assertEquals(0, Lockbox.get("/v1/lockbox/deletions", otherAdmin).json().getInt("total"));
        assertEquals(403, Lockbox.get("/v1/lockbox/deletions?project_id=" + project, otherAdmin).status());
        assertEquals(404, Lockbox.postJson(restore, otherAdmin, "").status(), "another project's: as if absent");

        JsonObject refusal = Lockbox.get("/v1/lockbox/audit?key_id=" + id + "&action=deletions.restore&outcome=denied",
                Tokens.serviceAdmin()).json().getJsonArray("events").getJsonObject(0);
        assertEquals(404, refusal.getInt("status"));
        assertTrue(refusal.getString("reason").contains("another project"), refusal.toString());
        assertEquals(200, Lockbox.postJson(restore, Tokens.serviceAdmin(), "").status(), "the service admin may");
    }

    @Test
    void aPendingSecretNoLongerCountsTowardsTheQuotaAndRestoreRespectsIt() {
        String project = Tokens.newProject();
        String serviceAdmin = Tokens.token("quota-keeper", Tokens.newProject(), "key-manager:service-admin");
        assertEquals(204, Lockbox.putJson("/v1/project-quotas/" + project, serviceAdmin,
                "{\"project_quotas\":{\"secrets\":1}}").status());
        try {
            String creator = Tokens.token("alice", project, "creator");
            String first = Lockbox.storeBinary(creator, random(), "");
            assertEquals(204, Lockbox.delete("/v1/secrets/" + first, creator).status());
            Lockbox.storeBinary(creator, random(), "");
            Reply refused = Lockbox.postJson("/v1/lockbox/deletions/" + first + "/restore",
                    Tokens.token("adam", project, "admin"), "");
            assertEquals(409, refused.status(), refused.toString());
            assertTrue(refused.json().getString("description").contains("quota"));
        } finally {
            Lockbox.delete("/v1/project-quotas/" + project, serviceAdmin);
        }
    }

    @Test
    void theSweepDestroysAfterTheGracePeriodOnlyWithARecordedRequest() throws Exception {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String destroyed = Lockbox.storeBinary(creator, random(), "");
        String unrecorded = Lockbox.storeBinary(creator, random(), "");
        String mismatched = Lockbox.storeBinary(creator, random(), "");
        Reply grant = Lockbox.postJson("/v1/lockbox/grants", creator, "{\"service\":\"compute\",\"access\":\"read\","
                + "\"secret_id\":\"" + destroyed + "\",\"grantee\":\"nova\"}");
        assertEquals(201, grant.status(), grant.toString());
        Reply container = Lockbox.postJson("/v1/containers", creator, "{\"type\":\"generic\",\"name\":\"c\","
                + "\"secret_refs\":[{\"name\":\"k\",\"secret_ref\":\"" + Lockbox.URL + "/v1/secrets/" + destroyed
                + "\"}]}");
        assertEquals(201, container.status(), container.toString());
        for (String id : new String[]{destroyed, unrecorded, mismatched}) {
            assertEquals(204, Lockbox.delete("/v1/secrets/" + id, creator).status());
        }
        String otherEvent = Lockbox.get("/v1/lockbox/audit?key_id=" + mismatched + "&action=secrets.create",
                Tokens.serviceAdmin()).json().getJsonArray("events").getJsonObject(0).getString("id");
        setRequestEvent(unrecorded, UUID.randomUUID().toString());
        setRequestEvent(mismatched, otherEvent);

        await(Duration.ofSeconds(90), () -> !secretRowExists(destroyed), "the sweep destroys " + destroyed);
        JsonObject destruction = Lockbox.get("/v1/lockbox/audit?key_id=" + destroyed + "&action=secrets.destroy",
                Tokens.serviceAdmin()).json().getJsonArray("events").getJsonObject(0);
        String request = Lockbox.get("/v1/lockbox/audit?key_id=" + destroyed + "&action=secrets.delete&outcome=allowed",
                Tokens.serviceAdmin()).json().getJsonArray("events").getJsonObject(0).getString("id");
        assertEquals("allowed", destruction.getString("outcome"));
        assertEquals("lockbox", destruction.getString("user_id"));
        assertEquals(project, destruction.getString("project_id"));
        assertTrue(destruction.getString("reason").contains(request), destruction.toString());
        assertEquals(404, Lockbox.postJson("/v1/lockbox/deletions/" + destroyed + "/restore",
                Tokens.serviceAdmin(), "").status());
        assertEquals(0, rows("access_grant", "secret_id", destroyed), "its grants go with it");
        assertEquals(0, rows("deleted_container_member", "secret_id", destroyed), "so does its place in a container (the schema cascades)");
        assertEquals(0, Lockbox.get(Lockbox.path(container.json().getString("container_ref")), creator).json()
                .getJsonArray("secret_refs").size());

        await(Duration.ofSeconds(60), () -> logMentions(unrecorded, "is not in the audit trail")
                && logMentions(mismatched, "does not record a granted deletion"), "the log says why they are kept");
        assertTrue(secretRowExists(unrecorded));
        assertTrue(secretRowExists(mismatched));
        for (String id : new String[]{unrecorded, mismatched}) {
            assertEquals(200, Lockbox.postJson("/v1/lockbox/deletions/" + id + "/restore", Tokens.serviceAdmin(), "")
                    .status());
            assertEquals(200, Lockbox.get("/v1/secrets/" + id, creator).status());
        }
    }

    private static void setRequestEvent(String secretId, String eventId) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement update = db.prepareStatement(
                     "UPDATE secret_deletion SET request_event_id = ? WHERE secret_id = ?")) {
            update.setString(1, eventId);
            update.setString(2, secretId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static boolean secretRowExists(String id) {
        return rows("secret", "id", id) == 1;
    }

    private static int rows(String table, String column, String value) {
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column
                     + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean logMentions(String id, String why) {
        Path log = Lockbox.SERVER_DIR.resolve("logs").resolve("messages.log");
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.contains("Secret " + id + " is past its deletion grace period but is kept")
                            && line.contains(why));
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(500);
        }
    }

    private static byte[] random() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return material;
    }
}
