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
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Turns a token, and the service token beside it, into a {@link Caller}. Keystone's tokens (JWS
 * or Fernet) go to Keystone when it is configured; the development issuer's tokens (RS256) are
 * checked here. Validated callers are cached under the SHA-256 of their token (the token itself
 * is never kept) for no longer than the token, or its trust, lives and a configured bound;
 * refusals are cached briefly, so a bad token does not reach Keystone on every request.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());

    @Inject
    @ConfigProperties
    IdentityConfig config;

    @Inject
    SecureRandom random;

    private JwtValidator development;
    private KeystoneValidator keystone;
    private KeystoneClient keystoneClient;
    private ServiceUsers serviceUsers;
    private Cache<String, Caller> cache;
    private Cache<String, String> refusals;

    /** Loads (and on first start creates) the issuer keys when the application starts, not on first use. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        cache.cleanUp();
    }

    @PostConstruct
    void init() {
        if (config.developmentIssuerEnabled) {
            development = new JwtValidator(DevelopmentIssuer.publicKey(Path.of(config.developmentIssuerDir), random),
                    config.developmentIssuer, SignatureAlgorithm.RS256);
            LOG.warning("The development token issuer '" + config.developmentIssuer + "' is enabled.");
        }
        if (config.keystoneUrl.isPresent()) {
            KeystoneClient client = new KeystoneClient(config.keystoneUrl.get(), new KeystoneClient.Credentials(
                    config.keystoneUsername, config.keystonePassword.orElse(null), config.keystoneUserDomain,
                    config.keystoneProject.orElse(null), config.keystoneProjectDomain),
                    Duration.ofSeconds(config.keystoneTimeoutSeconds));
            keystoneClient = client;
            keystone = new KeystoneValidator(client, config.jwsPublicKeysDir
                    .map(dir -> new JwsPublicKeys(Path.of(dir))).orElse(null), Duration.ofSeconds(config.cacheSeconds));
            LOG.info("Keystone tokens are validated at " + client.url() + " as user '" + config.keystoneUsername + "'"
                    + config.jwsPublicKeysDir.map(dir -> "; JWS signatures are checked with the keys in " + dir)
                    .orElse(""));
        }
        if (development == null && keystone == null) {
            LOG.warning("No token issuer is enabled: every request will be refused.");
        }
        serviceUsers = ServiceUsers.parse(config.serviceUserMapping.orElse(List.of()), config.services,
                LOG::warning);
        cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.creating((String hash, Caller caller) -> lifetime(caller)))
                .recordStats()
                .build();
        refusals = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofSeconds(config.failureCacheSeconds))
                .build();
    }

    /** The caller of a request without a service token. */
    public Caller authenticate(String token) {
        return authenticate(token, null);
    }

    /**
     * The caller of a request: the user's token, and the service token beside it if any, which must
     * be valid, carry the service role and belong to a service user mapped to a Lockbox service.
     */
    public Caller authenticate(String token, String serviceToken) {
        Caller caller = cachedOrValidated(token);
        if (serviceToken == null) {
            return caller;
        }
        Caller service;
        try {
            service = cachedOrValidated(serviceToken);
        } catch (AuthenticationException e) {
            throw new AuthenticationException("The service token is refused: " + e.getMessage());
        }
        if (!service.roles().contains(config.serviceRole)) {
            throw new AuthenticationException("The service token does not carry the '" + config.serviceRole
                    + "' role");
        }
        Caller.UserDomain domain = service.userDomain();
        String lockboxService = serviceUsers.serviceOf(service.userId(), service.userName(),
                        domain == null ? null : domain.id(), domain == null ? null : domain.name())
                .orElseThrow(() -> new AuthenticationException("The service token's user is not mapped to a Lockbox"
                        + " service (lockbox.service-token.services names users by id, or by name with their domain)"));
        if (!Caller.DEFAULT_SERVICE.equals(caller.service()) && !caller.service().equals(lockboxService)) {
            throw new AuthenticationException("The token and the service token name different services");
        }
        return caller.withService(new ServiceIdentity(service.userId(), service.userName(), service.roles(), domain),
                lockboxService);
    }

    /** Hits and misses of the cache of validated tokens since the start, for the operators' metrics. */
    public CacheStats tokenCacheStats() {
        return cache.stats();
    }

    /** Validated tokens cached now (an estimate, as Caffeine counts them). */
    public long tokenCacheSize() {
        return cache.estimatedSize();
    }

    /** Keystone's identity endpoint, when Keystone is configured. */
    public Optional<String> keystoneEndpoint() {
        return Optional.ofNullable(keystoneClient).map(KeystoneClient::url);
    }

    /** Whether Keystone answered the last call made to it; empty when Keystone is not configured. */
    public Optional<Boolean> keystoneAnsweredLastCall() {
        return Optional.ofNullable(keystoneClient).map(KeystoneClient::answeredLastCall);
    }

    /** Asks Keystone now: empty when it answers, else why not. Only when Keystone is configured. */
    public Optional<String> keystoneProblem() {
        if (keystoneClient == null) {
            throw new IllegalStateException("Keystone is not configured");
        }
        return keystoneClient.probe();
    }

    private Caller cachedOrValidated(String token) {
        String hash = hash(token);
        String refusal = refusals.getIfPresent(hash);
        if (refusal != null) {
            throw new AuthenticationException(refusal);
        }
        Caller caller = cache.getIfPresent(hash);
        if (caller == null) {
            try {
                caller = validate(token);
            } catch (AuthenticationException e) {
                refusals.put(hash, e.getMessage());
                throw e;
            }
            cache.put(hash, caller);
        }
        if (!caller.expiresAt().isAfter(OffsetDateTime.now())) {
            cache.invalidate(hash);
            throw new AuthenticationException("The token, or the trust it acts under, has expired");
        }
        return caller;
    }

    private Caller validate(String token) {
        Caller caller;
        if (keystone != null && (development == null || isKeystoneShaped(token))) {
            caller = keystone.validate(token);
        } else if (development != null) {
            caller = development.validate(token);
        } else {
            throw new AuthenticationException("No token issuer is configured");
        }
        if (!config.services.contains(caller.service())) {
            throw new AuthenticationException("The token names an unknown service");
        }
        return caller;
    }

    /** Keystone issues ES256 JWS tokens or opaque (Fernet) ones; the development issuer signs RS256. */
    private static boolean isKeystoneShaped(String token) {
        String algorithm = TokenShape.jwtAlgorithm(token);
        return algorithm == null || "ES256".equals(algorithm);
    }

    private Duration lifetime(Caller caller) {
        Duration untilExpiry = Duration.between(OffsetDateTime.now(), caller.expiresAt());
        Duration bound = Duration.ofSeconds(config.cacheSeconds);
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
