package org.lockbox.identity;

import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies JWTs with MicroProfile JWT (SmallRye's parser) against one key: signature with the one
 * allowed algorithm only (never "none"), the issuer when one is expected (Keystone's JWS tokens
 * carry none), expiry with no clock skew, required claims. Claims are read by Keystone's names;
 * the development issuer adds {@code groups} (roles), {@code lockbox_service} and, for trust
 * tokens, the trust's details that Keystone would answer online.
 */
public final class JwtValidator {

    static final String PROJECT = "openstack_project_id";
    static final String DOMAIN = "openstack_domain_id";
    static final String AUDIT_IDS = "openstack_audit_ids";
    static final String SERVICE = "lockbox_service";
    static final String TRUST_ID = "openstack_trust_id";
    /** The domain of the token's project (Keystone's online answer says it; development tokens may carry it). */
    static final String PROJECT_DOMAIN = "lockbox_project_domain_id";
    static final String TRUSTOR = "lockbox_trustor_id";
    static final String TRUST_IMPERSONATION = "lockbox_trust_impersonation";
    static final String TRUST_EXPIRES_AT = "lockbox_trust_expires_at";

    private final JWTParser parser;

    /** A validator for one key; {@code issuer} null means the tokens carry no issuer to check. */
    public JwtValidator(PublicKey key, String issuer, SignatureAlgorithm algorithm) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, issuer);
        context.setSignatureAlgorithm(Set.of(algorithm));
        context.setExpGracePeriodSecs(0);
        context.setClockSkew(0);
        context.setRequiredClaims(Set.of("sub", "iat", "exp"));
        this.parser = new DefaultJWTParser(context);
    }

    /** The verified claims of a token signed by this validator's key. */
    public JsonWebToken verify(String token) {
        try {
            return parser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException("The token is invalid, expired or not signed by a trusted issuer");
        }
    }

    /** The caller a development-issuer token names, trust included, with no online look-up. */
    public Caller validate(String token) {
        JsonWebToken jwt = verify(token);
        String project = stringClaim(jwt, PROJECT);
        String domain = stringClaim(jwt, DOMAIN);
        if (project != null && domain != null) {
            throw new AuthenticationException("The token is scoped to both a project and a domain");
        }
        Trust trust = trust(jwt);
        if (trust != null && project == null) {
            throw new AuthenticationException("A trust token must be scoped to the trust's project");
        }
        return new Caller(trust == null ? jwt.getSubject() : trust.effectiveUserId(), null, project, domain,
                jwt.getGroups() == null ? Set.of() : jwt.getGroups(), stringClaim(jwt, SERVICE),
                epochSeconds(jwt.getExpirationTime()), stringList(jwt.getClaim(AUDIT_IDS)), trust, null,
                project == null ? null : stringClaim(jwt, PROJECT_DOMAIN));
    }

    /** The trust of a development trust token: Keystone's trust id claim plus the details Keystone keeps. */
    private static Trust trust(JsonWebToken jwt) {
        String id = stringClaim(jwt, TRUST_ID);
        if (id == null) {
            return null;
        }
        String trustor = stringClaim(jwt, TRUSTOR);
        if (trustor == null) {
            throw new AuthenticationException("The trust token does not name its trustor");
        }
        Object impersonation = jwt.getClaim(TRUST_IMPERSONATION);
        Object expiresAt = jwt.getClaim(TRUST_EXPIRES_AT);
        return new Trust(id, trustor, jwt.getSubject(),
                impersonation instanceof JsonValue v ? v.getValueType() == JsonValue.ValueType.TRUE
                        : Boolean.TRUE.equals(impersonation),
                expiresAt == null ? null : epochSeconds(number(expiresAt, TRUST_EXPIRES_AT)));
    }

    static OffsetDateTime epochSeconds(long seconds) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    private static long number(Object value, String name) {
        if (value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new AuthenticationException("The token's claim " + name + " is not a number");
    }

    static String stringClaim(JsonWebToken jwt, String name) {
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
