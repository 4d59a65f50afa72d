package org.lockbox.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's database as the operator tools reach it, without the server: PostgreSQL from
 * DB_KIND, DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD, or the embedded Derby database
 * under LOCKBOX_DATA_DIR (which only one process can open: the server must be stopped).
 * LOCKBOX_ADMIN_JDBC_URL overrides the address. The schema is brought up to date on first use.
 */
public final class AdminDatabase implements AutoCloseable {

    /** Flyway reports each migration step; an operator's terminal needs only its warnings. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    private final String url;
    private final String user;
    private final String password;
    private boolean migrated;

    public AdminDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Reads the server's variables through a lookup of their configuration names (db.kind is DB_KIND). */
    public static AdminDatabase from(Function<String, Optional<String>> config) {
        FLYWAY_LOG.setLevel(Level.WARNING);
        DatabaseAddress address = DatabaseAddress.of(config, config.apply("lockbox.admin.jdbc-url"), ";create=true");
        return new AdminDatabase(address.url(), address.user(), address.password());
    }

    public String url() {
        return url;
    }

    /** A new connection (auto-commit), after the schema is up to date. */
    public synchronized Connection open() throws SQLException {
        if (!migrated) {
            try {
                SchemaMigration.migrate(url, user, password);
            } catch (SQLException e) {
                throw new SQLException(describeFailure(e), e.getSQLState(), e);
            } catch (RuntimeException e) {
                throw new SQLException("Cannot bring the schema at " + url + " up to date: " + e.getMessage(), e);
            }
            migrated = true;
        }
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SQLException(describeFailure(e), e.getSQLState(), e);
        }
    }

    private String describeFailure(SQLException e) {
        String hint = url.startsWith("jdbc:derby") && "XJ040".equals(e.getSQLState())
                ? " (the embedded database is open in another process: stop the server first)" : "";
        return "Cannot open the database at " + url + hint + ": " + e.getMessage();
    }

    /** Shuts an embedded Derby database down, so that the server can open it next. */
    @Override
    public void close() {
        if (url.startsWith("jdbc:derby:") && migrated) {
            String database = url.substring(0, url.indexOf(';') < 0 ? url.length() : url.indexOf(';'));
            try {
                DriverManager.getConnection(database + ";shutdown=true", user, password).close();
            } catch (SQLException expected) {
                // Derby reports a clean shutdown as an SQLException (08006).
            }
        }
    }
}
