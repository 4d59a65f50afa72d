package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockbox.config.ConfigLookup;
import org.lockbox.crypto.Pem;

/** Keystone tokens through the Authenticator, against a stand-in Keystone: validation, caching, outages, trusts, service tokens. */
class AuthenticatorTest {

    private static final String PROJECT = "project-1";
    private static KeyPair keystoneKeys;
    private static KeyPair otherKeys;

    @TempDir
    Path jwsKeysDir;

    private FakeKeystone keystone;
    private Authenticator authenticator;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keystoneKeys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    @BeforeEach
    void start() throws Exception {
        keystone = new FakeKeystone();
        Files.writeString(jwsKeysDir.resolve("public.pem"), Pem.encode(Pem.PUBLIC_KEY, keystoneKeys.getPublic().getEncoded()));
        authenticator = authenticator(300, "right");
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    @Test
    void jwsTokenGetsItsRolesFromKeystoneAndIsCached() throws Exception {
        OffsetDateTime exp = inAnHour();
        String token = jws("alice-id", exp);
        keystone.tokens.put(token, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member", "reader"), exp, null));

        Caller caller = authenticator.authenticate(token);
        authenticator.authenticate(token);

        assertEquals("alice-id", caller.userId());
        assertEquals("alice", caller.userName());
        assertEquals(PROJECT, caller.projectId());
        assertEquals(Set.of("member", "reader"), caller.roles());
        assertEquals(exp.toEpochSecond(), caller.expiresAt().toEpochSecond());
        assertEquals(List.of("audit-1"), caller.auditIds());
        assertEquals(Caller.DEFAULT_SERVICE, caller.service());
        assertNull(caller.trust());
        assertEquals(1, keystone.validations.get(), "the second request is served from the cache");
    }

    @Test
    void opaqueTokenIsValidatedOnline() {
        String fernet = "gAAAAABfernet-like-token";
        keystone.tokens.put(fernet, FakeKeystone.tokenBody("bob-id", "bob", PROJECT, List.of("reader"), inAnHour(), null));
        assertEquals("bob-id", authenticator.authenticate(fernet).userId());
    }

    @Test
    void tokenKeystoneDoesNotKnowIsRefusedAndTheRefusalIsCached() {
        String revoked = "gAAAAABrevoked";
        AuthenticationException refused = assertThrows(AuthenticationException.class, () -> authenticator.authenticate(revoked));
        assertThrows(AuthenticationException.class, () -> authenticator.authenticate(revoked));
        assertTrue(refused.getMessage().contains("invalid, expired or revoked"), refused.getMessage());
        assertFalse(refused.getMessage().contains(revoked));
        assertEquals(1, keystone.validations.get(), "the refusal is cached");
    }

    @Test
    void forgedJwsNeverReachesKeystone() throws Exception {
        String forged = sign(claims("alice-id", inAnHour()), otherKeys);
        keystone.tokens.put(forged, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("admin"), inAnHour(), null));
        assertThrows(AuthenticationException.class, () -> authenticator.authenticate(forged));
        assertEquals(0, keystone.validations.get());
    }

    @Test
    void aKeyAddedToTheDirectoryIsPickedUpWithoutARestart() throws Exception {
        Files.writeString(jwsKeysDir.resolve("rotated.pem"), Pem.encode(Pem.PUBLIC_KEY, otherKeys.getPublic().getEncoded()));
        Thread.sleep(5_100); // the directory is read again at most every five seconds
        OffsetDateTime exp = inAnHour();
        String token = sign(claims("alice-id", exp), otherKeys);
        keystone.tokens.put(token, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), exp, null));
        assertEquals("alice-id", authenticator.authenticate(token).userId());
    }

    @Test
    void jwsWhoseClaimsDisagreeWithKeystonesAnswerIsRefused() throws Exception {
        OffsetDateTime exp = inAnHour();
        String token = jws("alice-id", exp);
        keystone.tokens.put(token, FakeKeystone.tokenBody("alice-id", "alice", "another-project", List.of("member"), exp, null));
        assertThrows(AuthenticationException.class, () -> authenticator.authenticate(token));
    }

    @Test
    void whenKeystoneIsDownCachedTokensWorkAndNewOnesAreUnavailableNotRefused() throws Exception {
        OffsetDateTime exp = inAnHour();
        String cached = jws("alice-id", exp);
        String fresh = jws("bob-id", exp);
        keystone.tokens.put(cached, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), exp, null));
        keystone.tokens.put(fresh, FakeKeystone.tokenBody("bob-id", "bob", PROJECT, List.of("member"), exp, null));
        authenticator.authenticate(cached);

        keystone.close();

        assertEquals("alice-id", authenticator.authenticate(cached).userId());
        IdentityUnavailableException unavailable = assertThrows(IdentityUnavailableException.class,
                () -> authenticator.authenticate(fresh));
        assertTrue(unavailable.getMessage().contains("cannot be reached"), unavailable.getMessage());
        assertFalse(unavailable.getMessage().contains(fresh));
        assertThrows(IdentityUnavailableException.class, () -> authenticator.authenticate(fresh),
                "an outage is not cached as a refusal");
    }

    @Test
    void theCacheBoundMakesKeystoneAskedAgain() throws Exception {
        Authenticator shortCache = authenticator(1, "right");
        String token = "gAAAAABshort";
        keystone.tokens.put(token, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(), null));
        shortCache.authenticate(token);
        keystone.tokens.remove(token); // revoked
        Thread.sleep(1_200);
        assertThrows(AuthenticationException.class, () -> shortCache.authenticate(token));
        assertEquals(2, keystone.validations.get());
    }

    @Test
    void impersonatingTrustActsAsTheTrustorUntilTheTrustExpires() {
        OffsetDateTime trustExpiry = OffsetDateTime.now().plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
        String token = "gAAAAABtrust";
        keystone.tokens.put(token, FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(),
                FakeKeystone.tokenTrust("trust-1", "alice-id", "cinder-id", true)));
        keystone.trusts.put("trust-1", FakeKeystone.trustBody("trust-1", "alice-id", "cinder-id", true, trustExpiry));

        Caller caller = authenticator.authenticate(token);

        assertEquals("alice-id", caller.userId());
        assertEquals("cinder-id", caller.actingUserId());
        assertEquals(new Trust("trust-1", "alice-id", "cinder-id", true, trustExpiry), caller.trust());
        assertEquals(trustExpiry.toInstant(), caller.expiresAt().toInstant(), "never past the trust's expiry");
    }

    @Test
    void delegatingTrustActsAsTheTrustee() {
        String token = "gAAAAABdelegating";
        keystone.tokens.put(token, FakeKeystone.tokenBody("cinder-id", "cinder", PROJECT, List.of("member"), inAnHour(),
                FakeKeystone.tokenTrust("trust-2", "alice-id", "cinder-id", false)));
        keystone.trusts.put("trust-2", FakeKeystone.trustBody("trust-2", "alice-id", "cinder-id", false, null));

        Caller caller = authenticator.authenticate(token);

        assertEquals("cinder-id", caller.userId());
        assertEquals("alice-id", caller.trust().trustorId());
        assertFalse(caller.trust().impersonation());
        assertNull(caller.trust().expiresAt());
        assertEquals(1, keystone.trustReads.get());
    }

    @Test
    void aTokenThatOutlivesItsTrustIsRefusedOnceTheTrustHasExpired() {
        String token = "gAAAAABoutlived";
        keystone.tokens.put(token, FakeKeystone.tokenBody("cinder-id", "cinder", PROJECT, List.of("member"), inAnHour(),
                FakeKeystone.tokenTrust("trust-3", "alice-id", "cinder-id", false)));
        keystone.trusts.put("trust-3", FakeKeystone.trustBody("trust-3", "alice-id", "cinder-id", false,
                OffsetDateTime.now().minusSeconds(1)));
        AuthenticationException refused = assertThrows(AuthenticationException.class, () -> authenticator.authenticate(token));
        assertTrue(refused.getMessage().contains("trust"), refused.getMessage());
    }

    @Test
    void aTrustThatCannotBeReadMakesTheTokenUnavailableNotAccepted() {
        String token = "gAAAAABforbidden";
        keystone.tokens.put(token, FakeKeystone.tokenBody("cinder-id", "cinder", PROJECT, List.of("member"), inAnHour(),
                FakeKeystone.tokenTrust("trust-4", "alice-id", "cinder-id", false)));
        keystone.trusts.put("trust-4", FakeKeystone.trustBody("trust-4", "alice-id", "cinder-id", false, null));
        keystone.trustReadStatus = 403;
        IdentityUnavailableException e = assertThrows(IdentityUnavailableException.class, () -> authenticator.authenticate(token));
        assertTrue(e.getMessage().contains("reader role on the system"), e.getMessage());
    }

    @Test
    void lockboxAuthenticatesAgainWhenKeystoneNoLongerAcceptsItsToken() {
        keystone.tokens.put("gAAAAABone", FakeKeystone.tokenBody("a", "a", PROJECT, List.of("member"), inAnHour(), null));
        keystone.tokens.put("gAAAAABtwo", FakeKeystone.tokenBody("b", "b", PROJECT, List.of("member"), inAnHour(), null));
        authenticator.authenticate("gAAAAABone");
        keystone.validOwnToken = "revoked";
        assertEquals("b", authenticator.authenticate("gAAAAABtwo").userId());
        assertEquals(2, keystone.authentications.get());
    }

    @Test
    void wrongLockboxCredentialsMakeTokensUnavailable() {
        Authenticator misconfigured = authenticator(300, "wrong");
        keystone.tokens.put("gAAAAABany", FakeKeystone.tokenBody("a", "a", PROJECT, List.of("member"), inAnHour(), null));
        IdentityUnavailableException e = assertThrows(IdentityUnavailableException.class,
                () -> misconfigured.authenticate("gAAAAABany"));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"));
    }

    @Test
    void serviceTokenNamesTheLockboxServiceItsUserIsMappedTo() {
        userAndService(List.of("service"), "cinder");
        Caller caller = authenticator.authenticate("gAAAAABuser", "gAAAAABservice");
        assertEquals("volume", caller.service());
        assertEquals(new ServiceIdentity("service-user-id", "cinder", Set.of("service"),
                new Caller.UserDomain("default", "Default")), caller.serviceIdentity());
        assertEquals("alice-id", caller.userId());
    }

    @Test
    void serviceTokenWithoutTheServiceRoleIsRefused() {
        userAndService(List.of("member"), "cinder");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate("gAAAAABuser", "gAAAAABservice"));
        assertTrue(e.getMessage().contains("'service' role"), e.getMessage());
    }

    @Test
    void serviceTokenOfAnUnmappedUserIsRefused() {
        userAndService(List.of("service"), "heat");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate("gAAAAABuser", "gAAAAABservice"));
        assertTrue(e.getMessage().contains("not mapped"), e.getMessage());
    }

    @Test
    void aServiceUserOfTheSameNameInAnotherDomainIsNotTheService() {
        keystone.tokens.put("gAAAAABuser", FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(), null));
        keystone.tokens.put("gAAAAABservice", FakeKeystone.tokenBody("other-cinder-id", "cinder", "tenant-domain-id",
                "TenantDomain", "their-project", List.of("service"), inAnHour(), null));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate("gAAAAABuser", "gAAAAABservice"));
        assertTrue(e.getMessage().contains("not mapped"), e.getMessage());
    }

    @Test
    void aDomainQualifiedEntryMapsTheUserOfThatDomainOnly() {
        Authenticator qualified = authenticator(300, "right", List.of("cinder@ServiceDomain=volume"));
        keystone.tokens.put("gAAAAABuser", FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(), null));
        keystone.tokens.put("gAAAAABservice", FakeKeystone.tokenBody("service-cinder-id", "cinder", "service-domain-id",
                "ServiceDomain", "service", List.of("service"), inAnHour(), null));
        keystone.tokens.put("gAAAAABdefaultcinder", FakeKeystone.tokenBody("default-cinder-id", "cinder", PROJECT,
                List.of("service"), inAnHour(), null));

        assertEquals("volume", qualified.authenticate("gAAAAABuser", "gAAAAABservice").service());
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> qualified.authenticate("gAAAAABuser", "gAAAAABdefaultcinder"));
        assertTrue(e.getMessage().contains("not mapped"), e.getMessage());
    }

    @Test
    void aServiceUserIsMatchedByIdInAnyDomain() {
        Authenticator byId = authenticator(300, "right", List.of("0f1e2d3c4b5a=image"));
        keystone.tokens.put("gAAAAABuser", FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(), null));
        keystone.tokens.put("gAAAAABservice", FakeKeystone.tokenBody("0f1e2d3c4b5a", "glance", "service-domain-id",
                "ServiceDomain", "service", List.of("service"), inAnHour(), null));
        assertEquals("image", byId.authenticate("gAAAAABuser", "gAAAAABservice").service());
    }

    @Test
    void invalidServiceTokenIsRefusedAsSuch() {
        userAndService(List.of("service"), "cinder");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate("gAAAAABuser", "gAAAAABunknown"));
        assertTrue(e.getMessage().startsWith("The service token is refused"), e.getMessage());
    }

    private void userAndService(List<String> serviceRoles, String serviceUserName) {
        keystone.tokens.put("gAAAAABuser", FakeKeystone.tokenBody("alice-id", "alice", PROJECT, List.of("member"), inAnHour(), null));
        keystone.tokens.put("gAAAAABservice", FakeKeystone.tokenBody("service-user-id", serviceUserName, "service",
                serviceRoles, inAnHour(), null));
    }

    private Authenticator authenticator(long cacheSeconds, String password) {
        return authenticator(cacheSeconds, password, List.of("cinder=volume", "nova=compute"));
    }

    private Authenticator authenticator(long cacheSeconds, String password, List<String> serviceUsers) {
        Authenticator a = new Authenticator();
        a.config = ConfigLookup.of(Map.of(
                "lockbox.dev-issuer.enabled", "false",
                "lockbox.dev-issuer.dir", jwsKeysDir.resolve("unused").toString(),
                "lockbox.token.cache-seconds", String.valueOf(cacheSeconds),
                "lockbox.keystone.url", keystone.url(),
                "lockbox.keystone.password", password,
                "lockbox.keystone.jws-public-keys-dir", jwsKeysDir.toString(),
                "lockbox.keystone.timeout-seconds", "2",
                "lockbox.service-token.services", String.join(",", serviceUsers))).bind(IdentityConfig.class);
        a.init();
        return a;
    }

    private static OffsetDateTime inAnHour() {
        return OffsetDateTime.now().plusHours(1).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String jws(String subject, OffsetDateTime exp) throws Exception {
        return sign(claims(subject, exp), keystoneKeys);
    }

    /** Claims exactly as Keystone's JWS provider writes them: no iss, no roles. */
    private static JwtClaims claims(String subject, OffsetDateTime exp) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("iat", Instant.now().getEpochSecond());
        claims.setClaim("exp", exp.toEpochSecond());
        claims.setStringListClaim("openstack_methods", "password");
        claims.setStringListClaim("openstack_audit_ids", "audit-1");
        claims.setClaim("openstack_project_id", PROJECT);
        return claims;
    }

    private static String sign(JwtClaims claims, KeyPair keys) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "JWT");
        return jws.getCompactSerialization();
    }
}
