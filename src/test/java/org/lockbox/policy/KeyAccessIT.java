package org.lockbox.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Access;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** Ownership by service, scopes and dual locking, enforced by the running server (development tokens). */
class KeyAccessIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String project = Tokens.newProject();
    private final String alice = Tokens.tokenInDomain("alice", project, "dom-1", "member");
    private final String cinder = Tokens.serviceUserToken("cinder");
    private final String glance = Tokens.serviceUserToken("glance");

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void aKeyStoredThroughAServiceIsReadOnlyThroughItUnlessGranted() {
        byte[] material = key();
        String id = Access.store(alice, cinder, material, "\"name\":\"vol-key\"");
        JsonObject view = Access.get("/v1/secrets/" + id, alice, null).json();
        assertEquals("volume", view.getString("owner_service"));
        assertEquals("project", view.getString("scope"));
        assertFalse(view.getBoolean("dual_lock"));

        Reply alone = Access.payload(id, alice, null);
        assertEquals(403, alone.status(), alone.toString());
        assertTrue(alone.json().getString("description").contains("'volume' service"), alone.toString());
        assertEquals(403, Access.delete("/v1/secrets/" + id, alice, null).status(), "nor deleted without it");
        assertArrayEquals(material, Access.payload(id, alice, cinder).body());
        assertEquals(403, Access.payload(id, alice, glance).status(), "another service");

        String admin = Tokens.token("root", project, "admin");
        String grantToImage = "{\"service\":\"image\",\"access\":\"read\",\"secret_id\":\"" + id + "\"}";
        Reply notTheOwner = Lockbox.postJson("/v1/lockbox/grants", admin, grantToImage);
        assertEquals(403, notTheOwner.status(), "the admin alone cannot read it, so cannot pass reading it on: "
                + notTheOwner);
        Reply granted = Access.post("/v1/lockbox/grants", admin, cinder, grantToImage);
        assertEquals(201, granted.status(), granted.toString());
        assertArrayEquals(material, Access.payload(id, alice, glance).body(), "once the project grants it");
        assertEquals(403, Access.delete("/v1/secrets/" + id, alice, glance).status(), "a read grant changes nothing");

        String outsider = Tokens.token("carol", Tokens.newProject(), "admin");
        assertEquals(404, Access.payload(id, outsider, cinder).status(), "the same service in another project");

        assertEquals(204, Lockbox.delete("/v1/lockbox/grants/" + granted.json().getString("id"), admin).status());
        assertEquals(403, Access.payload(id, alice, glance).status(), "a withdrawn grant reads nothing");
        assertEquals(204, Access.delete("/v1/secrets/" + id, admin, null).status(), "the project's admin cleans up");
    }

    @Test
    void aKeyStoredWithoutAServiceStaysBarbicanNormal() {
        byte[] material = key();
        String id = Access.store(alice, null, material, "");
        assertFalse(Access.get("/v1/secrets/" + id, alice, null).json().containsKey("owner_service"));
        assertArrayEquals(material, Access.payload(id, Tokens.token("bob", project, "observer"), null).body());
        assertArrayEquals(material, Access.payload(id, alice, cinder).body(), "a service reads it as the user may");
    }

    @Test
    void aUserKeyIsItsUsersAndHiddenFromTheRestOfTheProject() {
        byte[] material = key();
        String id = Access.store(alice, null, material, "\"scope\":\"user\",\"name\":\"alices-own\"");
        assertEquals("user", Access.get("/v1/secrets/" + id, alice, null).json().getString("scope"));
        assertArrayEquals(material, Access.payload(id, alice, null).body());

        String bob = Tokens.token("bob", project, "member");
        Reply hidden = Access.get("/v1/secrets/" + id, bob, null);
        assertEquals(404, hidden.status());
        assertFalse(hidden.text().contains("alices-own") || hidden.text().contains("alice"), hidden.toString());
        assertEquals(404, Access.payload(id, bob, null).status());
        assertFalse(Lockbox.get("/v1/secrets?limit=100", bob).text().contains(id), "nor listed");
        assertTrue(Lockbox.get("/v1/secrets?limit=100", alice).text().contains(id), "listed for its user");

        String admin = Tokens.token("root", project, "admin");
        assertEquals(200, Access.get("/v1/secrets/" + id, admin, null).status(), "the admin sees it");
        assertTrue(Lockbox.get("/v1/secrets?limit=100", admin).text().contains(id));
        assertEquals(403, Access.payload(id, admin, null).status(), "but may not read it");
        assertEquals(204, Access.delete("/v1/secrets/" + id, admin, null).status(), "and may delete it");
    }

    @Test
    void anEntityKeyNamesItsEntityAndIsFoundByIt() {
        String entity = "vol-" + Tokens.newProject();
        String id = Access.store(alice, cinder, key(), "\"scope\":\"entity\",\"entity_id\":\"" + entity + "\"");
        Access.store(alice, cinder, key(), "\"scope\":\"entity\",\"entity_id\":\"other-" + entity + "\"");
        JsonObject view = Access.get("/v1/secrets/" + id, alice, null).json();
        assertEquals("entity", view.getString("scope"));
        assertEquals(entity, view.getString("entity_id"));
        JsonObject listed = Lockbox.get("/v1/secrets?entity_id=" + entity, alice).json();
        assertEquals(1, listed.getInt("total"));
        JsonObject item = listed.getJsonArray("secrets").getJsonObject(0);
        assertTrue(item.getString("secret_ref").endsWith(id));
        for (String extension : new String[] {"scope", "entity_id", "owner_service", "dual_lock"}) {
            assertFalse(item.containsKey(extension), extension + " must stay out of list items, which "
                    + "python-barbicanclient turns into objects that refuse unknown fields: " + item);
        }
    }

    @Test
    void aDomainKeyIsCreatedByAnAdminAndReadFromTheDomainsOtherProjects() {
        assertEquals(403, Access.post("/v1/secrets", alice, null, Access.secretJson(key(), "\"scope\":\"domain\""))
                .status(), "a member may not widen a key to the domain");
        String admin = Tokens.tokenInDomain("root", project, "dom-1", "admin");
        assertEquals(400, Access.post("/v1/secrets", Tokens.token("root", project, "admin"), null,
                Access.secretJson(key(), "\"scope\":\"domain\"")).status(), "a token that does not say its domain");
        byte[] material = key();
        String id = Access.store(admin, null, material, "\"scope\":\"domain\"");

        String neighbour = Tokens.tokenInDomain("dora", Tokens.newProject(), "dom-1", "member");
        assertArrayEquals(material, Access.payload(id, neighbour, null).body());
        assertEquals(403, Access.delete("/v1/secrets/" + id, neighbour, null).status(), "changed only at home");
        assertEquals(404, Access.payload(id, Tokens.tokenInDomain("eve", Tokens.newProject(), "dom-2", "admin"), null)
                .status(), "another domain");
        assertEquals(404, Access.payload(Access.store(alice, null, key(), ""), neighbour, null).status(),
                "a project key stays in its project");
    }

    @Test
    void aDualLockedKeyNeedsTheTenantAndTheServiceInOneRequest() throws SQLException {
        byte[] material = key();
        assertEquals(400, Access.post("/v1/secrets", alice, null, Access.secretJson(material, "\"dual_lock\":true"))
                .status(), "without the service's part");
        assertEquals(400, Access.post("/v1/secrets", Tokens.token("cinder", project, "member"), cinder,
                Access.secretJson(material, "\"dual_lock\":true")).status(), "the service alone");
        String id = Access.store(alice, cinder, material, "\"dual_lock\":true");
        assertTrue(Access.get("/v1/secrets/" + id, alice, null).json().getBoolean("dual_lock"));

        Reply tenantAlone = Access.payload(id, alice, null);
        assertEquals(403, tenantAlone.status());
        assertFalse(tenantAlone.text().contains(Base64.getEncoder().encodeToString(material)));
        assertEquals(403, Access.payload(id, Tokens.token("cinder", project, "member"), cinder).status(),
                "the service alone, even with a role in the project");
        assertEquals(403, Access.payload(id, Tokens.serviceToken("volume", "alice", project, "member"), null).status(),
                "a token that only claims the service");
        assertArrayEquals(material, Access.payload(id, alice, cinder).body());
        String trust = Tokens.trustToken("cinder", "alice", project, false, null, "member");
        assertArrayEquals(material, Access.payload(id, trust, cinder).body(), "a trust from the tenant and the service");

        try (Connection db = TestDatabase.connect(); PreparedStatement select = db.prepareStatement(
                "SELECT wrapped_material, kek_version, tenant_share, tenant_kek_version FROM secret WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                byte[] serviceShare = row.getBytes(1);
                byte[] tenantShare = row.getBytes(3);
                assertNotNull(serviceShare);
                assertNotNull(tenantShare);
                assertNotNull(row.getObject(4), "the tenant's share names its KEK version");
                assertFalse(Arrays.equals(serviceShare, tenantShare));
                for (byte[] share : new byte[][] {serviceShare, tenantShare}) {
                    assertFalse(contains(share, material), "no stored share holds the key");
                }
            }
        }
    }

    @Test
    void badAccessTermsAreRefusedAndStoreNothing() {
        long before = Lockbox.get("/v1/secrets", alice).json().getInt("total");
        for (String extra : new String[] {"\"scope\":\"galaxy\"", "\"scope\":\"entity\"", "\"entity_id\":\"vol-1\"",
                "\"dual_lock\":\"yes\"", "\"scope\":7", "\"project_id\":\"\""}) {
            Reply reply = Access.post("/v1/secrets", alice, null, Access.secretJson(key(), extra));
            assertEquals(400, reply.status(), extra + ": " + reply);
            assertEquals(400, reply.json().getInt("code"));
        }
        assertEquals(before, Lockbox.get("/v1/secrets", alice).json().getInt("total"));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return true;
            }
        }
        return false;
    }
}
