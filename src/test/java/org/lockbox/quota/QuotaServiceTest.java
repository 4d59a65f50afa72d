package org.lockbox.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.lockbox.config.ConfigLookup;
import org.lockbox.error.ForbiddenException;

class QuotaServiceTest {

    @Test
    void configuredValuesWinAndDefaultsFillIn() {
        QuotaService quotas = service(Map.of(Quota.SECRETS, 5, Quota.ORDERS, 0),
                Map.of("lockbox.quota.containers", "7"));
        Map<Quota, Integer> effective = quotas.effective("p");
        assertEquals(5, effective.get(Quota.SECRETS));
        assertEquals(0, effective.get(Quota.ORDERS));
        assertEquals(7, effective.get(Quota.CONTAINERS));
        assertEquals(-1, effective.get(Quota.CONSUMERS));
        assertEquals(-1, effective.get(Quota.CAS));
    }

    @Test
    void unlimitedNeverCounts() {
        AtomicInteger counted = new AtomicInteger();
        service(Map.of()).enforce("p", Quota.SECRETS, () -> counted.incrementAndGet() + 1_000_000L);
        assertEquals(0, counted.get(), "an unlimited quota does not count the project's secrets");
    }

    @Test
    void refusesTheOneOverTheLimit() {
        QuotaService quotas = service(Map.of(Quota.SECRETS, 3));
        quotas.enforce("p", Quota.SECRETS, () -> 2);
        ForbiddenException refused = assertThrows(ForbiddenException.class,
                () -> quotas.enforce("p", Quota.SECRETS, () -> 3));
        assertTrue(refused.getMessage().contains("3 secrets"), refused.getMessage());
    }

    @Test
    void zeroForbidsWithoutCounting() {
        AtomicInteger counted = new AtomicInteger();
        assertThrows(ForbiddenException.class, () -> service(Map.of(Quota.ORDERS, 0))
                .enforce("p", Quota.ORDERS, () -> counted.incrementAndGet() - 1));
        assertEquals(0, counted.get());
    }

    @Test
    void aReplacementForgetsWhatItLeavesOut() {
        ProjectQuota quota = new ProjectQuota("p", LocalDateTime.now());
        quota.replace(Map.of(Quota.SECRETS, 1, Quota.CAS, 2), LocalDateTime.now());
        quota.replace(Map.of(Quota.CONSUMERS, 3), LocalDateTime.now());
        assertEquals(null, quota.value(Quota.SECRETS));
        assertEquals(null, quota.value(Quota.CAS));
        assertEquals(3, quota.value(Quota.CONSUMERS));
        assertEquals(5, quota.values().size());
    }

    /** A quota service whose project has these configured values (none configured when empty). */
    private static QuotaService service(Map<Quota, Integer> configured) {
        return service(configured, Map.of());
    }

    /** The same, with these settings (configuration names) over the packaged defaults. */
    private static QuotaService service(Map<Quota, Integer> configured, Map<String, String> settings) {
        QuotaService quotas = new QuotaService() {
            @Override
            public Optional<ProjectQuota> configured(String projectId) {
                if (configured.isEmpty()) {
                    return Optional.empty();
                }
                ProjectQuota quota = new ProjectQuota(projectId, LocalDateTime.now());
                quota.replace(configured, LocalDateTime.now());
                return Optional.of(quota);
            }
        };
        quotas.defaults = ConfigLookup.of(settings).bind(QuotaConfig.class);
        return quotas;
    }
}
