package org.lockbox.crypto;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Gauges of the cache of unwrapped KEKs for operators: counts only, never a project, service or key. */
@ApplicationScoped
public class KekCacheMetrics {

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("lockbox.kek.cache.hit.ratio", "Share of KEK look-ups answered by the cache of unwrapped KEKs since"
                + " the start (1 before the first)", () -> keks.cacheStats().hitRate());
        gauge("lockbox.kek.cache.hits", "KEK look-ups answered by the cache since the start",
                () -> keks.cacheStats().hitCount());
        gauge("lockbox.kek.cache.misses", "KEK look-ups that unwrapped the KEK since the start",
                () -> keks.cacheStats().missCount());
        gauge("lockbox.kek.cache.size", "Unwrapped KEKs held now", keks::cacheSize);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), value, supplier -> supplier.get().doubleValue());
    }
}
