package org.lockbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lockbox.crypto.Pem;

class JwtValidatorTest {

    private static final String ISSUER = "lockbox-test";

    private static KeyPair issuerKeys;
    private static KeyPair otherKeys;
    private static JwtValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        issuerKeys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
        validator = new JwtValidator(issuerKeys.getPublic(), ISSUER, SignatureAlgorithm.RS256);
    }

    @Test
    void validKeystoneTokenBecomesACaller() throws Exception {
        long exp = Instant.now().getEpochSecond() + 600;
        String token = sign(claims(c -> {
            c.setExpirationTime(NumericDate.fromSeconds(exp));
            c.setStringListClaim("openstack_audit_ids", List.of("audit-a", "audit-b"));
            c.setStringListClaim("groups", List.of("creator", "observer"));
        }));

        Caller caller = validator.validate(token);

        assertEquals("user-1", caller.userId());
        assertEquals("project-1", caller.projectId());
        assertNull(caller.domainId());
        assertTrue(caller.projectScoped());
        assertEquals(Set.of("creator", "observer"), caller.roles());
        assertEquals(List.of("audit-a", "audit-b"), caller.auditIds());
        assertEquals(exp, caller.expiresAt().toEpochSecond());
        assertEquals(Caller.DEFAULT_SERVICE, caller.service());
    }

    @Test
    void serviceClaimBecomesTheCallersService() throws Exception {
        Caller caller = validator.validate(sign(claims(c -> c.setClaim("lockbox_service", "swift"))));
        assertEquals("swift", caller.service());
    }

    @Test
    void missingServiceClaimMeansDefault() throws Exception {
        Caller caller = validator.validate(sign(claims(c -> { })));
        assertEquals("default", caller.service());
    }

    @Test
    void domainScopedTokenHasNoProject() throws Exception {
        Caller caller = validator.validate(sign(claims(c -> {
            c.unsetClaim("openstack_project_id");
            c.setClaim("openstack_domain_id", "domain-1");
        })));
        assertNull(caller.projectId());
        assertEquals("domain-1", caller.domainId());
        assertFalse(caller.projectScoped());
    }

    @Test
    void tokenWithoutGroupsOrAuditIdsHasNone() throws Exception {
        Caller caller = validator.validate(sign(claims(c -> {
            c.unsetClaim("groups");
            c.unsetClaim("openstack_audit_ids");
        })));
        assertEquals(Set.of(), caller.roles());
        assertEquals(List.of(), caller.auditIds());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertRefused(sign(claims(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 120));
            c.setExpirationTime(NumericDate.fromSeconds(now - 1));
        })));
    }

    @Test
    void unsignedTokenIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        assertRefused(jws.getCompactSerialization());
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() throws Exception {
        assertRefused(sign(claims(c -> { }), otherKeys));
    }

    @Test
    void tokenWithAlteredClaimsIsRefused() throws Exception {
        String token = sign(claims(c -> { }));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("project-1", "project-2");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(altered);
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.setIssuer("someone-else"))));
    }

    @Test
    void missingIssuerIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.unsetClaim("iss"))));
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        JwtClaims claims = claims(c -> { });
        byte[] der = issuerKeys.getPublic().getEncoded();
        byte[] pem = Pem.encode(Pem.PUBLIC_KEY, der).getBytes(StandardCharsets.US_ASCII);
        for (byte[] secret : List.of(der, pem)) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey(secret));
            assertRefused(jws.getCompactSerialization());
        }
    }

    @Test
    void otherRsaAlgorithmIsRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
        jws.setKey(issuerKeys.getPrivate());
        assertRefused(jws.getCompactSerialization());
    }

    @Test
    void missingExpirationIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.unsetClaim("exp"))));
    }

    @Test
    void missingSubjectIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.unsetClaim("sub"))));
    }

    @Test
    void missingIssuedAtIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.unsetClaim("iat"))));
    }

    @Test
    void tokenScopedToProjectAndDomainIsRefused() throws Exception {
        AuthenticationException e = assertRefused(sign(claims(c -> c.setClaim("openstack_domain_id", "domain-1"))));
        assertTrue(e.getMessage().contains("both a project and a domain"), e.getMessage());
    }

    @Test
    void nonStringProjectIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.setClaim("openstack_project_id", 42))));
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not-a-token");
        assertRefused("a.b.c");
        assertRefused("");
    }

    @Test
    void impersonatingTrustTokenActsAsTheTrustor() throws Exception {
        long trustExpiry = Instant.now().getEpochSecond() + 120;
        Caller caller = validator.validate(sign(claims(c -> {
            c.setSubject("cinder");
            c.setClaim("openstack_trust_id", "trust-1");
            c.setClaim("lockbox_trustor_id", "alice");
            c.setClaim("lockbox_trust_impersonation", true);
            c.setClaim("lockbox_trust_expires_at", trustExpiry);
        })));
        assertEquals("alice", caller.userId());
        assertEquals("cinder", caller.actingUserId());
        assertEquals(new Trust("trust-1", "alice", "cinder", true, JwtValidator.epochSeconds(trustExpiry)), caller.trust());
        assertEquals(trustExpiry, caller.expiresAt().toEpochSecond(), "the caller ends with its trust, before its token");
    }

    @Test
    void delegatingTrustTokenActsAsTheTrustee() throws Exception {
        Caller caller = validator.validate(sign(claims(c -> {
            c.setSubject("cinder");
            c.setClaim("openstack_trust_id", "trust-2");
            c.setClaim("lockbox_trustor_id", "alice");
        })));
        assertEquals("cinder", caller.userId());
        assertFalse(caller.trust().impersonation());
        assertNull(caller.trust().expiresAt());
    }

    @Test
    void trustTokenWithoutTrustorOrProjectIsRefused() throws Exception {
        assertRefused(sign(claims(c -> c.setClaim("openstack_trust_id", "trust-3"))));
        assertRefused(sign(claims(c -> {
            c.setClaim("openstack_trust_id", "trust-3");
            c.setClaim("lockbox_trustor_id", "alice");
            c.unsetClaim("openstack_project_id");
            c.setClaim("openstack_domain_id", "domain-1");
        })));
    }

    @Test
    void keystoneShapedTokenVerifiesWithoutIssuerOrKid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keystone = generator.generateKeyPair();
        JwtValidator keystoneValidator = new JwtValidator(keystone.getPublic(), null, SignatureAlgorithm.ES256);
        JwtClaims claims = claims(c -> c.unsetClaim("iss"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keystone.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        assertEquals("user-1", keystoneValidator.verify(jws.getCompactSerialization()).getSubject());
        assertThrows(AuthenticationException.class, () -> keystoneValidator.verify(sign(claims)),
                "an RS256 token is not accepted where ES256 is expected");
    }

    private static AuthenticationException assertRefused(String token) {
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> validator.validate(token));
        String message = String.valueOf(e.getMessage());
        if (!token.isEmpty()) {
            assertFalse(message.contains(token), message);
            for (String part : token.split("\\.")) {
                if (part.length() > 8) {
                    assertFalse(message.contains(part), message);
                }
            }
        }
        return e;
    }

    /** Keystone-style claims for a project-scoped creator, valid for ten minutes, then adjusted. */
    private static JwtClaims claims(Consumer<JwtClaims> adjust) {
        JwtClaims claims = new JwtClaims();
        long now = Instant.now().getEpochSecond();
        claims.setIssuer(ISSUER);
        claims.setSubject("user-1");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 600));
        claims.setClaim("openstack_project_id", "project-1");
        claims.setStringListClaim("openstack_audit_ids", List.of("audit-a"));
        claims.setStringListClaim("groups", List.of("creator"));
        adjust.accept(claims);
        return claims;
    }

    private static String sign(JwtClaims claims) throws Exception {
        return sign(claims, issuerKeys);
    }

    private static String sign(JwtClaims claims, KeyPair keys) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
