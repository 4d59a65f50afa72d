package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.rotation.RotationSupport.Readers;
import static org.lockbox.rotation.RotationSupport.Stored;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestRootOfTrust;
import org.lockbox.testing.Tokens;

/**
 * Master-key rotation online, against the running server with the software sealer: a version
 * provisioned through the API is current at once, every KEK of the service is rewrapped under it in
 * the background while every secret keeps reading the same bytes, key material is not touched, and
 * the old version is retired only once no KEK uses it. Works on the "object" service only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterKeyRotationIT {

    private static final String SERVICE = "object";
    private static final String PATH = "/v1/lockbox/master-keys/" + SERVICE;

    private static List<Stored> secrets;
    private static Map<String, RotationSupport.KekRow> keksBefore;
    private static int rotatedFrom;
    private static int rotatedTo;

    @Test
    @Order(1)
    void onlyAServiceAdminSeesOrManagesMasterKeys() {
        String project = Tokens.newProject();
        for (String token : List.of(Tokens.token("a", project, "admin"), Tokens.token("c", project, "creator"),
                Tokens.token("o", null, "admin"))) {
            assertDenied(Lockbox.get("/v1/lockbox/master-keys", token));
            assertDenied(Lockbox.get(PATH, token));
            assertDenied(Lockbox.postJson(PATH + "/versions", token, ""));
            assertDenied(Lockbox.delete(PATH + "/versions/1", token));
        }
        assertEquals(401, Lockbox.send(Lockbox.request("/v1/lockbox/master-keys").GET()).status());

        Reply all = Lockbox.get("/v1/lockbox/master-keys", admin());
        assertEquals(200, all.status(), all.toString());
        assertEquals(TestRootOfTrust.provider(), all.json().getString("provider"));
        List<String> services = all.json().getJsonArray("master_keys").stream()
                .map(v -> v.asJsonObject().getString("service")).toList();
        assertEquals(List.of("default", "volume", "object", "image", "compute"), services);

        assertNotFound(Lockbox.get("/v1/lockbox/master-keys/nova", admin()));
        assertNotFound(Lockbox.postJson("/v1/lockbox/master-keys/nova/versions", admin(), ""));
        assertNotFound(Lockbox.delete(PATH + "/versions/abc", admin()));
        assertNotFound(Lockbox.delete(PATH + "/versions/999", admin()));
    }

    @Test
    @Order(2)
    void aVersionProvisionedOnlineRewrapsEveryKekWhileEverySecretKeepsReading() throws Exception {
        secrets = RotationSupport.store(SERVICE, 40, 2);
        keksBefore = RotationSupport.keks(SERVICE);
        Map<String, RotationSupport.SecretRow> secretsBefore = RotationSupport.secretRows(secrets);
        rotatedFrom = Lockbox.get(PATH, admin()).json().getInt("current_version");

        List<JsonObject> progress;
        JsonObject provisioned;
        try (Readers readers = new Readers(secrets, 3)) {
            Reply reply = Lockbox.postJson(PATH + "/versions", admin(), "");
            assertEquals(201, reply.status(), reply.toString());
            provisioned = reply.json();
            rotatedTo = provisioned.getInt("version");
            assertEquals(rotatedFrom + 1, rotatedTo);
            assertTrue(reply.header("Location").endsWith(PATH), reply.header("Location"));

            JsonObject rotation = provisioned.getJsonObject("rotation");
            assertEquals("MASTER_KEY", rotation.getString("kind"));
            assertEquals(SERVICE, rotation.getString("service"));
            assertEquals(JsonValue.NULL, rotation.get("project_id"));
            assertEquals(rotatedFrom, rotation.getInt("from_version"));
            assertEquals(rotatedTo, rotation.getInt("to_version"));
            assertEquals(keksBefore.size(), rotation.getInt("total"), "every KEK of the service is to be rewrapped");

            progress = RotationSupport.pollUntil("/v1/lockbox/rotations/" + rotation.getString("id"), admin(),
                    RotationSupport::isDone, Duration.ofSeconds(120));
            Thread.sleep(500);
            assertTrue(readers.reads() > secrets.size(), "the readers read during the rotation: " + readers.reads());
        }

        long previous = -1;
        for (JsonObject seen : progress) {
            long rewrapped = seen.getJsonNumber("rewrapped").longValue();
            assertTrue(rewrapped >= previous, "progress only moves forward: " + progress);
            assertEquals(seen.getInt("total"), rewrapped + seen.getJsonNumber("remaining").longValue());
            previous = rewrapped;
        }
        JsonObject done = progress.get(progress.size() - 1);
        assertEquals(keksBefore.size(), done.getInt("rewrapped"));
        assertEquals(0, done.getInt("remaining"));
        assertFalse(done.isNull("finished"));

        Map<String, RotationSupport.KekRow> keksAfter = RotationSupport.keks(SERVICE);
        assertEquals(keksBefore.keySet(), keksAfter.keySet());
        keksAfter.forEach((kek, row) -> {
            assertEquals(rotatedTo, row.masterKeyVersion(), "KEK " + kek + " is under the new master-key version");
            assertFalse(Arrays.equals(keksBefore.get(kek).wrapped(), row.wrapped()), "KEK " + kek + " was rewrapped");
        });
        Map<String, RotationSupport.SecretRow> secretsAfter = RotationSupport.secretRows(secrets);
        secretsBefore.forEach((id, row) -> {
            assertEquals(row.kekVersion(), secretsAfter.get(id).kekVersion());
            assertArrayEquals(row.wrapped(), secretsAfter.get(id).wrapped(),
                    "a master-key rotation never re-encrypts key material");
        });
        RotationSupport.assertAllRead(secrets);

        JsonObject state = Lockbox.get(PATH, admin()).json();
        assertEquals(rotatedTo, state.getInt("current_version"));
        assertEquals(0, state.getInt("keks_to_rewrap"));
        Map<Integer, JsonObject> versions = versions(state);
        assertEquals(0, versions.get(rotatedFrom).getInt("keks"));
        assertFalse(versions.get(rotatedFrom).getBoolean("current"));
        assertEquals(keksBefore.size(), versions.get(rotatedTo).getInt("keks"));
        assertTrue(versions.get(rotatedTo).getBoolean("current"));
        assertEquals("DONE", state.getJsonObject("rotation").getString("state"));

        String logs = RotationSupport.serverLogs();
        String line = "Master-key rotation of service '" + SERVICE + "' to version " + rotatedTo;
        assertTrue(logs.contains(line + ": started, "), "the log says the rotation started");
        assertTrue(logs.contains(line + ": done, "), "the log says the rotation is done");

        List<Stored> later = RotationSupport.store(SERVICE, 1, 1);
        assertEquals(rotatedTo, RotationSupport.keks(SERVICE).get(later.get(0).project() + "/1").masterKeyVersion(),
                "a new project's KEK is wrapped under the new version");
        RotationSupport.assertAllRead(later);
    }

    @Test
    @Order(3)
    void anOldVersionIsRetiredOnlyOnceNoKekUsesIt() throws Exception {
        String kek = keksBefore.keySet().iterator().next();
        String project = kek.substring(0, kek.indexOf('/'));
        Reply current = Lockbox.delete(PATH + "/versions/" + rotatedTo, admin());
        assertEquals(409, current.status(), current.toString());
        assertTrue(current.json().getString("description").contains("current"), current.toString());

        // A KEK labelled with the old version whose ciphertext is not under it fails its integrity
        // check: the sweep cannot rewrap it, the rotation stalls, and the old version stays in use.
        assertEquals(1, RotationSupport.update("UPDATE project_kek SET master_key_version = ? WHERE service = ?"
                + " AND project_id = ? AND kek_version = 1", rotatedFrom, SERVICE, project));
        JsonObject stalled = RotationSupport.pollUntil(PATH, admin(),
                s -> "STALLED".equals(s.getJsonObject("rotation").getString("state")), Duration.ofSeconds(60))
                .stream().reduce((a, b) -> b).orElseThrow().getJsonObject("rotation");
        assertEquals(1, stalled.getInt("failed"));
        assertEquals(1, stalled.getInt("remaining"));
        assertTrue(stalled.getString("detail").contains("integrity"), stalled.toString());
        assertTrue(RotationSupport.serverLogs().contains("KEK version 1 of project " + project + " (service '"
                + SERVICE + "') stays under its master-key version"));

        Reply inUse = Lockbox.delete(PATH + "/versions/" + rotatedFrom, admin());
        assertEquals(409, inUse.status(), inUse.toString());
        assertTrue(inUse.json().getString("description").startsWith("1 KEK(s)"), inUse.toString());

        // The genuine wrapping under the old version is put back; a newer version's rotation rewraps it.
        assertEquals(1, RotationSupport.update("UPDATE project_kek SET wrapped_key = ? WHERE service = ?"
                + " AND project_id = ? AND kek_version = 1", keksBefore.get(kek).wrapped(), SERVICE, project));
        Reply newer = Lockbox.postJson(PATH + "/versions", admin(), "");
        assertEquals(201, newer.status(), newer.toString());
        int newest = newer.json().getInt("version");
        RotationSupport.pollUntil("/v1/lockbox/rotations/" + newer.json().getJsonObject("rotation").getString("id"),
                admin(), RotationSupport::isDone, Duration.ofSeconds(120));
        assertEquals(Map.of(newest, RotationSupport.keks(SERVICE).size()), RotationSupport.keksByMasterKeyVersion(SERVICE));

        // A live approved replica that still uses an older version holds the retirement back, named.
        String lagging = UUID.randomUUID().toString();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        RotationSupport.update("INSERT INTO replica (id, name, ek_certificate, storage_key_public, state, requested,"
                + " seen) VALUES (?, 'lagging-replica', ?, ?, 'APPROVED', ?, ?)", lagging, new byte[] {1},
                new byte[] {1}, now, now);
        RotationSupport.update("INSERT INTO replica_version (replica_id, service, current_version) VALUES (?, ?, ?)",
                lagging, SERVICE, rotatedTo);
        try {
            Reply waiting = Lockbox.delete(PATH + "/versions/" + rotatedFrom, admin());
            assertEquals(409, waiting.status(), waiting.toString());
            assertTrue(waiting.json().getString("description").contains("lagging-replica (" + lagging + ") uses v"
                    + rotatedTo), waiting.toString());
            // Once it uses the newest version, it no longer holds anything back.
            RotationSupport.update("UPDATE replica_version SET current_version = ? WHERE replica_id = ?", newest,
                    lagging);
            for (int retired : List.of(rotatedFrom, rotatedTo)) {
                assertTrue(Files.exists(TestRootOfTrust.sealedFile(SERVICE, retired)));
                Reply reply = Lockbox.delete(PATH + "/versions/" + retired, admin());
                assertEquals(204, reply.status(), reply.toString());
                assertFalse(Files.exists(TestRootOfTrust.sealedFile(SERVICE, retired)),
                        "the sealer deleted the retired version");
                assertNotFound(Lockbox.delete(PATH + "/versions/" + retired, admin()));
            }
        } finally {
            RotationSupport.update("DELETE FROM replica WHERE id = ?", lagging);
        }
        assertEquals(409, Lockbox.delete(PATH + "/versions/" + newest, admin()).status());
        assertEquals(List.of(newest), List.copyOf(versions(Lockbox.get(PATH, admin()).json()).keySet()));
        RotationSupport.assertAllRead(secrets);
    }

    private static Map<Integer, JsonObject> versions(JsonObject state) {
        return state.getJsonArray("versions").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(v -> v.getInt("version"), v -> v));
    }

    private static void assertDenied(Reply reply) {
        assertEquals(403, reply.status(), reply.toString());
        assertEquals(403, reply.json().getInt("code"));
    }

    private static void assertNotFound(Reply reply) {
        assertEquals(404, reply.status(), reply.toString());
        assertEquals(404, reply.json().getInt("code"));
    }

    /** Minted when first needed: the server creates the development issuer's key when it starts. */
    private static String admin() {
        return Tokens.serviceAdmin();
    }
}
