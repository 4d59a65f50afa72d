package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockbox.rotation.RotationSupport.Readers;
import static org.lockbox.rotation.RotationSupport.Stored;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * KEK rotation of one project, against the running server: the project's secrets are rewrapped
 * under the new KEK version in the background while they keep reading the same bytes, the old
 * version is retired once nothing refers to it, and no other project is touched. Works on the
 * "image" service only.
 */
class KekRotationIT {

    private static final String SERVICE = "image";

    @Test
    void rotatingAProjectsKekRewrapsItsSecretsInTheBackground() throws Exception {
        String project = Tokens.newProject();
        List<Stored> secrets = RotationSupport.storeInProject(SERVICE, project, 30);
        String projectAdmin = Tokens.serviceToken(SERVICE, "pat", project, "admin");
        Reply empty = Lockbox.postJson("/v1/secrets", projectAdmin, "{\"name\":\"no payload yet\"}");
        assertEquals(201, empty.status(), empty.toString());
        List<Stored> bystanders = RotationSupport.store(SERVICE, 1, 3);
        Map<String, RotationSupport.SecretRow> before = RotationSupport.secretRows(secrets);
        Map<String, RotationSupport.SecretRow> bystandersBefore = RotationSupport.secretRows(bystanders);
        String path = "/v1/lockbox/projects/" + project + "/kek";

        List<JsonObject> progress;
        try (Readers readers = new Readers(secrets, 2)) {
            Reply reply = Lockbox.postJson(path + "/rotation", projectAdmin, "");
            assertEquals(202, reply.status(), reply.toString());
            JsonObject rotation = reply.json();
            assertEquals(rotation.getString("rotation_ref"), reply.header("Location"));
            assertEquals("KEK", rotation.getString("kind"));
            assertEquals(SERVICE, rotation.getString("service"));
            assertEquals(project, rotation.getString("project_id"));
            assertEquals(1, rotation.getInt("from_version"));
            assertEquals(2, rotation.getInt("to_version"));
            assertEquals(30, rotation.getInt("total"), "the secret without a payload has nothing to rewrap");

            progress = RotationSupport.pollUntil("/v1/lockbox/rotations/" + rotation.getString("id"), projectAdmin,
                    RotationSupport::isDone, Duration.ofSeconds(120));
            Thread.sleep(500);
            assertTrue(readers.reads() > secrets.size(), "the readers read during the rotation: " + readers.reads());
        }
        assertEquals(30, progress.get(progress.size() - 1).getInt("rewrapped"));

        Map<String, RotationSupport.SecretRow> after = RotationSupport.secretRows(secrets);
        before.forEach((id, row) -> {
            assertEquals(1, row.kekVersion());
            assertEquals(2, after.get(id).kekVersion(), "secret " + id + " is under the new KEK version");
            assertFalse(Arrays.equals(row.wrapped(), after.get(id).wrapped()), "secret " + id + " was rewrapped");
        });
        RotationSupport.assertAllRead(secrets);
        Map<String, RotationSupport.SecretRow> bystandersAfter = RotationSupport.secretRows(bystanders);
        bystandersBefore.forEach((id, row) -> assertArrayEquals(row.wrapped(), bystandersAfter.get(id).wrapped(),
                "another project's secrets are not touched"));

        Map<String, RotationSupport.KekRow> keks = RotationSupport.keks(SERVICE);
        assertEquals("RETIRED", keks.get(project + "/1").status());
        assertEquals("ACTIVE", keks.get(project + "/2").status());
        assertEquals(keks.get(project + "/1").masterKeyVersion(), keks.get(project + "/2").masterKeyVersion());

        JsonObject kek = Lockbox.get(path + "?service=" + SERVICE, projectAdmin).json();
        assertEquals(2, kek.getInt("current_version"));
        assertEquals(0, kek.getInt("secrets_to_rewrap"));
        Map<Integer, JsonObject> versions = kek.getJsonArray("versions").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(v -> v.getInt("version"), v -> v));
        assertEquals("RETIRED", versions.get(1).getString("status"));
        assertEquals(0, versions.get(1).getInt("secrets"));
        assertEquals("ACTIVE", versions.get(2).getString("status"));
        assertEquals(30, versions.get(2).getInt("secrets"));
        assertEquals("DONE", kek.getJsonObject("rotation").getString("state"));

        Stored later = RotationSupport.storeInProject(SERVICE, project, 1).get(0);
        assertEquals(2, RotationSupport.secretRows(List.of(later)).get(later.id()).kekVersion(),
                "new material is wrapped under the new KEK version at once");

