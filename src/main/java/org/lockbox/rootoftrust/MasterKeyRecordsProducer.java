package org.lockbox.rootoftrust;

import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.lockbox.persistence.SchemaMigration;

/** The server's master-key records, in its own database, read only once the schema is up to date. */
@ApplicationScoped
public class MasterKeyRecordsProducer {

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    @Produces
    @Singleton
    MasterKeyRecords records() {
        return new JdbcMasterKeyRecords(() -> {
            try {
                schema.ensureMigrated();
            } catch (RuntimeException e) {
                throw new SQLException("the database schema could not be brought up to date: " + e.getMessage(), e);
            }
            return dataSource.getConnection();
        });
    }
}
