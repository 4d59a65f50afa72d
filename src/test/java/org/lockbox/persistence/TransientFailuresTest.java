package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

/** Which database failures are worth running the transaction again: real Derby conflicts, and PostgreSQL's states, however wrapped. */
class TransientFailuresTest {

    @Test
    void aRealDerbyDeadlockIsTransient() throws Exception {
        try (DerbyLocks db = new DerbyLocks(1, 20); Connection a = db.connect(); Connection b = db.connect()) {
            DerbyLocks.add(a, 1);
            DerbyLocks.add(b, 2);
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<SQLException> first = CompletableFuture.supplyAsync(() -> {
                waiting.countDown();
                return failureOf(() -> DerbyLocks.add(a, 2));
            });
            waiting.await();
            SQLException second = failureOf(() -> DerbyLocks.add(b, 1));
            SQLException firstFailure = first.get(30, TimeUnit.SECONDS);
            SQLException victim = second != null ? second : firstFailure;

            assertNotNull(victim, "Derby chose a deadlock victim");
            assertEquals("40001", victim.getSQLState());
            assertEquals(Optional.of("40001"), TransientFailures.sqlState(victim));
            assertTrue(TransientFailures.isTransient(new PersistenceException("flush failed", victim)));
            a.rollback();
            b.rollback();
        }
    }

    @Test
    void aRealDerbyLockTimeoutIsTransient() throws Exception {
        try (DerbyLocks db = new DerbyLocks(20, 1); Connection a = db.connect(); Connection b = db.connect()) {
            DerbyLocks.add(a, 1);
            SQLException timeout = failureOf(() -> DerbyLocks.add(b, 1));
            assertNotNull(timeout, "the second writer waited for the lock and gave up");
            assertTrue(timeout.getSQLState().startsWith("40XL"), timeout.getSQLState());
            assertTrue(TransientFailures.isTransient(timeout));
            a.rollback();
            b.rollback();
        }
    }

    @Test
    void postgresqlDeadlocksAndSerializationFailuresAreTransient() {
        assertTrue(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01")));
        assertTrue(TransientFailures.isTransient(new SQLException("could not serialize access", "40001")));
        assertTrue(TransientFailures.isTransient(new SQLException("lock timeout with dump", "40XL2")));
    }

    @Test
    void theStateIsFoundWhateverWrapsIt() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        RollbackException atCommit = new RollbackException("rolled back");
        atCommit.initCause(new PersistenceException("flush", deadlock));
        assertTrue(TransientFailures.isTransient(new EJBTransactionRolledbackException("rolled back",
                new EJBException(atCommit))));

        EJBException withoutCause = new EJBException(new PersistenceException(deadlock));
        assertTrue(TransientFailures.isTransient(withoutCause));

        BatchUpdateException batch = new BatchUpdateException("batch failed", "XJ208", new int[0]);
        batch.setNextException(new SQLException("deadlock", "40001"));
        assertTrue(TransientFailures.isTransient(new PersistenceException(batch)), "in the chain of next exceptions");
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(TransientFailures.isTransient(new SQLIntegrityConstraintViolationException("duplicate", "23505")));
        assertFalse(TransientFailures.isTransient(new SQLException("connection lost", "08006")));
        assertFalse(TransientFailures.isTransient(new SQLException("no state")));
        assertFalse(TransientFailures.isTransient(new IllegalStateException("not the database")));
        assertFalse(TransientFailures.isTransient(new PersistenceException("no cause")));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException back = new RuntimeException("b", loop);
        loop.initCause(back);
        assertFalse(TransientFailures.isTransient(loop), "a cycle of causes ends the search");
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private static SQLException failureOf(Sql sql) {
        try {
            sql.run();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
    @Test
    void aDatabaseThatIsGoneIsUnavailableNotTransient() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        SQLException shuttingDown = new SQLException("the database system is shutting down", "57P03");
        SQLException poolWait = new java.sql.SQLTransientConnectionException("no connection free in time");
        for (SQLException each : new SQLException[] {refused, terminated, shuttingDown, poolWait}) {
            assertTrue(TransientFailures.isUnavailable(
                    new EJBException(new PersistenceException("query failed", each))), each.getMessage());
            assertFalse(TransientFailures.isTransient(each), each.getMessage());
        }
        assertFalse(TransientFailures.isUnavailable(new SQLException("deadlock detected", "40P01")));
        assertFalse(TransientFailures.isUnavailable(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertFalse(TransientFailures.isUnavailable(new IllegalStateException("no SQL here")));
    }
}
