package org.lockbox.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway before the API takes requests, on Derby and PostgreSQL alike. */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    private volatile Set<String> appliedNow = Set.of();

    @PostConstruct
    void migrate() {
        String bytesType = binaryColumnType();
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration")
                .skipDefaultCallbacks(true)
                .placeholders(Map.of("bytes", bytesType))
                .load()
                .migrate();
        appliedNow = result.migrations.stream().map(m -> m.version).collect(Collectors.toUnmodifiableSet());
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /**
     * Whether this server applied the migration of {@code version} as it started (rather than finding
     * it applied already): a one-time step that must follow a migration, and only it, can rely on this.
     */
    public boolean appliedNow(String version) {
        return appliedNow.contains(version);
    }

    /** The one type that differs between the two databases: a column of raw bytes. */
    private String binaryColumnType() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.toLowerCase().contains("derby") ? "VARCHAR(32672) FOR BIT DATA" : "BYTEA";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** Returns once the schema is up to date: whoever calls it first waits for the migration. */
    public void ensureMigrated() {
        // The container runs migrate() before the first call on this singleton.
    }

    /**
     * Brings a database reached without the server (lockbox-admin, tests) up to date with the same
     * migrations; returns the schema version.
     */
    public static String migrate(String url, String user, String password) throws SQLException {
        String bytesType;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            String product = connection.getMetaData().getDatabaseProductName();
            bytesType = product.toLowerCase().contains("derby") ? "VARCHAR(32672) FOR BIT DATA" : "BYTEA";
        }
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .callbackLocations("classpath:db/migration")
                .skipDefaultCallbacks(true)
                .placeholders(Map.of("bytes", bytesType))
                .load()
                .migrate()
                .targetSchemaVersion;
    }
}
