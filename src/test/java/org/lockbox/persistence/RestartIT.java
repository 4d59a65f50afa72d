package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/** Stops and starts the real server: secrets, KEKs and master keys survive. Runs after every other test. */
@Order(Integer.MAX_VALUE)
class RestartIT {

    private static final Path SERVER = Path.of(System.getProperty("lockbox.wlp.dir", "target/liberty/wlp"), "bin", "server");

    @Test
    void secretsSurviveARestart() throws Exception {
        String token = Tokens.token("alice", Tokens.newProject(), "creator");
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        String id = Lockbox.storeBinary(token, material, "\"name\":\"durable\"");

        run("stop");
        run("start");
        awaitReady(Duration.ofSeconds(180));

        Reply payload = Lockbox.get("/v1/secrets/" + id + "/payload", token);
        assertEquals(200, payload.status(), payload.toString());
        assertArrayEquals(material, payload.body());
        assertEquals("durable", Lockbox.get("/v1/secrets/" + id, token).json().getString("name"));
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SERVER.toString(), command, "lockbox").inheritIO().start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server " + command + " did not finish");
        }
        assertEquals(0, process.exitValue(), "server " + command + " failed");
    }

    private static void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (Lockbox.send(Lockbox.request("/health/ready").GET()).status() == 200) {
                    return;
                }
            } catch (AssertionError notListeningYet) {
                // The HTTP endpoint is not open yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Lockbox was not ready within " + timeout + " after a restart");
    }
}
