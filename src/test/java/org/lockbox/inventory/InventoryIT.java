package org.lockbox.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * The read-only inventory the admin console reads: every project for the service admin, the
 * token's project for admin and audit, nothing for other roles; metadata only, never material.
 */
class InventoryIT {

    private static String project;
    private static String other;
    private static String creator;
    private static String keyId;
    private static String otherKeyId;

    @BeforeAll
    static void storeKeys() {
        // The server creates the development issuer's key pair when it first checks a token.
        Lockbox.get("/v1/lockbox/inventory/caller", "not-a-token");
        project = Tokens.newProject();
        other = Tokens.newProject();
        creator = Tokens.token("alice", project, "creator");
        keyId = Lockbox.storeBinary(creator, new byte[32], "\"name\":\"Volume-Key-A\"");
        Lockbox.storeBinary(Tokens.serviceToken("volume", "cinder", project, "creator"), new byte[32],
                "\"name\":\"volume-key-b\"");
        Lockbox.storeBinary(creator, new byte[16], "\"name\":\"old-key\",\"expiration\":\""
                + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(2) + "\"");
        otherKeyId = Lockbox.storeBinary(Tokens.token("bob", other, "creator"), new byte[32], "\"name\":\"other-key\"");
    }

    @Test
    void aServiceAdminSeesEveryProject() {
        String admin = Tokens.serviceAdmin();
        Reply caller = Lockbox.get("/v1/lockbox/inventory/caller", admin);
        assertEquals(200, caller.status(), caller.toString());
        assertTrue(caller.json().getBoolean("every_project"));
        assertEquals("no-store", caller.header("Cache-Control"));

        JsonObject summary = Lockbox.get("/v1/lockbox/inventory/summary", admin).json();
        Set<String> projects = summary.getJsonArray("projects").stream()
                .map(p -> p.asJsonObject().getString("project_id")).collect(Collectors.toSet());
        assertTrue(projects.containsAll(Set.of(project, other)), projects.toString());
        assertTrue(summary.getJsonObject("sealer").getBoolean("ready"));
        assertFalse(summary.getJsonArray("master_keys").isEmpty());

        Reply detail = Lockbox.get("/v1/lockbox/inventory/secrets/" + otherKeyId, admin);
        assertEquals(200, detail.status(), detail.toString());
        assertEquals(other, detail.json().getJsonObject("key").getString("project_id"));
        assertMetadataOnly(detail.text());
    }

    @Test
    void filtersAndPagesKeys() {
        String admin = Tokens.serviceAdmin();
        JsonObject all = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project, admin).json();
        assertEquals(3, all.getInt("total"));
        JsonObject volume = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project + "&service=volume", admin).json();
        assertEquals(1, volume.getInt("total"));
        assertEquals("volume-key-b", volume.getJsonArray("secrets").getJsonObject(0).getString("name"));
        JsonObject byName = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project + "&name=volume-KEY", admin).json();
        assertEquals(2, byName.getInt("total"), "name matches part of it, any case");
        JsonObject page = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project + "&limit=2", admin).json();
        assertEquals(2, page.getJsonArray("secrets").size());
        assertTrue(page.getString("next").contains("offset=2"), page.toString());
        assertMetadataOnly(page.toString());
        assertEquals(400, Lockbox.get("/v1/lockbox/inventory/secrets?status=a%20b", admin).status());
        assertEquals(400, Lockbox.get("/v1/lockbox/inventory/secrets?limit=-1", admin).status());
    }

    @Test
    void tellsExpiredKeysApart() throws InterruptedException {
        Thread.sleep(2500);
        String admin = Tokens.serviceAdmin();
        JsonObject expired = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project + "&status=expired", admin).json();
        assertEquals(1, expired.getInt("total"), expired.toString());
        assertEquals("EXPIRED", expired.getJsonArray("secrets").getJsonObject(0).getString("status"));
        JsonObject active = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + project + "&status=ACTIVE", admin).json();
        assertEquals(2, active.getInt("total"));
    }

    @Test
    void aProjectAdminOrAuditorSeesItsProjectOnly() {
        for (String role : new String[] {"admin", "audit"}) {
            String token = Tokens.token("dana", project, role);
            JsonObject caller = Lockbox.get("/v1/lockbox/inventory/caller", token).json();
            assertFalse(caller.getBoolean("every_project"));
            assertEquals(project, caller.getString("project_id"));
            JsonObject summary = Lockbox.get("/v1/lockbox/inventory/summary", token).json();
            assertTrue(summary.getJsonArray("projects").stream()
                    .allMatch(p -> p.asJsonObject().getString("project_id").equals(project)), summary.toString());
            assertEquals(JsonValue.EMPTY_JSON_ARRAY, summary.getJsonArray("master_keys"));
            assertEquals(JsonValue.NULL, summary.getJsonObject("sealer").get("reason"));
            JsonObject keys = Lockbox.get("/v1/lockbox/inventory/secrets", token).json();
            assertTrue(keys.getInt("total") >= 2);
            assertTrue(keys.getJsonArray("secrets").stream()
                    .allMatch(k -> k.asJsonObject().getString("project_id").equals(project)));
            Reply elsewhere = Lockbox.get("/v1/lockbox/inventory/secrets?project_id=" + other, token);
            assertEquals(403, elsewhere.status(), elsewhere.toString());
            assertEquals(200, Lockbox.get("/v1/lockbox/inventory/secrets/" + keyId, token).status());
            Reply hidden = Lockbox.get("/v1/lockbox/inventory/secrets/" + otherKeyId, token);
            assertEquals(404, hidden.status(), "another project's key does not exist for the caller");
            assertEquals("Secret not found.", hidden.json().getString("description"));
        }
    }

    @Test
    void otherRolesAndNoTokenAreRefused() {
        for (String role : new String[] {"creator", "member", "observer", "reader"}) {
            Reply refused = Lockbox.get("/v1/lockbox/inventory/caller", Tokens.token("eve", project, role));
            assertEquals(403, refused.status(), role + ": " + refused);
            assertEquals(403, refused.json().getInt("code"));
        }
        assertEquals(403, Lockbox.get("/v1/lockbox/inventory/summary", Tokens.token("eve", null, "admin")).status(),
                "an unscoped admin token names no project");
        Reply anonymous = Lockbox.send(Lockbox.request("/v1/lockbox/inventory/summary").GET());
        assertEquals(401, anonymous.status());
        assertEquals(404, Lockbox.get("/v1/lockbox/inventory/secrets/" + "x".repeat(40), Tokens.serviceAdmin()).status());
    }

    private static void assertMetadataOnly(String json) {
        assertFalse(json.contains("wrapped"), json);
        assertFalse(json.contains("\"payload\""), json);
        assertFalse(json.contains("material"), json);
    }
}
