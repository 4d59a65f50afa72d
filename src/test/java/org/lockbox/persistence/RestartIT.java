package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Stops and starts the real server: secrets, KEKs and master keys survive, and a master key that
 * cannot be unsealed stops the service instead of degrading it. Runs in its own failsafe
 * execution, after every other integration test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static final Path SERVER_SCRIPT = Path.of(System.getProperty("lockbox.wlp.dir", "target/liberty/wlp"),
            "bin", "server");

    private final String token = Tokens.token("alice", Tokens.newProject(), "creator");

    @Test
    @Order(1)
    void secretsSurviveARestart() throws Exception {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        String id = Lockbox.storeBinary(token, material, "\"name\":\"durable\"");

        restart();
        awaitStatus("/health/ready", 200);

        Reply payload = Lockbox.get("/v1/secrets/" + id + "/payload", token);
        assertEquals(200, payload.status(), payload.toString());
        assertArrayEquals(material, payload.body());
        assertEquals("durable", Lockbox.get("/v1/secrets/" + id, token).json().getString("name"));
    }

    @Test
    @Order(2)
    void aMasterKeyThatCannotBeUnsealedStopsTheServiceUntilItIsRepaired() throws Exception {
        String id = Lockbox.storeBinary(token, new byte[32], "");
        TestRootOfTrust.Repair repair = TestRootOfTrust.sabotage();
        try {
            restart();
            Reply ready = awaitStatus("/health/ready", 503);
            assertEquals("DOWN", ready.json().getString("status"));
            JsonObject masterKeys = checks(ready).get("master-keys");
            assertEquals("DOWN", masterKeys.getString("status"));
            assertTrue(masterKeys.getJsonObject("data").getString("detail").contains(TestRootOfTrust.expectedReason()),
                    masterKeys.toString());

            Reply refused = Lockbox.get("/v1/secrets/" + id, token);
            assertEquals(503, refused.status(), refused.toString());
            assertTrue(refused.json().getString("description").contains("Keys cannot be served"));
            assertEquals(503, Lockbox.postJson("/v1/secrets", token, "{}").status());
            assertEquals(200, Lockbox.send(Lockbox.request("/v1").GET()).status(), "version discovery still answers");
            assertTrue(Files.readString(Lockbox.SERVER_DIR.resolve("logs/messages.log"))
                    .contains("LOCKBOX WILL NOT SERVE KEYS"), "the log says keys are not served");
        } finally {
            repair.run();
            restart();
        }
        awaitStatus("/health/ready", 200);
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
    }

    @Test
    @Order(3)
    void aPlantedHigherMasterKeyVersionIsRefusedAndNamed() throws Exception {
        String id = Lockbox.storeBinary(token, new byte[32], "");
        TestRootOfTrust.Planted planted = TestRootOfTrust.plantHigherVersion("image");
        String named = "image v" + planted.version();
        try {
            restart();
            Reply ready = awaitStatus("/health/ready", 503);
            String detail = checks(ready).get("master-keys").getJsonObject("data").getString("detail");
            assertTrue(detail.contains(named) && detail.contains("not recorded"), detail);
            Reply refused = Lockbox.get("/v1/secrets/" + id + "/payload", token);
            assertEquals(503, refused.status(), refused.toString());
            assertTrue(refused.contentType().startsWith("application/json"), refused.toString());
            assertTrue(Files.readAllLines(Lockbox.SERVER_DIR.resolve("logs/messages.log")).stream()
                    .anyMatch(line -> line.contains("LOCKBOX WILL NOT SERVE KEYS") && line.contains(named)),
                    "the log names the refused blob");
        } finally {
            planted.repair().run();
            restart();
        }
        awaitStatus("/health/ready", 200);
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
    }

    private static Map<String, JsonObject> checks(Reply health) {
        return health.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    }

    private static void restart() throws IOException, InterruptedException {
        server("stop");
        server("start");
    }

    private static void server(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SERVER_SCRIPT.toString(), command, "lockbox")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + command + " did not finish");
        }
        assertEquals(0, process.exitValue(), "server " + command + " failed");
    }

    /** Polls until the path answers with the status (the application may still be starting). */
    private static Reply awaitStatus(String path, int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = Lockbox.send(Lockbox.request(path).GET());
                if (last.status() == status && last.contentType().startsWith("application/json")) {
                    return last;
                }
            } catch (AssertionError notListeningYet) {
                // The HTTP endpoint is not open yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not answer " + status + " within 180 s after a restart; last: " + last);
    }
}
