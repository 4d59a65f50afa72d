package org.lockbox.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh in-memory embedded Derby database with two rows, and short lock timeouts, for real lock conflicts. */
final class DerbyLocks implements AutoCloseable {

    static {
        System.setProperty("derby.stream.error.file", "target/derby-unit-tests.log");
    }

    private final String url = "jdbc:derby:memory:locks-" + UUID.randomUUID() + ";create=true";

    DerbyLocks(int deadlockSeconds, int waitSeconds) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.deadlockTimeout', '"
                    + deadlockSeconds + "')");
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', '" + waitSeconds + "')");
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, n INT)");
            s.execute("INSERT INTO item VALUES (1, 0), (2, 0)");
            c.commit();
        }
    }

    /** A connection in manual-commit mode with row locking. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    static void add(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE item SET n = n + 1 WHERE id = " + id);
        }
    }

    int value(int id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT n FROM item WHERE id = " + id)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    public void close() {
        try {
            DriverManager.getConnection(url.replace(";create=true", ";drop=true"));
        } catch (SQLException dropped) {
            // Derby reports a dropped database with an exception (08006)
        }
    }
}
