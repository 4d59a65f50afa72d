package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.testing.Keystone;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;

/**
 * The running server against a real Keystone (scripts/keystone-dev): its JWS or Fernet tokens,
 * whichever this run's Keystone issues, with Keystone's roles, revocation, service tokens and trusts.
 */
class KeystoneIT {

    private static final String SECRET = "{\"payload\":\"" + Base64.getEncoder().encodeToString(new byte[32])
            + "\",\"payload_content_type\":\"application/octet-stream\",\"payload_content_encoding\":\"base64\"}";

    @BeforeAll
    static void keystone() {
        Keystone.require();
    }

    @Test
    void tokensOfThisRunsKindAreAcceptedWithKeystonesRoles() {
        String alice = Keystone.token("alice", "projA");
        if ("jws".equals(Keystone.PROVIDER)) {
            String[] parts = alice.split("\\.");
            assertEquals(3, parts.length, "a JWS token");
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertTrue(header.contains("ES256") && !header.contains("kid"), header);
            assertFalse(payload.contains("\"iss\"") || payload.contains("roles"), payload);
        } else {
            assertTrue(alice.startsWith("gAAAAA"), "a Fernet token");
        }

        Reply created = Lockbox.postJson("/v1/secrets", alice, SECRET);
        assertEquals(201, created.status(), created.toString());
        String id = created.refId("secret_ref");
        Reply secret = Lockbox.get("/v1/secrets/" + id, alice);
        assertEquals(200, secret.status(), secret.toString());
        assertEquals(Keystone.fixture("ALICE_ID"), secret.json().getString("creator_id"));

        // bob is only a reader in projA: Keystone's roles, not the token, say so.
        String bob = Keystone.token("bob", "projA");
        assertEquals(403, Lockbox.get("/v1/secrets", bob).status());
        assertEquals(403, Lockbox.postJson("/v1/secrets", bob, SECRET).status());
        // ... and a member in projB, where he does not see projA's secret.
        String bobInB = Keystone.token("bob", "projB");
        assertEquals(201, Lockbox.postJson("/v1/secrets", bobInB, SECRET).status());
        assertEquals(404, Lockbox.get("/v1/secrets/" + id, bobInB).status());
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Keystone.token("alice", "projA");
        if (!"jws".equals(Keystone.PROVIDER)) {
            int at = token.length() / 2;
            String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
            assertEquals(401, Lockbox.get("/v1/secrets", tampered).status(), "a Fernet token with one character changed");
            return;
        }
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(Keystone.fixture("PROJA_ID"), Keystone.fixture("PROJB_ID"));
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, Lockbox.get("/v1/secrets", tampered).status());
    }

    @Test
    void aRevokedTokenIsRefusedWithinTheCacheBound() throws InterruptedException {
        long bound = Long.parseLong(System.getenv().getOrDefault("LOCKBOX_TOKEN_CACHE_SECONDS", "300"));
        assertTrue(bound <= 30, "run with LOCKBOX_TOKEN_CACHE_SECONDS of 30 or less (scripts/test uses 8)");
        String token = Keystone.token("alice", "projA");
        assertEquals(200, Lockbox.get("/v1/secrets", token).status());

        Keystone.revoke(token);
        Instant revoked = Instant.now();

        Reply reply;
        do {
            Thread.sleep(500);
            reply = Lockbox.get("/v1/secrets", token);
        } while (reply.status() == 200 && Duration.between(revoked, Instant.now()).getSeconds() < bound + 5);
        assertEquals(401, reply.status(), reply.toString());
        assertTrue(Duration.between(revoked, Instant.now()).getSeconds() <= bound + 2,
                "refused within the cache bound of " + bound + " s");
    }

    @Test
    void theServiceTokenDecidesTheServiceThatOwnsWhatIsStored() {
        String alice = Keystone.token("alice", "projA");
        String cinder = Keystone.token("cinder", "service");

        Reply stored = withServiceToken(alice, cinder);
        assertEquals(201, stored.status(), stored.toString());
        assertEquals("volume", TestDatabase.serviceOfSecret(stored.refId("secret_ref")));
        assertEquals("default", TestDatabase.serviceOfSecret(Lockbox.storeBinary(alice, new byte[32], "")));

        Reply notAService = withServiceToken(alice, Keystone.token("bob", "projB"));
        assertEquals(401, notAService.status(), notAService.toString());
        assertTrue(notAService.json().getString("description").contains("'service' role"), notAService.toString());
    }

    @Test
    void aServiceUserOfTheSameNameInAnotherDomainIsNotTheService() {
        String alice = Keystone.token("alice", "projA");
        String otherCinder = Keystone.token("cinder", "Tenants", "tenantsService");

        Reply refused = withServiceToken(alice, otherCinder);

        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.json().getString("description").contains("not mapped"), refused.toString());
        Reply volume = withServiceToken(alice, Keystone.token("cinder", "service"));
        assertEquals(201, volume.status(), "the default domain's cinder still is: " + volume);
        assertEquals("volume", TestDatabase.serviceOfSecret(volume.refId("secret_ref")));
    }

    @Test
    void anImpersonatingTrustActsAsTheTrustor() {
        String token = Keystone.trustToken("cinder", Keystone.fixture("TRUST_IMPERSONATING_ID"));
        assertEquals(Keystone.fixture("ALICE_ID"), creatorOfASecretStoredWith(token));
    }

    @Test
    void aTrustWithoutImpersonationActsAsTheTrustee() {
        String token = Keystone.trustToken("cinder", Keystone.fixture("TRUST_DELEGATING_ID"));
        assertEquals(Keystone.fixture("CINDER_ID"), creatorOfASecretStoredWith(token));
    }

    @Test
    void aTokenIsRefusedOnceItsTrustHasExpired() throws InterruptedException {
        OffsetDateTime expiry = OffsetDateTime.now().plusSeconds(5);
        String token = Keystone.trustToken("cinder", Keystone.createTrust(false, expiry));
        assertEquals(200, Lockbox.get("/v1/secrets", token).status(), "valid while the trust is");

        Thread.sleep(Math.max(0, Duration.between(OffsetDateTime.now(), expiry).toMillis()) + 1_000);

        Reply refused = Lockbox.get("/v1/secrets", token);
        assertEquals(401, refused.status(), refused.toString());
    }

    private static String creatorOfASecretStoredWith(String token) {
        Reply stored = Lockbox.postJson("/v1/secrets", token, SECRET);
        assertEquals(201, stored.status(), stored.toString());
        Reply secret = Lockbox.get("/v1/secrets/" + stored.refId("secret_ref"), token);
        assertEquals(200, secret.status(), secret.toString());
        return secret.json().getString("creator_id");
    }

    private static Reply withServiceToken(String token, String serviceToken) {
        return Lockbox.send(Lockbox.request("/v1/secrets", token).header("X-Service-Token", serviceToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(SECRET)));
    }
}
