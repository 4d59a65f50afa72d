package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    private final RateLimiter.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        now += nanos;
    };

    @Test
    void keepsTheAverageAtTheConfiguredRate() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(100, () -> now, sleeper);
        long start = now;
        for (int i = 0; i < 10; i++) {
            limiter.spent(50);
        }
        assertEquals(5_000_000_000L, now - start, "500 keys at 100/s take five seconds");
        assertEquals(10, sleeps.size());
        assertEquals(500_000_000L, sleeps.get(0), "50 keys at 100/s: half a second's pause");
    }

    @Test
    void timeSpentWorkingCountsTowardsThePause() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(10, () -> now, sleeper);
        now += 300_000_000L; // the batch itself took 0.3 s
        limiter.spent(1);
        assertEquals(List.of(100_000_000L), sleeps);
        now += 2_000_000_000L; // idle: no credit is saved up beyond the present
        limiter.spent(10);
        assertEquals(1_000_000_000L, sleeps.get(1));
    }

    @Test
    void zeroMeansUnlimited() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(0, () -> now, sleeper);
        limiter.spent(1_000_000);
        assertEquals(List.of(), sleeps);
    }
}
