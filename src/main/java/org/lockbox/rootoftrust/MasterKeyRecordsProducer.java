package org.lockbox.rootoftrust;

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
            schema.ensureMigrated();
            return dataSource.getConnection();
        });
    }
}
