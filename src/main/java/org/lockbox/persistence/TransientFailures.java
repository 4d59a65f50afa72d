package org.lockbox.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.EJBException;

/**
 * Recognises the failures after which the same transaction, run again from its start, may well
 * succeed: the database chose it as a deadlock victim, could not serialise it, or gave up waiting
 * for a lock. Read from the SQLState of any {@link SQLException} among the causes, whatever wraps
 * it (JPA, the EJB container, the transaction manager).
 */
public final class TransientFailures {

    /**
     * 40001: serialization failure (PostgreSQL) or deadlock (Derby); 40P01: deadlock detected
     * (PostgreSQL); 40XL1 and 40XL2: lock wait timeout (Derby, the second with a lock table dump).
     */
    static final Set<String> SQL_STATES = Set.of("40001", "40P01", "40XL1", "40XL2");

    /**
     * The database cannot be reached or went away: SQLState class 08 (connection exception) and
     * PostgreSQL's 57P01 (terminated by an administrator), 57P02 (crash shutdown) and 57P03 (cannot
     * connect now: starting up or shutting down).
     */
    static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("57P01", "57P02", "57P03");

    private static final int DEEPEST = 32;

    private TransientFailures() {
    }

    /** Whether {@code failure} comes from a deadlock, a serialization failure or a lock timeout. */
    public static boolean isTransient(Throwable failure) {
        return sqlState(failure).isPresent();
    }

    /**
     * Whether {@code failure} comes from a database that cannot be reached now (stopped, restarting,
     * unreachable, or no pooled connection free in time): the request may succeed later, not by
     * running it again at once. Read from any SQLException among the causes (its SQLState, or its
     * JDBC type for a connection failure), as for {@link #isTransient}.
     */
    public static boolean isUnavailable(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.size() < DEEPEST && seen.put(current, Boolean.TRUE) == null) {
            if (current instanceof SQLException sql) {
                for (SQLException each = sql; each != null && seen.size() < DEEPEST; each = each.getNextException()) {
                    String state = each.getSQLState();
                    if (each instanceof SQLTransientConnectionException || each instanceof SQLNonTransientConnectionException
                            || each instanceof SQLRecoverableException
                            || state != null && (state.startsWith("08") || UNAVAILABLE_SQL_STATES.contains(state))) {
                        return true;
                    }
                    if (each.getNextException() == each) {
                        break;
                    }
                }
            }
            Throwable next = current.getCause();
            if (next == null && current instanceof EJBException ejb) {
                next = ejb.getCausedByException();
            }
            current = next;
        }
        return false;
    }

    /** The SQLState that makes {@code failure} transient, if it is. */
    public static Optional<String> sqlState(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.size() < DEEPEST && seen.put(current, Boolean.TRUE) == null) {
            if (current instanceof SQLException sql) {
                for (SQLException each = sql; each != null && seen.size() < DEEPEST; each = each.getNextException()) {
                    if (each.getSQLState() != null && SQL_STATES.contains(each.getSQLState())) {
                        return Optional.of(each.getSQLState());
                    }
                    if (each.getNextException() == each) {
                        break;
                    }
                }
            }
            Throwable next = current.getCause();
            if (next == null && current instanceof EJBException ejb) {
                next = ejb.getCausedByException();
            }
            current = next;
        }
        return Optional.empty();
    }
}
