package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.Tokens;

/** Which tokens the running server accepts, in which headers, and how it refuses the rest. */
class TokenIT {

    private final String project = Tokens.newProject();

    @Test
    void acceptsTheTokenInXAuthToken() {
        Reply reply = Lockbox.get("/v1/secrets", Tokens.token("alice", project, "creator"));
        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void acceptsTheTokenAsABearerToken() {
        String token = Tokens.token("alice", project, "creator");
        Reply reply = Lockbox.send(Lockbox.request("/v1/secrets").header("Authorization", "Bearer " + token).GET());
        assertEquals(200, reply.status(), reply.toString());
    }

    @Test
    void acceptsATokenPrintedByTheDevTokenScript() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("scripts/dev-token", "--user", "bob", "--project", project,
                "--roles", "creator,observer", "--ttl", "600")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        String id = Lockbox.storeBinary(token, new byte[32], "\"name\":\"from-script\"");
        Reply reply = Lockbox.get("/v1/secrets/" + id, token);
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("bob", reply.json().getString("creator_id"));
    }

    @Test
    void refusesARequestWithoutAToken() {
        assertRefused(Lockbox.send(Lockbox.request("/v1/secrets").GET()));
    }

    @Test
    void refusesAnExpiredToken() {
        JwtClaims claims = Tokens.claims("alice", project, -1, "creator");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims, Tokens.issuerKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void refusesAnUnsignedToken() {
        JwtClaims claims = Tokens.claims("alice", project, 600, "admin");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims, null, AlgorithmIdentifiers.NONE)));
    }

    @Test
    void refusesATokenSignedByAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        JwtClaims claims = Tokens.claims("alice", project, 600, "admin");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims, generator.generateKeyPair().getPrivate(),
                AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void refusesASymmetricallySignedToken() {
        JwtClaims claims = Tokens.claims("alice", project, 600, "admin");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims,
                new HmacKey("a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII)),
                AlgorithmIdentifiers.HMAC_SHA256)));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        JwtClaims claims = Tokens.claims("alice", project, 600, "admin");
        claims.setIssuer("someone-else");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims, Tokens.issuerKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void refusesATokenForAnUnknownService() {
        JwtClaims claims = Tokens.claims("alice", project, 600, "admin");
        claims.setClaim("lockbox_service", "no-such-service");
        assertRefused(Lockbox.get("/v1/secrets", Tokens.sign(claims, Tokens.issuerKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void refusesGarbage() {
        assertRefused(Lockbox.get("/v1/secrets", "not-a-token"));
        assertRefused(Lockbox.get("/v1/secrets", "a.b.c"));
    }

    @Test
    void aDevelopmentTrustTokenActsAsTheTrustorWithImpersonationAndAsTheTrusteeWithout() {
        String impersonating = Tokens.trustToken("cinder", "alice", project, true, 600L, "creator");
        String delegating = Tokens.trustToken("cinder", "alice", project, false, null, "creator");
        assertEquals("alice", creatorOf(Lockbox.storeBinary(impersonating, new byte[32], ""), impersonating));
        assertEquals("cinder", creatorOf(Lockbox.storeBinary(delegating, new byte[32], ""), delegating));
    }

    @Test
    void refusesADevelopmentTrustTokenWhoseTrustHasExpired() {
        assertRefused(Lockbox.get("/v1/secrets", Tokens.trustToken("cinder", "alice", project, true, -1L, "creator")));
    }

    @Test
    void aServiceTokenBesideTheUsersTokenDecidesTheService() {
        String user = Tokens.token("alice", project, "creator");
        String service = Tokens.token("cinder", Tokens.newProject(), "service");
        Reply stored = Lockbox.send(Lockbox.request("/v1/secrets", user).header("X-Service-Token", service)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"payload\":\"AAAA\",\"payload_content_type\":\"application/octet-stream\","
                                + "\"payload_content_encoding\":\"base64\"}")));
        assertEquals(201, stored.status(), stored.toString());
        assertEquals("volume", TestDatabase.serviceOfSecret(stored.refId("secret_ref")));

        String notAService = Tokens.token("mallory", Tokens.newProject(), "admin");
        assertRefused(Lockbox.send(Lockbox.request("/v1/secrets", user).header("X-Service-Token", notAService).GET()));
    }

    private static String creatorOf(String id, String token) {
        Reply reply = Lockbox.get("/v1/secrets/" + id, token);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json().getString("creator_id");
    }

    private static void assertRefused(Reply reply) {
        assertEquals(401, reply.status(), reply.toString());
        assertTrue(reply.contentType().startsWith("application/json"), reply.toString());
        assertEquals(401, reply.json().getInt("code"));
        assertEquals("Unauthorized", reply.json().getString("title"));
        assertFalse(reply.json().getString("description").isBlank());
    }
}
