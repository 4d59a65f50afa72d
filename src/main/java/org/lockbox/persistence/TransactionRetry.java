package org.lockbox.persistence;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs a transaction again when the database refused it for a transient reason (a deadlock, a
 * serialization failure or a lock timeout; see {@link TransientFailures}), a bounded number of
 * times with a short random pause. The work given must be one whole transaction started by this
 * call, such as one call to a transactional enterprise bean from outside any transaction: only then
 * does running it again repeat everything the refused attempt rolled back. Called within a
 * transaction it runs the work once, since that transaction is already lost. When every attempt
 * fails the last failure is thrown, which the API answers with 503.
 */
@ApplicationScoped
public class TransactionRetry {

    /** Attempts in all, the first included. */
    public static final int ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final Logger LOG = Logger.getLogger(TransactionRetry.class.getName());

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Waits between attempts (tests wait for nothing). */
    Pause pause = millis -> Thread.sleep(millis);

    /** How a retry waits. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /** Runs {@code transaction}, again after a transient refusal, and returns its result. */
    public <T> T call(Supplier<T> transaction) {
        if (inTransaction()) {
            return transaction.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException failure) {
                String sqlState = TransientFailures.sqlState(failure).orElse(null);
                if (sqlState == null) {
                    throw failure;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warning("The database refused a transaction " + ATTEMPTS + " times (SQLState " + sqlState
                            + "); the request is answered 503");
                    throw failure;
                }
                pauseBefore(attempt + 1, failure);
            }
        }
    }

    /** Runs {@code transaction}, again after a transient refusal. */
    public void run(Runnable transaction) {
        call(() -> {
            transaction.run();
            return null;
        });
    }

    private void pauseBefore(int attempt, RuntimeException failure) {
        long ceiling = FIRST_PAUSE_MILLIS << (attempt - 2);
        try {
            pause.sleep(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private boolean inTransaction() {
        return transactions != null && transactions.getTransactionKey() != null;
    }
}
