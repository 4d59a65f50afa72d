package org.lockbox.persistence;

import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The server's sweep leases, in its own database, held under a name new at every start. */
@ApplicationScoped
public class SweepLeasesProducer {

    private static final Logger LOG = Logger.getLogger(SweepLeasesProducer.class.getName());

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    @Produces
    @Singleton
    SweepLeases leases() {
        SweepLeases leases = new SweepLeases(() -> {
            try {
                schema.ensureMigrated();
            } catch (RuntimeException e) {
                throw new SQLException("the database schema could not be brought up to date: " + e.getMessage(), e);
            }
            return dataSource.getConnection();
        }, SweepLeases.newHolder());
        LOG.info(() -> "Background sweeps take their leases in the database as " + leases.holder());
        return leases;
    }
}
