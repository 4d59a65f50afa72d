package org.lockbox.rootoftrust.enrollment;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.lockbox.error.NotFoundException;
import org.lockbox.error.OperationFailedException;
import org.lockbox.persistence.SchemaMigration;
import org.lockbox.rootoftrust.SealingException;

/** The replica registry for operators over HTTP: list, show, approve and revoke replicas. */
@ApplicationScoped
public class Replicas {

    private static final Logger LOG = Logger.getLogger(Replicas.class.getName());

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    private ReplicaRegistry registry;
    private ReplicaVersions versions;

    /**
     * A replica, the versions it has been sent or holds already, and the version it last reported
     * using, by service.
     */
    public record ReplicaTransfers(Replica replica, Set<ServiceVersion> sent, Map<String, Integer> currentVersions) {
    }

    @PostConstruct
    void open() {
        registry = new ReplicaRegistry(this::connection);
        versions = new ReplicaVersions(this::connection);
    }

    public List<ReplicaTransfers> list() {
        return call(() -> {
            List<ReplicaTransfers> all = new java.util.ArrayList<>();
            for (Replica replica : registry.list()) {
                all.add(withTransfers(replica));
            }
            return all;
        });
    }

    public ReplicaTransfers get(String id) {
        return call(() -> withTransfers(registry.find(id).orElseThrow(() -> notFound(id))));
    }

    /** Approves a pending replica; {@code decidedBy} names the operator, for the record. */
    public ReplicaTransfers approve(String id, String decidedBy) {
        return call(() -> withTransfers(registry.approve(id, decidedBy)));
    }

    /** Revokes a replica and deletes the blobs made for it. */
    public ReplicaTransfers revoke(String id, String decidedBy) {
        return call(() -> {
            registry.find(id).orElseThrow(() -> notFound(id));
            return withTransfers(registry.revoke(id, decidedBy));
        });
    }

    private ReplicaTransfers withTransfers(Replica replica) throws SealingException {
        return new ReplicaTransfers(replica, registry.offered(replica.id()), versions.current(replica.id()));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("There is no replica '" + id + "'.");
    }

    private interface Work<T> {
        T run() throws SealingException;
    }

    private static <T> T call(Work<T> work) {
        try {
            return work.run();
        } catch (SealingException e) {
            LOG.log(Level.WARNING, e.getMessage(), e);
            throw new OperationFailedException("The replica registry could not be read or changed.");
        }
    }

    private Connection connection() throws SQLException {
        schema.ensureMigrated();
        return dataSource.getConnection();
    }
}
