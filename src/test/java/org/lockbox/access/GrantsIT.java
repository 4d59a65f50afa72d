package org.lockbox.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Access;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Write-only grants, read grants and per-key delegations through trusts, and the trusts seen (development tokens). */
class GrantsIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String project = Tokens.newProject();
    private final String admin = Tokens.token("root", project, "admin");
    private final String alice = Tokens.token("alice", project, "member");
    private final String cinder = Tokens.serviceUserToken("cinder");
    private final String nova = Tokens.serviceUserToken("nova");

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void aWriteOnlyGrantLetsAServiceCreateKeysItCannotReadAgain() {
        String existing = Access.store(alice, cinder, key(), "");
        String body = Access.secretJson(key(), "\"project_id\":\"" + project + "\",\"scope\":\"entity\","
                + "\"entity_id\":\"vol-2\"");
        assertEquals(403, Access.post("/v1/secrets", cinder, cinder, body).status(), "no grant yet");

        assertEquals(403, Lockbox.postJson("/v1/lockbox/grants", alice,
                "{\"service\":\"volume\",\"access\":\"write-only\"}").status(), "a member may not give one");
        Reply grant = Lockbox.postJson("/v1/lockbox/grants", admin, "{\"service\":\"volume\",\"access\":\"write-only\"}");
        assertEquals(201, grant.status(), grant.toString());
        JsonObject view = grant.json();
        assertEquals(project, view.getString("project_id"));
        assertEquals("write-only", view.getString("access"));
        assertTrue(view.isNull("secret_id") && view.isNull("grantee") && view.isNull("expires_at"));

        byte[] material = key();
        Reply created = Access.post("/v1/secrets", cinder, cinder, Access.secretJson(material, "\"project_id\":\""
                + project + "\",\"scope\":\"entity\",\"entity_id\":\"vol-2\""));
        assertEquals(201, created.status(), created.toString());
        String id = created.refId("secret_ref");
        // The keys are another project's: they do not exist for the service's own token...
        assertEquals(404, Access.get("/v1/secrets/" + id, cinder, cinder).status(), "the service cannot see it again");
        assertEquals(404, Access.payload(id, cinder, cinder).status());
        assertEquals(404, Access.payload(existing, cinder, cinder).status(), "nor any existing key");
        // ... even with every role on its own project.
        String cinderAsAdmin = Tokens.token("cinder", "service", "admin");
        assertEquals(404, Access.payload(id, cinderAsAdmin, cinder).status());
        assertEquals(404, Access.payload(existing, cinderAsAdmin, cinder).status());
        assertEquals(403, Access.post("/v1/secrets", cinder, null, body).status(), "only as the granted service");
        assertEquals(403, Access.post("/v1/secrets", Tokens.serviceUserToken("glance"),
                Tokens.serviceUserToken("glance"), body).status(), "only the granted service");
        assertEquals(403, Access.post("/v1/secrets", cinder, cinder, Access.secretJson(key(),
                "\"project_id\":\"" + Tokens.newProject() + "\"")).status(), "only in the granting project");
        assertEquals(400, Access.post("/v1/secrets", cinder, cinder, Access.secretJson(key(),
                "\"project_id\":\"" + project + "\",\"scope\":\"user\"")).status());

        JsonObject stored = Access.get("/v1/secrets/" + id, alice, null).json();
        assertEquals("volume", stored.getString("owner_service"));
        assertEquals("cinder", stored.getString("creator_id"));
        assertArrayEquals(material, Access.payload(id, alice, cinder).body(), "the service acting for a user reads it");

        assertEquals(204, Lockbox.delete("/v1/lockbox/grants/" + view.getString("id"), admin).status());
        assertEquals(403, Access.post("/v1/secrets", cinder, cinder, body).status(), "withdrawn");
    }

    @Test
    void aDelegateReadsExactlyOneKeyThroughATrustFromItsUser() throws InterruptedException {
        byte[] material = key();
        String volumeKey = Access.store(alice, cinder, material, "\"scope\":\"entity\",\"entity_id\":\"vol-1\"");
        String backupKey = Access.store(alice, cinder, key(), "\"scope\":\"entity\",\"entity_id\":\"backup-1\"");
        String trust = Tokens.trustToken("nova", "alice", project, false, null, "reader");
        assertEquals(403, Access.payload(volumeKey, trust, nova).status(), "the trust alone opens nothing");

        String request = "{\"service\":\"compute\",\"access\":\"read\",\"secret_id\":\"" + volumeKey
                + "\",\"grantee\":\"nova\"}";
        assertEquals(403, Lockbox.postJson("/v1/lockbox/grants", Tokens.token("bob", project, "member"), request)
                .status(), "only the key's user or the admin delegates");
        assertEquals(403, Lockbox.postJson("/v1/lockbox/grants", Tokens.trustToken("cinder", "alice", project, true,
                null, "member"), request).status(), "not under a trust");
        assertEquals(403, Lockbox.postJson("/v1/lockbox/grants", alice, request).status(),
                "alice alone cannot read the volume's key, so she cannot pass reading it on");
        Reply grant = Access.post("/v1/lockbox/grants", alice, cinder, request);
        assertEquals(201, grant.status(), grant.toString());
        assertEquals("alice", grant.json().getString("trustor_user_id"));

        assertArrayEquals(material, Access.payload(volumeKey, trust, nova).body());
        assertEquals(200, Access.get("/v1/secrets/" + volumeKey, trust, nova).status());
        assertEquals(403, Access.payload(backupKey, trust, nova).status(), "no other key");
        assertEquals(403, Lockbox.send(Access.request("/v1/secrets", trust, nova).GET()).status(), "no listing");
        assertEquals(403, Access.delete("/v1/secrets/" + volumeKey, trust, nova).status(), "read only");
        assertEquals(403, Access.payload(volumeKey, trust, null).status(), "only speaking for the compute service");
        assertEquals(403, Access.payload(volumeKey, Tokens.trustToken("nova", "bob", project, false, null, "reader"),
                nova).status(), "only through a trust from the key's user");
        assertEquals(403, Access.payload(volumeKey, Tokens.token("nova", project, "reader"), nova).status(),
                "delegation only");
        assertEquals(404, Access.payload(volumeKey, Tokens.trustToken("nova", "alice", Tokens.newProject(), false,
                null, "reader"), nova).status(), "only in the key's project");

        String expiring = Tokens.trustToken("nova", "alice", project, false, 2L, "reader");
        assertEquals(200, Access.payload(volumeKey, expiring, nova).status());
        Thread.sleep(3_000);
        assertEquals(401, Access.payload(volumeKey, expiring, nova).status(), "not past the trust's expiry");

        assertEquals(204, Lockbox.delete("/v1/lockbox/grants/" + grant.json().getString("id"), alice).status());
        assertEquals(403, Access.payload(volumeKey, trust, nova).status(), "withdrawn at once");
    }

    @Test
    void theProjectSeesItsGrantsAndTheTrustsUsedInIt() {
        String key = Access.store(alice, null, key(), "");
        Reply grant = Lockbox.postJson("/v1/lockbox/grants", alice, "{\"service\":\"compute\",\"access\":\"read\","
                + "\"secret_id\":\"" + key + "\",\"grantee\":\"nova\",\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, grant.status(), grant.toString());
        String id = grant.json().getString("id");
        JsonObject listed = Lockbox.get("/v1/lockbox/grants", admin).json();
        assertEquals(1, listed.getInt("total"));
        assertEquals(id, listed.getJsonArray("grants").getJsonObject(0).getString("id"));
        assertTrue(listed.getJsonArray("grants").getJsonObject(0).getString("expires_at").startsWith("2099-01-01"));
        assertEquals(1, Lockbox.get("/v1/lockbox/grants?secret_id=" + key, alice).json().getInt("total"));
        assertEquals(403, Lockbox.get("/v1/lockbox/grants", Tokens.token("r", project, "reader")).status());
        String stranger = Tokens.token("mallory", Tokens.newProject(), "admin");
        assertEquals(0, Lockbox.get("/v1/lockbox/grants", stranger).json().getInt("total"));
        assertEquals(404, Lockbox.get("/v1/lockbox/grants/" + id, stranger).status());
        assertEquals(404, Lockbox.delete("/v1/lockbox/grants/" + id, stranger).status());
        assertEquals(403, Lockbox.delete("/v1/lockbox/grants/" + id, Tokens.token("bob", project, "member")).status(),
                "only its maker or the admin withdraws it");
        assertTrue(Lockbox.get("/v1/lockbox/grants?limit=100", Tokens.serviceAdmin()).text().contains(id),
                "the service admin sees every project's");

        String trust = Tokens.trustToken("nova", "alice", project, false, 600L, "reader");
        assertEquals(200, Access.payload(key, trust, nova).status());
        JsonObject trusts = Lockbox.get("/v1/lockbox/trusts", admin).json();
        assertEquals(1, trusts.getInt("total"), trusts.toString());
        JsonObject seen = trusts.getJsonArray("trusts").getJsonObject(0);
        assertEquals("alice", seen.getString("trustor_user_id"));
        assertEquals("nova", seen.getString("trustee_user_id"));
        assertEquals(project, seen.getString("project_id"));
        assertFalse(seen.getBoolean("impersonation"));
        assertFalse(seen.isNull("expires_at"));
        assertFalse(seen.isNull("last_used"));
        assertEquals(403, Lockbox.get("/v1/lockbox/trusts", alice).status(), "for the admin and audit");
        assertEquals(200, Lockbox.get("/v1/lockbox/trusts", Tokens.token("aud", project, "audit")).status());
        assertEquals(0, Lockbox.get("/v1/lockbox/trusts", stranger).json().getInt("total"));
    }

    @Test
    void badGrantsAreRefusedAndChangeNothing() {
        String key = Access.store(alice, null, key(), "");
        for (String body : new String[] {"{}", "[]", "{\"service\":\"volume\"}",
                "{\"service\":\"default\",\"access\":\"write-only\"}", "{\"service\":\"galaxy\",\"access\":\"read\"}",
                "{\"service\":\"volume\",\"access\":\"rw\"}", "{\"service\":\"volume\",\"access\":\"write-only\","
                + "\"secret_id\":\"" + key + "\"}", "{\"service\":\"compute\",\"access\":\"read\",\"grantee\":\"nova\"}",
                "{\"service\":\"compute\",\"access\":\"write-only\",\"secret_id\":\"" + key + "\",\"grantee\":\"nova\"}",
                "{\"service\":\"volume\",\"access\":\"write-only\",\"expires_at\":\"2001-01-01T00:00:00Z\"}",
                "{\"service\":\"volume\",\"access\":\"write-only\",\"colour\":\"blue\"}"}) {
            Reply reply = Lockbox.postJson("/v1/lockbox/grants", admin, body);
            assertEquals(400, reply.status(), body + ": " + reply);
            assertEquals(400, reply.json().getInt("code"));
        }
        assertEquals(404, Lockbox.postJson("/v1/lockbox/grants", admin, "{\"service\":\"compute\",\"access\":\"read\","
                + "\"secret_id\":\"00000000-0000-0000-0000-000000000000\",\"grantee\":\"nova\"}").status());
        assertEquals(0, Lockbox.get("/v1/lockbox/grants", admin).json().getInt("total"));
    }
}
