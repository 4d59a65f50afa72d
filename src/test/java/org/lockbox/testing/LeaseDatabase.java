package org.lockbox.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.lockbox.persistence.SchemaMigration;
import org.lockbox.persistence.SweepLeases;

/**
 * A fresh in-memory embedded Derby database migrated by the schema's own migrations, for sweep
 * leases held by as many servers as a test needs, on a clock the test moves.
 */
public final class LeaseDatabase implements AutoCloseable {

    static {
        System.setProperty("derby.stream.error.file", "target/derby-unit-tests.log");
    }

    private final String url = "jdbc:derby:memory:sweep-leases-" + UUID.randomUUID() + ";create=true";
    private final AtomicReference<LocalDateTime> now = new AtomicReference<>(LocalDateTime.of(2030, 1, 1, 0, 0));

    public LeaseDatabase() throws SQLException {
        SchemaMigration.migrate(url, "app", "app");
    }

    /** The leases of one server named {@code holder}. */
    public SweepLeases server(String holder) {
        return new SweepLeases(this::connect, holder, db -> now.get());
    }

    /** Moves the clock on. */
    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "app", "app");
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
