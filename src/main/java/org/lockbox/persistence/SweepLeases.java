package org.lockbox.persistence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leases in the {@code sweep_lease} table that let one server at a time run a named background
 * sweep, whichever replicas share the database. A lease is taken or renewed by one conditional
 * UPDATE, or by an INSERT when the name has no row yet (two servers inserting at once: the unique
 * key lets one win), and it lasts until it expires unless renewed; a server that stops renewing it
 * (it died) loses it at expiry to the next server that asks. Times are UTC from the database's own
 * clock on PostgreSQL, so that replicas' clocks need not agree; the embedded Derby database runs in
 * the server's process, whose clock is the database's. Every call is its own short transaction and
 * must run outside any container transaction (the sweeps are NOT_SUPPORTED), so that a lease is
 * visible at once and no row stays locked while a sweep works. A database failure counts as not
 * holding the lease.
 */
public final class SweepLeases {

    private static final Logger LOG = Logger.getLogger(SweepLeases.class.getName());
    private static final int HOLDER_LENGTH = 255;

    /** Opens a connection; each call's connection is closed after use. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** The current time in UTC as the database sees it, read over the connection given. */
    @FunctionalInterface
    public interface Clock {
        LocalDateTime now(Connection db) throws SQLException;
    }

    /** One lease as its row holds it. */
    public record Lease(String name, String holder, LocalDateTime acquired, LocalDateTime expires) {

        /** Whether the lease is still in force at {@code now}. */
        public boolean heldAt(LocalDateTime now) {
            return expires.isAfter(now);
        }
    }

    private final Connections connections;
    private final String holder;
    private final Clock clock;

    /** Leases taken as {@code holder}, by the database's clock. */
    public SweepLeases(Connections connections, String holder) {
        this(connections, holder, SweepLeases::databaseNow);
    }

    public SweepLeases(Connections connections, String holder, Clock clock) {
        if (holder == null || holder.isBlank() || holder.length() > HOLDER_LENGTH) {
            throw new IllegalArgumentException("a lease holder is named by 1 to " + HOLDER_LENGTH + " characters");
        }
        this.connections = connections;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * A name for this running server, different at every start even on one host: the host's name
     * (for people reading logs and the table) and a random suffix.
     */
    public static String newHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String suffix = "/" + UUID.randomUUID();
        return (host.length() + suffix.length() > HOLDER_LENGTH
                ? host.substring(0, HOLDER_LENGTH - suffix.length()) : host) + suffix;
    }

    public String holder() {
        return holder;
    }

    /**
     * Takes the lease {@code name} for {@code ttl}, or renews it when this server holds it already.
     * False when another server holds it and it has not expired (or the database failed).
     */
    public boolean acquire(String name, Duration ttl) {
        requirePositive(ttl);
        try (Connection db = connections.open()) {
            LocalDateTime now = clock.now(db);
            boolean taken;
            try (PreparedStatement update = db.prepareStatement("UPDATE sweep_lease SET holder = ?,"
                    + " acquired = CASE WHEN holder = ? AND expires > ? THEN acquired ELSE CAST(? AS TIMESTAMP) END,"
                    + " expires = ? WHERE name = ? AND (holder = ? OR expires <= ?)")) {
                update.setString(1, holder);
                update.setString(2, holder);
                update.setTimestamp(3, timestamp(now));
                update.setTimestamp(4, timestamp(now));
                update.setTimestamp(5, timestamp(now.plus(ttl)));
                update.setString(6, name);
                update.setString(7, holder);
                update.setTimestamp(8, timestamp(now));
                taken = update.executeUpdate() == 1;
            }
            if (!taken && !exists(db, name)) {
                taken = insert(db, name, now, ttl);
            }
            commit(db);
            if (!taken && LOG.isLoggable(Level.FINE)) {
                LOG.fine("Sweep '" + name + "' skipped here: its lease is held by " + describe(name));
            }
            return taken;
        } catch (SQLException e) {
            LOG.warning(() -> "Cannot take the lease '" + name + "' (" + e.getMessage() + "); this server skips"
                    + " the sweep until it can");
            return false;
        }
    }

    /**
     * Extends the lease this server holds by {@code ttl} from now. False when another server has
     * taken it meanwhile (it had expired), or it was released: the caller must stop the sweep.
     */
    public boolean renew(String name, Duration ttl) {
        requirePositive(ttl);
        try {
            return expireHeld(name, ttl);
        } catch (SQLException e) {
            LOG.warning(() -> "Cannot renew the lease '" + name + "' (" + e.getMessage() + "); the sweep stops");
            return false;
        }
    }

