package org.lockbox.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Keystone that the server under test validates tokens with, set up by
 * {@code scripts/keystone-dev} and described by the environment {@code scripts/test} exports:
 * {@code LOCKBOX_KEYSTONE_URL} (the Keystone Lockbox asks, and so the one that issues the tests'
 * tokens), {@code LOCKBOX_TEST_KEYSTONE_PROVIDER} (jws or fernet) and the fixtures' KEYSTONE_DEV_* ids.
 */
public final class Keystone {

    public static final String URL = stripV3(System.getenv("LOCKBOX_KEYSTONE_URL"));
    public static final String PROVIDER = System.getenv().getOrDefault("LOCKBOX_TEST_KEYSTONE_PROVIDER", "jws");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Keystone() {
    }

    /** Skips the calling test when no Keystone is configured, unless scripts/test said one must be. */
    public static void require() {
        if (URL == null) {
            if (Boolean.parseBoolean(System.getenv("LOCKBOX_TEST_KEYSTONE_REQUIRED"))) {
                Assertions.fail("LOCKBOX_KEYSTONE_URL is not set although a Keystone is required");
            }
            Assumptions.abort("No Keystone configured (scripts/test sets one up)");
        }
    }

    public static String fixture(String name) {
        String value = System.getenv("KEYSTONE_DEV_" + name);
        Assertions.assertNotNull(value, "KEYSTONE_DEV_" + name + " is not set (scripts/keystone-dev writes it)");
        return value;
    }

    /** A project-scoped token of a fixture user (alice, bob, cinder) in a project by name. */
    public static String token(String user, String project) {
        return issue("{\"auth\":{\"identity\":" + password(user) + ",\"scope\":{\"project\":{\"name\":\"" + project
                + "\",\"domain\":{\"id\":\"default\"}}}}}");
    }

    /** A project-scoped token of a fixture user of another domain, in a project of that domain, both by name. */
    public static String token(String user, String domain, String project) {
        String password = "{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"name\":\"" + domain + "\"},\"password\":\"" + fixture("PASSWORD") + "\"}}}";
        return issue("{\"auth\":{\"identity\":" + password + ",\"scope\":{\"project\":{\"name\":\"" + project
                + "\",\"domain\":{\"name\":\"" + domain + "\"}}}}}");
    }

    /** A trust-scoped token of the trustee. */
    public static String trustToken(String trustee, String trustId) {
        return issue("{\"auth\":{\"identity\":" + password(trustee) + ",\"scope\":{\"OS-TRUST:trust\":{\"id\":\""
                + trustId + "\"}}}}");
    }

    /** Creates a trust from alice to cinder on projA with role member, expiring at {@code expiresAt}. */
    public static String createTrust(boolean impersonation, OffsetDateTime expiresAt) {
        String body = "{\"trust\":{\"trustor_user_id\":\"" + fixture("ALICE_ID") + "\",\"trustee_user_id\":\""
                + fixture("CINDER_ID") + "\",\"project_id\":\"" + fixture("PROJA_ID") + "\",\"impersonation\":"
                + impersonation + ",\"roles\":[{\"name\":\"member\"}],\"expires_at\":\""
                + expiresAt.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")) + "\"}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(URL + "/v3/OS-TRUST/trusts"))
                .header("X-Auth-Token", token("alice", "projA")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Assertions.assertEquals(201, response.statusCode(), response.body());
        return json(response.body()).getJsonObject("trust").getString("id");
    }

    /**
     * Creates a trust from alice to a fixture user on projA with one role, expiring at {@code expiresAt}
     * (null: never), and returns its id.
     */
    public static String createTrust(String trustee, String role, boolean impersonation, OffsetDateTime expiresAt) {
        String body = "{\"trust\":{\"trustor_user_id\":\"" + fixture("ALICE_ID") + "\",\"trustee_user_id\":\""
                + fixture(trustee.toUpperCase(java.util.Locale.ROOT) + "_ID") + "\",\"project_id\":\""
                + fixture("PROJA_ID") + "\",\"impersonation\":" + impersonation + ",\"roles\":[{\"name\":\"" + role
                + "\"}]" + (expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt.withOffsetSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")) + "\"") + "}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(URL + "/v3/OS-TRUST/trusts"))
                .header("X-Auth-Token", token("alice", "projA")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Assertions.assertEquals(201, response.statusCode(), response.body());
        return json(response.body()).getJsonObject("trust").getString("id");
    }

    /** Deletes (revokes) one of alice's trusts, as its trustor may. */
    public static void deleteTrust(String trustId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(URL + "/v3/OS-TRUST/trusts/" + trustId))
                .header("X-Auth-Token", token("alice", "projA")).DELETE());
        Assertions.assertEquals(204, response.statusCode(), response.body());
    }

    /** Revokes a token as its own user may (DELETE /v3/auth/tokens). */
    public static void revoke(String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(URL + "/v3/auth/tokens"))
                .header("X-Auth-Token", token).header("X-Subject-Token", token).DELETE());
        Assertions.assertEquals(204, response.statusCode(), response.body());
    }

    /** Stops or starts the throwaway Keystone with scripts/keystone-dev (both of its instances). */
    public static void script(String command) {
        try {
            Process process = new ProcessBuilder("scripts/keystone-dev", command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Assertions.assertTrue(process.waitFor(120, TimeUnit.SECONDS), "scripts/keystone-dev " + command + " hangs");
            Assertions.assertEquals(0, process.exitValue(), "scripts/keystone-dev " + command + " failed");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String password(String user) {
        return "{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"" + user
                + "\",\"domain\":{\"id\":\"default\"},\"password\":\"" + fixture("PASSWORD") + "\"}}}";
    }

    private static String issue(String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(URL + "/v3/auth/tokens?nocatalog"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        Assertions.assertEquals(201, response.statusCode(), response.body());
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Keystone does not answer at " + URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String stripV3(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base.endsWith("/v3") ? base.substring(0, base.length() - 3) : base;
    }
}
