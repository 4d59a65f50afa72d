package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;

/**
 * Stops the real Keystone under the running server: tokens already validated keep working until
 * their cache entry ends, new ones get a JSON 503 (not 401, not 500), and service resumes when
 * Keystone is back: it waits until Keystone answers again, so tests after it find it up.
 */
class KeystoneOutageIT {

    @Test
    void cachedTokensOutliveAnOutageAndNewOnesAreUnavailable() throws InterruptedException {
        Keystone.require();
        String cached = Keystone.token("alice", "projA");
        String fresh = Keystone.token("alice", "projA");
        assertEquals(200, Lockbox.get("/v1/secrets", cached).status());

        Keystone.script("stop");
        try {
            Reply stillServed = Lockbox.get("/v1/secrets", cached);
            assertEquals(200, stillServed.status(), "a cached token works while Keystone is down: " + stillServed);

            Reply unavailable = Lockbox.get("/v1/secrets", fresh);
            assertEquals(503, unavailable.status(), unavailable.toString());
            assertTrue(unavailable.contentType().startsWith("application/json"), unavailable.toString());
            assertEquals(503, unavailable.json().getInt("code"));
            assertTrue(unavailable.json().getString("description").contains("Keystone"), unavailable.toString());

            // readiness says so, and stays UP: cached tokens are still served (docs/operations.md, "Operations endpoints")
            Reply ready = Lockbox.send(Lockbox.request("/health/ready").GET());
            assertEquals(200, ready.status(), ready.toString());
            JsonObject keystone = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(c -> c.getString("name").equals("keystone")).findFirst().orElseThrow();
            assertEquals("UP", keystone.getString("status"), ready.toString());
            assertEquals(false, keystone.getJsonObject("data").getBoolean("reachable"), ready.toString());
            assertTrue(keystone.getJsonObject("data").getString("detail").contains("cannot be reached"), ready.toString());
        } finally {
            Keystone.script("start");
        }

        Instant back = Instant.now();
        Reply served;
        do {
            served = Lockbox.get("/v1/secrets", fresh);
        } while (served.status() != 200 && Duration.between(back, Instant.now()).getSeconds() < 20 && pause());
        assertEquals(200, served.status(), "the new token works once Keystone is back: " + served);
        assertTrue(Lockbox.send(Lockbox.request("/health/ready").GET()).text().contains("\"reachable\":true"),
                "readiness sees Keystone again");
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(500);
        return true;
    }
}
