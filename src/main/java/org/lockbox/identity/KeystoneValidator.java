package org.lockbox.identity;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Validates Keystone's tokens. A JWS token is first verified offline against Keystone's public
 * keys (when configured), so forgeries never reach Keystone; every token, JWS or Fernet, is then
 * validated online, which is where roles, revocation, disabled users and deleted or expired
 * trusts are seen. A trust token's trust is read from Keystone for its expiry (Keystone's
 * validation answer lacks it) and kept for the cache bound.
 */
final class KeystoneValidator {

    private final KeystoneClient keystone;
    private final JwsPublicKeys jwsKeys;
    private final Cache<String, Trust> trusts;

    /** {@code jwsKeys} null: JWS tokens are checked online only. */
    KeystoneValidator(KeystoneClient keystone, JwsPublicKeys jwsKeys, Duration cacheBound) {
        this.keystone = keystone;
        this.jwsKeys = jwsKeys;
        this.trusts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheBound).build();
    }

    Caller validate(String token) {
        JsonWebToken jws = jwsKeys != null && TokenShape.isKeystoneJws(token) ? jwsKeys.verify(token) : null;
        KeystoneClient.ValidatedToken online = keystone.validate(token);
        Trust trust = online.trust() == null ? null : withExpiry(online.trust());
        if (trust != null && !online.userId().equals(trust.effectiveUserId())) {
            throw new AuthenticationException("Keystone's answer for the trust token names an unexpected user");
        }
        if (jws != null) {
            requireSameAs(jws, online, trust);
        }
        return new Caller(online.userId(), online.userName(), online.projectId(), online.domainId(), online.roles(),
                null, online.expiresAt(), online.auditIds(), trust, null, online.projectDomainId(), online.userDomain());
    }

    /** The trust as Keystone answered it for the token, with the expiry only the trust itself holds. */
    private Trust withExpiry(Trust fromToken) {
        Trust kept = trusts.getIfPresent(fromToken.id());
        if (kept == null) {
            kept = keystone.trust(fromToken.id());
            trusts.put(kept.id(), kept);
        }
        if (!kept.trustorId().equals(fromToken.trustorId()) || !kept.trusteeId().equals(fromToken.trusteeId())
                || kept.impersonation() != fromToken.impersonation()) {
            throw new AuthenticationException("The token's trust does not match the trust Keystone keeps");
        }
        return kept;
    }

    /** The signed claims and Keystone's answer must describe the same token. */
    private static void requireSameAs(JsonWebToken jws, KeystoneClient.ValidatedToken online, Trust trust) {
        String subject = trust == null ? online.userId() : trust.trusteeId();
        boolean same = subject.equals(jws.getSubject())
                && Objects.equals(online.projectId(), JwtValidator.stringClaim(jws, JwtValidator.PROJECT))
                && Objects.equals(online.domainId(), JwtValidator.stringClaim(jws, JwtValidator.DOMAIN))
                && Objects.equals(trust == null ? null : trust.id(), JwtValidator.stringClaim(jws, JwtValidator.TRUST_ID))
                && online.expiresAt().toEpochSecond() == jws.getExpirationTime();
        if (!same) {
            throw new AuthenticationException("Keystone's answer does not match the token's signed claims");
        }
    }
}
