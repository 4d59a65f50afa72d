package org.lockbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * /metrics, as operators read it without a token: requests and latency per route template, the token
 * and KEK cache ratios moving with requests, and nothing secret (no token, token hash, key id, project
 * id or material) anywhere in it. (RelocatedDeploymentIT, whose undeployed second copy of the
 * application takes the application metrics with it, runs in its own failsafe execution after this one.)
 */
class MetricsIT {

    @Test
    void countsRequestsPerRouteTemplateAndMethodAndStatus() {
        String project = Tokens.newProject();
        String token = Tokens.token("metrics-user", project, "creator");
        String id = Lockbox.storeBinary(token, new byte[32], "\"name\":\"metrics\"");
        String metrics = metrics();
        double reads = Metrics.sum(metrics, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets/{id}", "method", "GET", "status", "200"));
        double refused = Metrics.sum(metrics, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets/{id}", "method", "GET", "status", "404"));
        double unauthenticated = Metrics.sum(metrics, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets", "method", "GET", "status", "401"));

        for (int i = 0; i < 3; i++) {
            assertEquals(200, Lockbox.get("/v1/secrets/" + id, token).status());
        }
        assertEquals(404, Lockbox.get("/v1/secrets/" + java.util.UUID.randomUUID(), token).status());
        assertEquals(401, Lockbox.get("/v1/secrets", "not-a-token").status());

        String after = metrics();
        assertEquals(reads + 3, Metrics.sum(after, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets/{id}", "method", "GET", "status", "200")), 0.0, "three reads counted");
        assertEquals(refused + 1, Metrics.sum(after, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets/{id}", "method", "GET", "status", "404")), 0.0, "one 404 counted");
        assertEquals(unauthenticated + 1, Metrics.sum(after, "lockbox_requests_seconds_count",
                Map.of("route", "/v1/secrets", "method", "GET", "status", "401")), 0.0, "one 401 counted");
        assertTrue(Metrics.sum(after, "lockbox_requests_seconds_sum",
                Map.of("route", "/v1/secrets/{id}", "method", "GET", "status", "200")) > 0, "latency recorded");
        assertFalse(after.contains(id), "a key id is in /metrics");
        assertFalse(after.contains(project), "a project id is in /metrics");
    }

    @Test
    void tokenAndKekCacheRatiosMoveWithRequests() {
        String project = Tokens.newProject();
        String token = Tokens.token("metrics-cache", project, "creator");
        String id = Lockbox.storeBinary(token, new byte[32], "");   // validates the token, creates the KEK
        String before = metrics();
        double tokenHits = Metrics.sum(before, "lockbox_token_cache_hits", Map.of());
        double kekHits = Metrics.sum(before, "lockbox_kek_cache_hits", Map.of());
        double kekMisses = Metrics.sum(before, "lockbox_kek_cache_misses", Map.of());

        for (int i = 0; i < 4; i++) {
            assertEquals(200, Lockbox.send(Lockbox.request("/v1/secrets/" + id + "/payload", token)
                    .header("Accept", "application/octet-stream").GET()).status());
        }
        String after = metrics();
        assertTrue(Metrics.sum(after, "lockbox_token_cache_hits", Map.of()) >= tokenHits + 4,
                "the token was found in the cache on each read");
        assertTrue(Metrics.sum(after, "lockbox_kek_cache_hits", Map.of()) >= kekHits + 4,
                "the project's KEK was found in the cache on each read");
        assertEquals(kekMisses, Metrics.sum(after, "lockbox_kek_cache_misses", Map.of()), 0.0,
                "no KEK was unwrapped again");
        assertTrue(Metrics.sum(after, "lockbox_audit_lag_seconds_count", Map.of())
                >= Metrics.sum(before, "lockbox_audit_lag_seconds_count", Map.of()) + 4, "each read was audited");
        for (String ratio : List.of("lockbox_token_cache_hit_ratio", "lockbox_kek_cache_hit_ratio")) {
            double value = Metrics.sum(after, ratio, Map.of());
            assertTrue(value > 0 && value <= 1, ratio + " = " + value);
        }
    }

    @Test
    void holdsNoTokenHashOrMaterial() {
        String token = Tokens.token("metrics-secret", Tokens.newProject(), "creator");
        byte[] material = "metrics-material-that-must-not-leak".getBytes(StandardCharsets.UTF_8);
        String id = Lockbox.storeBinary(token, material, "");
        assertEquals(200, Lockbox.get("/v1/secrets/" + id + "/payload", token).status());
        String metrics = metrics();
        for (String secret : List.of(token, sha256Base64(token), sha256Hex(token),
                Base64.getEncoder().encodeToString(material), new String(material, StandardCharsets.UTF_8), id)) {
            assertFalse(metrics.contains(secret), "/metrics holds a token, its hash, material or a key id");
        }
        assertTrue(metrics.contains("route=\"/v1/secrets/{id}/payload\""), "routes are templates");
        assertFalse(metrics.contains("route=\"/v1/secrets/" + id), "a raw path is a tag");
    }

    @Test
    void isOpenToOperatorsWithoutAToken() {
        Reply reply = Lockbox.send(Lockbox.request("/metrics").GET());
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.text().contains("# TYPE"), "Prometheus text format");
        assertTrue(reply.text().contains("jvm_"), "Liberty's own base metrics are there too");
        assertTrue(Keystone.URL == null || reply.text().lines().anyMatch(l -> l.startsWith("lockbox_keystone_reachable")
                && l.endsWith(" 1.0")), "with Keystone configured and answering, the reachability gauge is 1");
    }

    private static String metrics() {
        Reply reply = Lockbox.send(Lockbox.request("/metrics?scope=application").header("Accept", "text/plain").GET());
        assertEquals(200, reply.status(), reply.toString());
        return reply.text();
    }

    private static String sha256Base64(String token) {
        return Base64.getEncoder().encodeToString(sha256(token));
    }

    private static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reading Prometheus's text format: the sum of a metric's samples whose labels include the given ones. */
    static final class Metrics {

        private Metrics() {
        }

        static double sum(String text, String name, Map<String, String> labels) {
            double total = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                    continue;
                }
                int close = line.lastIndexOf('}');
                String labelText = close < 0 ? "" : line.substring(line.indexOf('{') + 1, close);
                if (labels.entrySet().stream().allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                    String[] parts = line.substring(close + 1).trim().split(" ");
                    total += Double.parseDouble(parts[0]);
                    found = true;
                }
            }
            if (!found && labels.isEmpty()) {
                throw new AssertionError("no metric " + name + " in /metrics");
            }
            return total;
        }
    }
}
