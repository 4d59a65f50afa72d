package org.lockbox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.lockbox.crypto.Pem;

/** Mints tokens as the development issuer does, with the private key the server created in its data directory. */
public final class Tokens {

    public static final String ISSUER = "lockbox-dev";
    private static PrivateKey key;

    private Tokens() {
    }

    /** The server's data directory: LOCKBOX_DATA_DIR as the server sees it, or its default. */
    public static Path dataDir() {
        String configured = System.getenv("LOCKBOX_DATA_DIR");
        return configured == null || configured.isBlank() ? Lockbox.SERVER_DIR.resolve("lockbox-data") : Path.of(configured);
    }

    public static synchronized PrivateKey issuerKey() {
        if (key == null) {
            Lockbox.awaitApplication(); // the server writes the key pair as it starts
            Path pem = dataDir().resolve("dev-issuer/private.pem");
            try {
                byte[] der = Pem.decode(Pem.PRIVATE_KEY, Files.readString(pem));
                key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new AssertionError("Cannot read the development issuer key at " + pem, e);
            }
        }
        return key;
    }

    /** A fresh project id, so that tests never see each other's secrets. */
    public static String newProject() {
        return "p-" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String token(String user, String project, String... roles) {
        return sign(claims(user, project, 3600, roles), issuerKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /**
     * A development trust token: {@code trustee} acting for {@code trustor} in {@code project} with
     * {@code roles}; {@code trustTtlSeconds} null for a trust that never expires.
     */
    public static String trustToken(String trustee, String trustor, String project, boolean impersonation,
                                    Long trustTtlSeconds, String... roles) {
        JwtClaims claims = claims(trustee, project, 3600, roles);
        claims.setClaim("openstack_trust_id", "trust-" + UUID.randomUUID());
        claims.setClaim("lockbox_trustor_id", trustor);
        claims.setClaim("lockbox_trust_impersonation", impersonation);
        if (trustTtlSeconds != null) {
            claims.setClaim("lockbox_trust_expires_at", System.currentTimeMillis() / 1000 + trustTtlSeconds);
        }
        return sign(claims, issuerKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** A token of a caller that speaks for a service: what it stores is under that service's master key. */
    public static String serviceToken(String service, String user, String project, String... roles) {
        JwtClaims claims = claims(user, project, 3600, roles);
        claims.setClaim("lockbox_service", service);
        return sign(claims, issuerKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** A token whose project's domain is known, as Keystone's validation says it (needed for domain scopes). */
    public static String tokenInDomain(String user, String project, String domain, String... roles) {
        JwtClaims claims = claims(user, project, 3600, roles);
        claims.setClaim("lockbox_project_domain_id", domain);
        return sign(claims, issuerKey(), AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    /** A service user's own token, for X-Service-Token: role service, mapped to a Lockbox service by user name. */
    public static String serviceUserToken(String serviceUser) {
        return token(serviceUser, "service", "service");
    }

    /** An operator's token: Barbican's service admin role, scoped to no project. */
    public static String serviceAdmin() {
        return token("operator", null, "key-manager:service-admin");
    }

    public static JwtClaims claims(String user, String project, long ttlSeconds, String... roles) {
        JwtClaims claims = new JwtClaims();
        long now = System.currentTimeMillis() / 1000;
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("iat", now);
        claims.setClaim("exp", now + ttlSeconds);
        claims.setStringListClaim("openstack_methods", "password");
        claims.setStringListClaim("openstack_audit_ids", UUID.randomUUID().toString());
        if (project != null) {
            claims.setClaim("openstack_project_id", project);
        }
        claims.setStringListClaim("groups", List.of(Arrays.copyOf(roles, roles.length)));
        return claims;
    }

    public static String sign(JwtClaims claims, java.security.Key signingKey, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        if (AlgorithmIdentifiers.NONE.equals(algorithm)) {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }
}
