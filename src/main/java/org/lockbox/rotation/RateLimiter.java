package org.lockbox.rotation;

import java.util.function.LongSupplier;

/**
 * Paces background rewrapping to at most a configured number of keys per second, so that a large
 * rotation never crowds out requests. Work is paid for after it is done, so a batch runs at once
 * and the pause follows it, outside any transaction.
 */
final class RateLimiter {

    /** Sleeps for a number of nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final long nanosPerPermit;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;

    /** {@code perSecond} of zero or less means no limit. */
    RateLimiter(int perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.nanosPerPermit = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.nextFree = nanoTime.getAsLong();
    }

    static RateLimiter perSecond(int perSecond) {
        return new RateLimiter(perSecond, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** Accounts for {@code permits} keys just rewrapped, waiting as long as the rate requires. */
    synchronized void spent(int permits) throws InterruptedException {
        if (nanosPerPermit == 0 || permits <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (nextFree < now) {
            nextFree = now;
        }
        nextFree += permits * nanosPerPermit;
        long wait = nextFree - now;
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }
}
