package org.lockbox.rootoftrust.enrollment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.persistence.SchemaMigration;
import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.MasterKeyRecords;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.TpmSealer;

/**
 * Runs {@link EnrollmentRounds} on a timer (not persistent; every replica runs its own): joining
 * when lockbox.replica.join=true, receiving versions provisioned elsewhere on any TPM replica,
 * sending when lockbox.replica.ek-ca-certificates names trusted EK CAs. Outside a transaction, as
 * the registry commits its own work. A replica is live while it has reported within three poll
 * intervals.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReplicaEnrollment {

    private static final Logger LOG = Logger.getLogger(ReplicaEnrollment.class.getName());

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    @Inject
    MasterKeyProvider provider;

    @Inject
    MasterKeyRecords records;

    @Inject
    MasterKeys masterKeys;

    @Inject
    SecureRandom random;

    @Inject
    @ConfigProperties
    ReplicaConfig config;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    private EnrollmentRounds rounds;
    private ReplicaVersions versions;

    @PostConstruct
    void schedule() {
        ReplicaRegistry registry = new ReplicaRegistry(this::connection);
        versions = new ReplicaVersions(this::connection);
        JoiningProvider joining = provider instanceof JoiningProvider j ? j : null;
        TpmSealer tpm = joining != null ? joining.sealer() : provider instanceof TpmSealer t ? t : null;
        Optional<KeyDistribution> distribution;
        try {
            distribution = EkTrust.sender(config, random)
                    .map(sender -> new KeyDistribution(registry, sender, new HeldMasterKeys(masterKeys, services)));
        } catch (IllegalArgumentException e) {
            LOG.severe("This replica sends no master key to sibling replicas: " + e.getMessage());
            distribution = Optional.empty();
        }
        if (tpm == null && distribution.isEmpty()) {
            return;
        }
        rounds = new EnrollmentRounds(joining, tpm == null ? null : new ReplicaJoin(registry, tpm, records, services),
                config.name().orElseGet(ReplicaEnrollment::hostName), masterKeys, distribution, versions);
        long interval = config.pollInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 1000), interval, new TimerConfig("replica-enrollment", false));
        String roles = (joining != null ? "joining with an empty TPM, then receiving new versions"
                : tpm != null ? "receiving versions provisioned by sibling replicas" : "")
                + (tpm != null && distribution.isPresent() ? ", and " : "")
                + (distribution.isPresent() ? "sending the master keys to approved replicas" : "");
        LOG.info(() -> "Replica enrollment every " + config.pollInterval() + ": " + roles);
    }

    @Timeout
    void round() {
        rounds.run();
    }

    /**
     * The live approved replicas that do not use {@code version} of a service (or a newer one) yet,
     * named for an operator: a version older than {@code version} cannot be retired while any do.
     */
    public List<String> behind(String service, int version) throws SealingException {
        return versions.behind(service, version, config.pollInterval().multipliedBy(3));
    }

    private java.sql.Connection connection() throws SQLException {
        schema.ensureMigrated();
        return dataSource.getConnection();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica";
        }
    }

    /** The master keys this server holds in memory (checked against their records when unsealed). */
    record HeldMasterKeys(MasterKeys masterKeys, List<String> services) implements KeyDistribution.HeldKeys {

        @Override
        public List<Integer> versions(String service) {
            return masterKeys.versions(service);
        }

        @Override
        public byte[] keyBytes(String service, int version) throws SealingException {
            return masterKeys.version(service, version).key().getEncoded();
        }
    }
}
