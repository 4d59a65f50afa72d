package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * DELETEs racing the deletion sweep (grace 20 s, a sweep every 2 s on the test server): secrets in
 * containers are deleted while the sweep destroys others of the same project and containers, and
 * secrets the sweep is destroying are deleted again. A conflict in the database is run again; at
 * worst it answers 503 with a JSON body, never 500.
 */
class DeletionRaceIT {

    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final int THREADS = 8;

    private final String project = Tokens.newProject();
    private final String token = Tokens.token("alice", project, "admin");
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    @Test
    @Disabled("Seen on Derby and PostgreSQL: no 500, conflicts retried (503 with the JSON body after four),"
            + " but some DELETEs racing the sweep then take longer than the client's 60 s; open in issue 10, item 6")
    void deletesRacingTheSweepAreAnsweredAndNeverWith500() throws Exception {
        List<String> swept = storeInContainers(24);
        List<String> racing = storeInContainers(64);

        // Deleted over eight seconds, so that they fall due, and are destroyed, over the racing phase.
        Instant firstDeleted = Instant.now();
        for (String id : swept) {
            expect(Lockbox.delete("/v1/secrets/" + id, token), 204);
            Thread.sleep(330);
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), firstDeleted.plus(GRACE).minusSeconds(1)).toMillis()));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < racing.size(); i++) {
                String fresh = racing.get(i);
                String beingDestroyed = swept.get(i % swept.size());
                running.add(pool.submit(() -> {
                    deleteUntilDone(fresh);
                    expect(Lockbox.delete("/v1/secrets/" + beingDestroyed, token), 404);
                }));
            }
            for (Future<?> each : running) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(unexpected.isEmpty(), "answers other than 204, 404 or a JSON 503: " + unexpected);
        for (String id : racing) {
            assertEquals(404, Lockbox.get("/v1/secrets/" + id, token).status(), "deleted: " + id);
        }
        awaitDestroyed(swept);
    }

    /** Deletes a secret, again after a 503 (which must carry the JSON error body). */
    private void deleteUntilDone(String id) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Reply reply = Lockbox.delete("/v1/secrets/" + id, token);
            if (reply.status() == 204) {
                return;
            }
            if (reply.status() != 503) {
                unexpected.add(reply.toString());
                return;
            }
            expectJsonError(reply);
        }
        unexpected.add("secret " + id + " still not deleted after ten 503s");
    }

    private void expect(Reply reply, int status) {
        if (reply.status() == 503) {
            expectJsonError(reply);
        } else if (reply.status() != status) {
            unexpected.add("expected " + status + ": " + reply);
        }
    }

    private void expectJsonError(Reply reply) {
        if (!reply.contentType().startsWith("application/json") || reply.json().getInt("code") != 503
                || reply.json().getString("description").isBlank()) {
            unexpected.add("a 503 without Barbican's JSON body: " + reply);
        }
    }

    /** Secrets, four to a container, so that deleting one also moves its container places. */
    private List<String> storeInContainers(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(Lockbox.storeBinary(token, new byte[32], "\"name\":\"race-" + i + "\""));
        }
        for (int i = 0; i < count; i += 4) {
            StringBuilder refs = new StringBuilder();
            for (int j = i; j < Math.min(count, i + 4); j++) {
                refs.append(refs.length() == 0 ? "" : ",").append("{\"name\":\"k").append(j).append("\",\"secret_ref\":\"")
                        .append(Lockbox.URL).append("/v1/secrets/").append(ids.get(j)).append("\"}");
            }
            Reply container = Lockbox.postJson("/v1/containers", token,
                    "{\"type\":\"generic\",\"name\":\"race\",\"secret_refs\":[" + refs + "]}");
            assertEquals(201, container.status(), container.toString());
        }
        return ids;
    }

    /** The sweep destroys every secret of the first batch: none is pending any more. */
    private void awaitDestroyed(List<String> ids) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        Set<String> pending;
        do {
            pending = pending();
            pending.retainAll(ids);
            if (pending.isEmpty()) {
                return;
            }
            Thread.sleep(1_000);
        } while (Instant.now().isBefore(deadline));
        assertEquals(Set.of(), pending, "past their grace period and still pending");
    }

    private Set<String> pending() {
        Set<String> ids = new HashSet<>();
        for (int offset = 0; ; offset += 100) {
            JsonObject page = Lockbox.get("/v1/lockbox/deletions?project_id=" + project + "&limit=100&offset=" + offset,
                    Tokens.serviceAdmin()).json();
            List<JsonObject> deletions = page.getJsonArray("deletions").getValuesAs(JsonValue::asJsonObject);
            deletions.forEach(d -> ids.add(d.getString("secret_id")));
            if (deletions.size() < 100) {
                return ids;
            }
        }
    }
}