        String logs = RotationSupport.serverLogs();
        String line = "KEK rotation of project " + project + " (service '" + SERVICE + "') to KEK version 2";
        assertTrue(logs.contains(line + ": started, 30 secrets to rewrap"), "the log says the rotation started");
        assertTrue(logs.contains(line + ": done, "), "the log says the rotation is done");
    }

    @Test
    void onlyTheProjectsAdminOrAServiceAdminRotatesItsKek() {
        String project = Tokens.newProject();
        RotationSupport.storeInProject(SERVICE, project, 2);
        String path = "/v1/lockbox/projects/" + project + "/kek";
        for (String token : List.of(Tokens.token("c", project, "creator"), Tokens.token("o", project, "observer"),
                Tokens.token("m", Tokens.newProject(), "admin"), Tokens.token("d", null, "admin"))) {
            assertStatus(403, Lockbox.postJson(path + "/rotation?service=" + SERVICE, token, ""));
            assertStatus(403, Lockbox.get(path + "?service=" + SERVICE, token));
        }
        assertEquals(401, Lockbox.send(Lockbox.request(path + "/rotation").POST(
                java.net.http.HttpRequest.BodyPublishers.noBody())).status());

        Reply byOperator = Lockbox.postJson(path + "/rotation?service=" + SERVICE, admin(), "");
        assertEquals(202, byOperator.status(), byOperator.toString());
        String rotationId = byOperator.json().getString("id");

        String ownAdmin = Tokens.token("a", project, "admin");
        assertEquals(200, Lockbox.get("/v1/lockbox/rotations/" + rotationId, ownAdmin).status());
        assertStatus(404, Lockbox.get("/v1/lockbox/rotations/" + rotationId, Tokens.token("m", Tokens.newProject(), "admin")));
        assertStatus(404, Lockbox.get("/v1/lockbox/rotations/no-such-rotation", admin()));
        List<String> own = Lockbox.get("/v1/lockbox/rotations", ownAdmin).json().getJsonArray("rotations").stream()
                .map(r -> r.asJsonObject().getString("project_id")).distinct().toList();
        assertEquals(List.of(project), own, "a project's admin lists that project's rotations only");
        JsonObject everything = Lockbox.get("/v1/lockbox/rotations?service=" + SERVICE + "&limit=100", admin()).json();
        assertTrue(everything.getJsonArray("rotations").stream()
                .anyMatch(r -> r.asJsonObject().getString("id").equals(rotationId)));
        assertStatus(400, Lockbox.get("/v1/lockbox/rotations?limit=0", admin()));
        assertStatus(400, Lockbox.get("/v1/lockbox/rotations?state=FINISHED", admin()));

        String noKeysYet = Tokens.newProject();
        assertStatus(404, Lockbox.postJson("/v1/lockbox/projects/" + noKeysYet + "/kek/rotation", admin(), ""));
        assertStatus(404, Lockbox.get("/v1/lockbox/projects/" + noKeysYet + "/kek", admin()));
        assertStatus(404, Lockbox.postJson(path + "/rotation?service=nova", admin(), ""));
    }

    @Test
    void aKekRotatedTwiceInARowEndsWithEverySecretUnderTheNewest() throws Exception {
        String project = Tokens.newProject();
        List<Stored> secrets = RotationSupport.storeInProject(SERVICE, project, 20);
        String projectAdmin = Tokens.serviceToken(SERVICE, "pat", project, "admin");
        String path = "/v1/lockbox/projects/" + project + "/kek";
        assertEquals(202, Lockbox.postJson(path + "/rotation", projectAdmin, "").status());
        Reply second = Lockbox.postJson(path + "/rotation", projectAdmin, "");
        assertEquals(202, second.status(), second.toString());
        assertEquals(3, second.json().getInt("to_version"));

        RotationSupport.pollUntil(path, projectAdmin, k -> k.getInt("secrets_to_rewrap") == 0
                && k.getJsonArray("versions").stream().map(JsonValue::asJsonObject)
                .filter(v -> v.getInt("version") < 3).allMatch(v -> v.getString("status").equals("RETIRED")),
                Duration.ofSeconds(120));
        assertEquals(Map.of(3, 20), RotationSupport.secretsByKekVersion(secrets));
        RotationSupport.assertAllRead(secrets);
    }

    private static void assertStatus(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(status, reply.json().getInt("code"));
    }

    /** Minted when first needed: the server creates the development issuer's key when it starts. */
    private static String admin() {
        return Tokens.serviceAdmin();
    }
}
