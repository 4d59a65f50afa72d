package org.lockbox.identity;

import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies JWTs with MicroProfile JWT (SmallRye's parser) against one issuer and key: signature
 * with an allowed algorithm only (never "none"), issuer, expiry with no clock skew, required
 * claims. Claims are read by Keystone's names.
 */
public final class JwtValidator {

    static final String PROJECT = "openstack_project_id";
    static final String DOMAIN = "openstack_domain_id";
    static final String AUDIT_IDS = "openstack_audit_ids";
    static final String SERVICE = "lockbox_service";

    private final JWTParser parser;

    public JwtValidator(PublicKey key, String issuer, SignatureAlgorithm algorithm) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, issuer);
        context.setSignatureAlgorithm(Set.of(algorithm));
        context.setExpGracePeriodSecs(0);
        context.setClockSkew(0);
        context.setRequiredClaims(Set.of("sub", "iat", "exp"));
        this.parser = new DefaultJWTParser(context);
    }

    public Caller validate(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException("The token is invalid, expired or not signed by a trusted issuer");
        }
        String project = stringClaim(jwt, PROJECT);
        String domain = stringClaim(jwt, DOMAIN);
        if (project != null && domain != null) {
            throw new AuthenticationException("The token is scoped to both a project and a domain");
        }
        return new Caller(jwt.getSubject(), project, domain, jwt.getGroups() == null ? Set.of() : jwt.getGroups(),
                stringClaim(jwt, SERVICE),
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(jwt.getExpirationTime()), ZoneOffset.UTC),
                stringList(jwt.getClaim(AUDIT_IDS)));
    }

    private static String stringClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof String s) {
            return s;
        }
        throw new AuthenticationException("The token's claim " + name + " is not a string");
    }

    private static List<String> stringList(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }
}
