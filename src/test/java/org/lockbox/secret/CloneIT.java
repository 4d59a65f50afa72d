package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** Cloning a key for a snapshot or an image: same material, new id, the same group, the source kept while cloned. */
class CloneIT {

    private final String project = Tokens.newProject();
    private final String alice = Tokens.token("alice", project, "creator");
    private final byte[] material = new byte[64];
    private final String volumeKey;

    CloneIT() {
        new SecureRandom().nextBytes(material);
        volumeKey = Lockbox.storeBinary(alice, material, "\"name\":\"volume-1\",\"secret_type\":\"symmetric\","
                + "\"algorithm\":\"aes\",\"bit_length\":512,\"mode\":\"xts\"");
    }

    @Test
    void aCloneHasTheSameMaterialUnderANewIdInTheSourcesGroup() {
        Reply cloned = clone(volumeKey, alice, "{\"name\":\"snapshot-1\"}");
        assertEquals(201, cloned.status(), cloned.toString());
        String snapshotKey = cloned.refId("secret_ref");
        assertNotEquals(volumeKey, snapshotKey);
        assertEquals(Lockbox.URL + "/v1/secrets/" + snapshotKey, cloned.header("Location"));
        assertArrayEquals(material, Lockbox.payload(snapshotKey, alice).body());

        JsonObject snapshot = Lockbox.get("/v1/secrets/" + snapshotKey, alice).json();
        assertEquals("snapshot-1", snapshot.getString("name"));
        assertEquals("aes", snapshot.getString("algorithm"));
        assertEquals(512, snapshot.getInt("bit_length"));
        assertEquals("xts", snapshot.getString("mode"));
        assertEquals(Lockbox.URL + "/v1/secrets/" + volumeKey, snapshot.getString("cloned_from"));
        String group = cloned.json().getString("group_ref");
        assertEquals(group, snapshot.getString("group_ref"));
        assertEquals(group, Lockbox.get("/v1/secrets/" + volumeKey, alice).json().getString("group_ref"));

        String imageKey = clone(snapshotKey, alice, "").refId("secret_ref");
        assertEquals("snapshot-1", Lockbox.get("/v1/secrets/" + imageKey, alice).json().getString("name"));
        JsonObject members = Lockbox.get(Lockbox.path(group), alice).json();
        assertEquals(3, members.getJsonArray("secrets").size(), members.toString());
        assertEquals("volume-1", members.getString("name"));
    }

    @Test
    void theMaterialIsWrappedAnewForTheClone() throws Exception {
        String snapshotKey = clone(volumeKey, alice, "").refId("secret_ref");
        byte[] source = TestDatabase.wrappedMaterial(volumeKey);
        byte[] copy = TestDatabase.wrappedMaterial(snapshotKey);
        assertFalse(Arrays.equals(source, copy), "a ciphertext is bound to its own row");
        assertFalse(new String(copy, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(new String(material, java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aClonedKeyStaysUntilItsClonesGoOrTheDeletionIsForced() {
        String snapshotKey = clone(volumeKey, alice, "").refId("secret_ref");
        Reply refused = Lockbox.delete("/v1/secrets/" + volumeKey, alice);
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.json().getString("description").contains("clone"), refused.toString());
        assertEquals(200, Lockbox.get("/v1/secrets/" + volumeKey, alice).status(), "nothing was deleted");

        assertEquals(204, Lockbox.delete("/v1/secrets/" + snapshotKey, alice).status(), "a clone itself may go");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + volumeKey, alice).status(), "then its source");
    }

    @Test
    void aForcedDeletionLeavesTheClonesReadable() {
        String snapshotKey = clone(volumeKey, alice, "").refId("secret_ref");
        assertEquals(204, Lockbox.delete("/v1/secrets/" + volumeKey + "?force=true", alice).status());
        assertArrayEquals(material, Lockbox.payload(snapshotKey, alice).body());
    }

    @Test
    void cloningNeedsTheRightToReadTheSourceAndToCreate() {
        assertEquals(403, clone(volumeKey, Tokens.token("olive", project, "observer"), "").status());
        assertEquals(403, clone(volumeKey, Tokens.token("audrey", project, "audit"), "").status());
        assertEquals(404, clone(volumeKey, Tokens.token("mallory", Tokens.newProject(), "admin"), "").status());
        assertEquals(404, clone("00000000-0000-0000-0000-000000000000", alice, "").status());

        Lockbox.putJson("/v1/secrets/" + volumeKey + "/acl", alice, "{\"read\":{\"project-access\":false}}");
        assertEquals(403, clone(volumeKey, Tokens.token("carol", project, "creator"), "").status(),
                "a private key is cloned only by its creator or an admin");
        assertEquals(201, clone(volumeKey, Tokens.token("root", project, "admin"), "").status());
    }

    @Test
    void refusesBadRequestsAndClonesNothing() {
        for (String body : new String[]{"{\"name\":5}", "[]", "{", "{\"name\":\"" + "x".repeat(300) + "\"}"}) {
            Reply reply = clone(volumeKey, alice, body);
            assertEquals(400, reply.status(), body + " -> " + reply);
        }
        String empty = Lockbox.postJson("/v1/secrets", alice, "{\"name\":\"later\"}").refId("secret_ref");
        assertEquals(409, clone(empty, alice, "").status(), "no payload, nothing to clone");
        assertEquals(2, Lockbox.get("/v1/secrets", alice).json().getInt("total"));
    }

    @Test
    void clonesCountTowardsTheSecretsQuota() {
        String serviceAdmin = Tokens.token("quota-keeper", Tokens.newProject(), "key-manager:service-admin");
        assertEquals(204, Lockbox.putJson("/v1/project-quotas/" + project, serviceAdmin,
                "{\"project_quotas\":{\"secrets\":1}}").status());
        Reply refused = clone(volumeKey, alice, "");
        assertEquals(403, refused.status(), refused.toString());
        assertEquals(1, Lockbox.get("/v1/secrets", alice).json().getInt("total"));
    }

    private static Reply clone(String secretId, String token, String body) {
        return Lockbox.postJson("/v1/lockbox/secrets/" + secretId + "/clone", token, body);
    }
}
