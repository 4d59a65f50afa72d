package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.junit.jupiter.api.Test;

/** Transactions refused for a transient reason run again, a bounded number of times, each attempt from its start. */
class TransactionRetryTest {

    private final List<Long> pauses = new ArrayList<>();
    private final TransactionRetry retry = retry(null);

    @Test
    void aDeadlockedTransactionRunsAgainAndItsResultIsReturned() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(0) >= 10 && pauses.get(0) <= 20, "a short random pause: " + pauses);
        assertTrue(pauses.get(1) >= 20 && pauses.get(1) <= 40, "growing: " + pauses);
    }

    @Test
    void afterTheLastAttemptTheLastFailureIsThrown() {
        AtomicInteger attempts = new AtomicInteger();
        List<RuntimeException> thrown = new ArrayList<>();
        RuntimeException last = assertThrows(RuntimeException.class, () -> retry.run(() -> {
            attempts.incrementAndGet();
            RuntimeException failure = deadlock();
            thrown.add(failure);
            throw failure;
        }));
        assertEquals(TransactionRetry.ATTEMPTS, attempts.get(), "bounded");
        assertSame(thrown.get(thrown.size() - 1), last);
        assertTrue(TransientFailures.isTransient(last), "so the API answers 503");
    }

    @Test
    void aFailureThatIsNotTransientIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalArgumentException refused = new IllegalArgumentException("bad input");
        assertSame(refused, assertThrows(IllegalArgumentException.class, () -> retry.run(() -> {
            attempts.incrementAndGet();
            throw refused;
        })));
        assertEquals(1, attempts.get());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void withinATransactionTheWorkRunsOnceSinceThatTransactionIsLost() {
        TransactionRetry inside = retry(registryWithTransaction("tx-1"));
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(EJBException.class, () -> inside.run(() -> {
            attempts.incrementAndGet();
            throw deadlock();
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void outsideATransactionTheRegistrySaysSoAndTheWorkIsRetried() {
        TransactionRetry outside = retry(registryWithTransaction(null));
        AtomicInteger attempts = new AtomicInteger();
        outside.run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw deadlock();
            }
        });
        assertEquals(2, attempts.get());
    }

    /**
     * Two transactions on a real Derby database lock rows in opposite orders and deadlock; Derby rolls
     * the victim back, and the retry runs it again from its start, on a fresh connection, so both commit.
     */
    @Test
    void aRealDeadlockVictimRunsAgainFromItsStartAndBothCommit() throws Exception {
        try (DerbyLocks db = new DerbyLocks(1, 20)) {
            CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();
            TransactionRetry realPauses = new TransactionRetry();
            CompletableFuture<Void> forward = CompletableFuture.runAsync(
                    () -> realPauses.run(() -> transfer(db, 1, 2, bothHoldTheirFirstRow, attempts)));
            CompletableFuture<Void> backward = CompletableFuture.runAsync(
                    () -> realPauses.run(() -> transfer(db, 2, 1, bothHoldTheirFirstRow, attempts)));
            forward.get(60, TimeUnit.SECONDS);
            backward.get(60, TimeUnit.SECONDS);

            assertEquals(3, attempts.get(), "one of the two ran twice");
            assertEquals(2, db.value(1), "each transaction added one to each row, once");
            assertEquals(2, db.value(2));
        }
    }

    /** One transaction: adds to {@code first}, then (once both hold their first row, on the first attempts) to {@code second}. */
    private static void transfer(DerbyLocks db, int first, int second, CyclicBarrier barrier, AtomicInteger attempts) {
        boolean firstAttempts = attempts.incrementAndGet() <= 2;
        try (Connection c = db.connect()) {
            try {
                DerbyLocks.add(c, first);
                if (firstAttempts) {
                    barrier.await(30, TimeUnit.SECONDS);
                }
                DerbyLocks.add(c, second);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new PersistenceException("the transaction failed", e);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TransactionRetry retry(TransactionSynchronizationRegistry registry) {
        TransactionRetry r = new TransactionRetry();
        r.transactions = registry;
        r.pause = pauses::add;
        return r;
    }

    private static RuntimeException deadlock() {
        return new EJBException(new PersistenceException(new SQLException("deadlock detected", "40P01")));
    }

    private static TransactionSynchronizationRegistry registryWithTransaction(Object key) {
        return (TransactionSynchronizationRegistry) Proxy.newProxyInstance(TransactionRetryTest.class.getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getTransactionKey")) {
                        return key;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