    /**
     * Gives the lease up at once, if this server holds it; another server may take it at its next
     * round. The row keeps this server's name. False when this server did not hold it.
     */
    public boolean release(String name) {
        try {
            return expireHeld(name, Duration.ZERO);
        } catch (SQLException e) {
            LOG.log(Level.FINE, e, () -> "Cannot release the lease '" + name + "'; it expires by itself");
            return false;
        }
    }

    /**
     * Sets a lease this server holds, and that has not expired, to expire {@code after} from now
     * (zero: at once); whether it did.
     */
    private boolean expireHeld(String name, Duration after) throws SQLException {
        try (Connection db = connections.open()) {
            LocalDateTime now = clock.now(db);
            int updated;
            try (PreparedStatement update = db.prepareStatement(
                    "UPDATE sweep_lease SET expires = ? WHERE name = ? AND holder = ? AND expires > ?")) {
                update.setTimestamp(1, timestamp(now.plus(after)));
                update.setString(2, name);
                update.setString(3, holder);
                update.setTimestamp(4, timestamp(now));
                updated = update.executeUpdate();
            }
            commit(db);
            return updated == 1;
        }
    }

    /** The lease's row, if the name has one (held or not). */
    public Optional<Lease> find(String name) {
        try (Connection db = connections.open();
             PreparedStatement select = db.prepareStatement(
                     "SELECT holder, acquired, expires FROM sweep_lease WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Lease(name, row.getString(1), row.getTimestamp(2).toLocalDateTime(),
                                row.getTimestamp(3).toLocalDateTime()))
                        : Optional.empty();
            } finally {
                commit(db);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the lease '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Who holds the lease now, for a log line: the holder, or a word saying why there is none. */
    public String describe(String name) {
        try (Connection db = connections.open()) {
            LocalDateTime now = clock.now(db);
            commit(db);
            return find(name).map(lease -> lease.heldAt(now)
                    ? lease.holder() + " until " + lease.expires() + " UTC"
                    : "nobody (last " + lease.holder() + ")").orElse("nobody");
        } catch (SQLException | IllegalStateException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Takes the lease for one round of a sweep: empty when another server holds it. The round renews
     * it with {@link Hold#keep()} as it goes and gives it up by closing the hold.
     */
    public Optional<Hold> hold(String name, Duration ttl) {
        return acquire(name, ttl) ? Optional.of(new Hold(name, ttl)) : Optional.empty();
    }

    /** A lease held for one round of a sweep. */
    public final class Hold implements AutoCloseable {

        private final String name;
        private final Duration ttl;
        private boolean held = true;

        private Hold(String name, Duration ttl) {
            this.name = name;
            this.ttl = ttl;
        }

        /** Renews the lease; false (and from then on) when it was lost and the round must stop. */
        public boolean keep() {
            held = held && renew(name, ttl);
            return held;
        }

        /** Releases the lease, unless it was lost. */
        @Override
        public void close() {
            if (held) {
                held = false;
                release(name);
            }
        }
    }

    private boolean exists(Connection db, String name) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT 1 FROM sweep_lease WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The first lease of the name; false when another server inserted it first. */
    private boolean insert(Connection db, String name, LocalDateTime now, Duration ttl) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO sweep_lease (name, holder, acquired, expires) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, holder);
            insert.setTimestamp(3, timestamp(now));
            insert.setTimestamp(4, timestamp(now.plus(ttl)));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * PostgreSQL's clock in UTC (replicas on several hosts share it); any other database is the
     * embedded Derby database in this very process, whose clock is the server's.
     */
    static LocalDateTime databaseNow(Connection db) throws SQLException {
        if (!db.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
            return LocalDateTime.now(ZoneOffset.UTC);
        }
        try (Statement query = db.createStatement();
             ResultSet row = query.executeQuery("SELECT CAST(timezone('UTC', CURRENT_TIMESTAMP) AS TIMESTAMP)")) {
            row.next();
            return row.getObject(1, LocalDateTime.class);
        }
    }

    private static Timestamp timestamp(LocalDateTime time) {
        return Timestamp.valueOf(time);
    }

    private static void commit(Connection db) throws SQLException {
        if (!db.getAutoCommit()) {
            db.commit();
        }
    }

    private static void requirePositive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time, not " + ttl);
        }
    }
}
