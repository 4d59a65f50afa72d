package org.lockbox.rotation;

import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The log lines of one sweep over one rotation: when it starts (or resumes), every few seconds or
 * every so many keys while it runs, and when it ends, with counts and rate. Names keys by kind and
 * count only, never by content.
 */
final class ProgressLog {

    static final long EVERY_NANOS = 5_000_000_000L;
    static final long EVERY_KEYS = 1000;

    private final Logger log;
    private final String rotation;
    private final String keys;
    private final long total;
    private final long doneBefore;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private long rewrapped;
    private long failed;
    private long lastLoggedAt;
    private long lastLoggedCount;

    /**
     * @param rotation   what rotates, e.g. "Master-key rotation of service 'volume' to version 2"
     * @param keys       what is rewrapped, plural: "KEKs" or "secrets"
     * @param total      how many keys the rotation has in all
     * @param doneBefore how many of them were rewrapped before this sweep (by a sweep a crash interrupted)
     */
    ProgressLog(Logger log, String rotation, String keys, long total, long doneBefore, LongSupplier nanoTime) {
        this.log = log;
        this.rotation = rotation;
        this.keys = keys;
        this.total = total;
        this.doneBefore = doneBefore;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.lastLoggedAt = startedAt;
    }

    void started(long toRewrap) {
        if (doneBefore > 0) {
            log.info(rotation + ": resuming, " + doneBefore + " of " + total + " " + keys
                    + " were rewrapped before; " + toRewrap + " to go");
        } else {
            log.info(rotation + ": started, " + toRewrap + " " + keys + " to rewrap");
        }
    }

    void rewrapped(long count) {
        rewrapped += count;
        maybeLog();
    }

    void failed(long count) {
        failed += count;
        maybeLog();
    }

    /** The sweep went through every key: {@code remaining} are still under an older version. */
    void finished(long remaining, String afterwards) {
        String seconds = String.format(Locale.ROOT, "%.1f", (nanoTime.getAsLong() - startedAt) / 1e9);
        if (remaining == 0) {
            log.info(rotation + ": done, " + rewrapped + " " + keys + " rewrapped in " + seconds + " s"
                    + (doneBefore > 0 ? " (" + (doneBefore + rewrapped) + " in all)" : "")
                    + (afterwards.isEmpty() ? "" : "; " + afterwards));
        } else {
            log.log(failed > 0 ? Level.WARNING : Level.INFO, rotation + ": " + rewrapped + " " + keys
                    + " rewrapped in " + seconds + " s, " + failed + " failed their integrity check, "
                    + remaining + " still under an older version");
        }
    }

    /** The sweep stopped before the end (the server is stopping); the next start resumes it. */
    void interrupted() {
        log.info(rotation + ": interrupted after " + rewrapped + " " + keys
                + " rewrapped; it resumes when the server next starts");
    }

    private void maybeLog() {
        long now = nanoTime.getAsLong();
        long count = rewrapped + failed;
        if (now - lastLoggedAt < EVERY_NANOS && count - lastLoggedCount < EVERY_KEYS) {
            return;
        }
        double perSecond = rewrapped / Math.max(1e-9, (now - startedAt) / 1e9);
        log.info(rotation + ": " + (doneBefore + rewrapped) + " of " + total + " " + keys + " rewrapped"
                + (failed > 0 ? ", " + failed + " failed" : "")
                + String.format(Locale.ROOT, " (%.0f/s)", perSecond));
        lastLoggedAt = now;
        lastLoggedCount = count;
    }
}
