package org.lockbox.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Access;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;

/**
 * The volume-encryption life cycle end to end with a real Keystone's tokens (JWS or Fernet,
 * whichever this run's Keystone issues): the volume service (cinder) creates a volume key for
 * alice; a compute host (nova) reads it through a trust from alice and a grant on that one key; a
 * snapshot clones it; a backup gets its own key; an unencrypted volume is migrated to a key the volume service creates
 * write-only; revoking the trust cuts the compute host off within the token cache bound.
 */
class VolumeLifecycleIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void keystone() {
        Keystone.require();
    }

    private static byte[] key() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void aVolumesKeysFromCreationToTheComputeHostLosingIt() throws InterruptedException {
        String project = Keystone.fixture("PROJA_ID");
        String alice = Keystone.token("alice", "projA");
        String carol = Keystone.token("carol", "projA");
        String cinder = Keystone.token("cinder", "service");
        String nova = Keystone.token("nova", "service");
        String volume = "vol-" + Instant.now().toEpochMilli();

        // The volume service creates the volume's key for alice: her token, its service token.
        byte[] volumeKey = key();
        String volumeKeyId = Access.store(alice, cinder, volumeKey, "\"name\":\"" + volume + "\",\"scope\":\"entity\","
                + "\"entity_id\":\"" + volume + "\",\"algorithm\":\"aes\",\"bit_length\":512,\"mode\":\"xts\","
                + "\"secret_type\":\"symmetric\"");
        JsonObject view = Access.get("/v1/secrets/" + volumeKeyId, alice, null).json();
        assertEquals("volume", view.getString("owner_service"));
        assertEquals(volume, view.getString("entity_id"));
        assertEquals(Keystone.fixture("ALICE_ID"), view.getString("creator_id"));
        assertEquals(403, Access.payload(volumeKeyId, alice, null).status(), "alice alone cannot take the volume's key");
        assertArrayEquals(volumeKey, Access.payload(volumeKeyId, alice, cinder).body());

        // A compute host attaches the volume: a trust from alice (role reader: it opens nothing by
        // itself) and alice's grant on this one key to nova, speaking for the compute service.
        String trustId = Keystone.createTrust("nova", "reader", false, null);
        String novaForAlice = Keystone.trustToken("nova", trustId);
        assertEquals(403, Access.payload(volumeKeyId, novaForAlice, nova).status(), "the trust alone");
        String delegation = "{\"service\":\"compute\",\"access\":\"read\",\"secret_id\":\"" + volumeKeyId
                + "\",\"grantee\":\"" + Keystone.fixture("NOVA_ID") + "\"}";
        assertEquals(403, Access.post("/v1/lockbox/grants", alice, null, delegation).status(),
                "alice alone cannot read the volume's key, so she cannot pass reading it on");
        Reply grant = Access.post("/v1/lockbox/grants", alice, cinder, delegation);
        assertEquals(201, grant.status(), grant.toString());
        assertArrayEquals(volumeKey, Access.payload(volumeKeyId, novaForAlice, nova).body());
        assertEquals(404, Access.payload(volumeKeyId, nova, nova).status(), "nova without the trust: not its project");
        assertEquals(403, Lockbox.send(Access.request("/v1/secrets", novaForAlice, nova).GET()).status(),
                "nova lists nothing");

        // A snapshot of the volume clones its key inside Lockbox: same material, a new id in the
        // volume's key group, still owned by the volume service; the delegation does not reach it.
        Reply snapshot = Access.post("/v1/lockbox/secrets/" + volumeKeyId + "/clone", alice, cinder,
                "{\"name\":\"snap-of-" + volume + "\"}");
        assertEquals(201, snapshot.status(), snapshot.toString());
        String snapshotKeyId = snapshot.refId("secret_ref");
        assertArrayEquals(volumeKey, Access.payload(snapshotKeyId, alice, cinder).body());
        JsonObject snapshotView = Access.get("/v1/secrets/" + snapshotKeyId, alice, null).json();
        assertEquals("volume", snapshotView.getString("owner_service"));
        assertEquals(snapshot.json().getString("group_ref"), snapshotView.getString("group_ref"));
        assertEquals(403, Access.post("/v1/lockbox/secrets/" + volumeKeyId + "/clone", alice, null, "{}").status(),
                "alice alone cannot clone what she cannot read");
        assertEquals(403, Access.post("/v1/lockbox/secrets/" + volumeKeyId + "/clone", novaForAlice, nova, "{}")
                .status(), "a delegate reads, it does not clone");
        assertEquals(403, Access.payload(snapshotKeyId, novaForAlice, nova).status(), "nor reads the snapshot's key");

        // A backup gets its own key, which the compute host cannot read.
        byte[] backupKey = key();
        String backupKeyId = Access.store(alice, cinder, backupKey, "\"scope\":\"entity\",\"entity_id\":\"backup-of-"
                + volume + "\"");
        assertFalse(Arrays.equals(volumeKey, Access.payload(backupKeyId, alice, cinder).body()));
        assertEquals(403, Access.payload(backupKeyId, novaForAlice, nova).status(), "exactly one key for nova");

        // An unencrypted volume is migrated: the project's admin lets the volume service create keys
        // write-only; the service, with only its own token, creates the new key and cannot fetch it.
        Reply writeOnly = Access.post("/v1/lockbox/grants", carol, null,
                "{\"service\":\"volume\",\"access\":\"write-only\"}");
        assertEquals(201, writeOnly.status(), writeOnly.toString());
        String migrated = "vol-migrated-" + Instant.now().toEpochMilli();
        byte[] migratedKey = key();
        Reply created = Access.post("/v1/secrets", cinder, cinder, Access.secretJson(migratedKey, "\"project_id\":\""
                + project + "\",\"scope\":\"entity\",\"entity_id\":\"" + migrated + "\""));
        assertEquals(201, created.status(), created.toString());
        String migratedKeyId = created.refId("secret_ref");
        assertEquals(404, Access.payload(migratedKeyId, cinder, cinder).status(), "no way back for the service alone");
        assertEquals(404, Access.get("/v1/secrets/" + migratedKeyId, cinder, cinder).status(), "not even its metadata");
        assertEquals(404, Access.payload(volumeKeyId, cinder, cinder).status(), "nor to any other key");
        assertEquals(1, Lockbox.get("/v1/secrets?entity_id=" + migrated, alice).json().getInt("total"),
                "the key is alice's project's");
        assertArrayEquals(migratedKey, Access.payload(migratedKeyId, alice, cinder).body(),
                "the volume service reads it acting for alice");
        assertEquals(204, Lockbox.delete("/v1/lockbox/grants/" + writeOnly.json().getString("id"), carol).status());

        // The project sees the trust in force.
        assertTrue(Lockbox.get("/v1/lockbox/trusts?limit=100", carol).text().contains(trustId));

        // Alice revokes the trust: within the cache bound the compute host is cut off.
        long bound = Long.parseLong(System.getenv().getOrDefault("LOCKBOX_TOKEN_CACHE_SECONDS", "300"));
        assertTrue(bound <= 30, "run with LOCKBOX_TOKEN_CACHE_SECONDS of 30 or less (scripts/test uses 8)");
        Keystone.deleteTrust(trustId);
        Instant revoked = Instant.now();
        Reply reply;
        do {
            Thread.sleep(500);
            reply = Access.payload(volumeKeyId, novaForAlice, nova);
        } while (reply.status() == 200 && Duration.between(revoked, Instant.now()).getSeconds() < bound + 5);
        assertEquals(401, reply.status(), reply.toString());
        assertTrue(Duration.between(revoked, Instant.now()).getSeconds() <= bound + 2,
                "cut off within the cache bound of " + bound + " s");
        assertArrayEquals(volumeKey, Access.payload(volumeKeyId, alice, cinder).body(), "the volume keeps its key");
    }
}
