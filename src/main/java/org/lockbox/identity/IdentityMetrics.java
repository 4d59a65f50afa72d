package org.lockbox.identity;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Gauges of identity for operators: how often a token is found already validated in the cache (keyed
 * by the token's hash; neither the hash nor the token is ever a tag or a value), and whether Keystone
 * answered the last call made to it.
 */
@ApplicationScoped
public class IdentityMetrics {

    @Inject
    Authenticator authenticator;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("lockbox.token.cache.hit.ratio", "Share of token look-ups answered by the cache of validated tokens"
                + " since the start (1 before the first)", () -> authenticator.tokenCacheStats().hitRate());
        gauge("lockbox.token.cache.hits", "Token look-ups answered by the cache since the start",
                () -> authenticator.tokenCacheStats().hitCount());
        gauge("lockbox.token.cache.misses", "Token look-ups that validated the token since the start",
                () -> authenticator.tokenCacheStats().missCount());
        gauge("lockbox.token.cache.size", "Validated tokens cached now", authenticator::tokenCacheSize);
        if (authenticator.keystoneEndpoint().isPresent()) {
            gauge("lockbox.keystone.reachable", "1 when Keystone answered the last call made to it, else 0",
                    () -> authenticator.keystoneAnsweredLastCall().orElse(false) ? 1 : 0);
        }
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), value, supplier -> supplier.get().doubleValue());
    }
}
