package org.lockbox.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a token into a {@link Caller}. Validated callers are cached under the SHA-256 of their
 * token (the token itself is never kept) for no longer than the token lives and a configured bound.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    @Inject
    @ConfigProperty(name = "lockbox.dev-issuer.enabled", defaultValue = "true")
    boolean developmentIssuerEnabled;

    @Inject
    @ConfigProperty(name = "lockbox.dev-issuer.dir")
    String developmentIssuerDir;

    @Inject
    @ConfigProperty(name = "lockbox.dev-issuer.issuer", defaultValue = "lockbox-dev")
    String developmentIssuer;

    @Inject
    @ConfigProperty(name = "lockbox.token.cache-seconds", defaultValue = "300")
    long cacheSeconds;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    @Inject
    SecureRandom random;

    private List<JwtValidator> validators = List.of();
    private Cache<String, Caller> cache;

    /** Loads (and on first start creates) the issuer keys when the application starts, not on first use. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        cache.cleanUp();
    }

    @PostConstruct
    void init() {
        if (developmentIssuerEnabled) {
            validators = List.of(new JwtValidator(
                    DevelopmentIssuer.publicKey(Path.of(developmentIssuerDir), random),
                    developmentIssuer, SignatureAlgorithm.RS256));
            LOG.warning("The development token issuer '" + developmentIssuer + "' is enabled.");
        } else {
            LOG.warning("No token issuer is enabled: every request will be refused.");
        }
        cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.creating((String hash, Caller caller) -> lifetime(caller)))
                .build();
    }

    public Caller authenticate(String token) {
        String hash = hash(token);
        Caller caller = cache.getIfPresent(hash);
        if (caller == null) {
            caller = validate(token);
            cache.put(hash, caller);
        }
        if (!caller.expiresAt().isAfter(OffsetDateTime.now())) {
            cache.invalidate(hash);
            throw new AuthenticationException("The token has expired");
        }
        return caller;
    }

    private Caller validate(String token) {
        if (validators.isEmpty()) {
            throw new AuthenticationException("No token issuer is configured");
        }
        AuthenticationException last = null;
        for (JwtValidator validator : validators) {
            try {
                Caller caller = validator.validate(token);
                if (!services.contains(caller.service())) {
                    throw new AuthenticationException("The token names an unknown service");
                }
                return caller;
            } catch (AuthenticationException e) {
                last = e;
            }
        }
        throw last;
    }

    private Duration lifetime(Caller caller) {
        Duration untilExpiry = Duration.between(OffsetDateTime.now(), caller.expiresAt());
        Duration bound = Duration.ofSeconds(cacheSeconds);
        Duration lifetime = untilExpiry.compareTo(bound) < 0 ? untilExpiry : bound;
        return lifetime.isNegative() ? Duration.ZERO : lifetime;
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
