package org.lockbox.secret;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.lockbox.persistence.SweepLeases;

/**
 * Destroys secrets whose deletion grace period (lockbox.deletion.grace) is over, each in its own
 * transaction. The timer is not persistent and fires on every replica, but a round runs only on the
 * replica holding the sweep's lease in the database (renewed before each secret, released at the
 * end); the others skip it. A secret is destroyed once even so (its deletion row is locked while it
 * goes), and a round cut short by a dying replica is finished by the next round anywhere. A secret
 * whose recorded request is missing from the audit trail is kept, and the log says so once per
 * secret and replica.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class DeletionSweep {

    private static final Logger LOG = Logger.getLogger(DeletionSweep.class.getName());
    private static final int BATCH = 100;
    /** The name of the sweep's lease. */
    static final String LEASE = "deletion";

    @Resource
    TimerService timers;

    @EJB
    SecretDeletions deletions;

    @Inject
    @ConfigProperties
    DeletionConfig config;

    @Inject
    SweepLeases leases;

    private final Set<String> reported = Collections.synchronizedSet(new HashSet<>());

    @PostConstruct
    void schedule() {
        Duration grace = config.grace;
        Duration interval = config.sweepInterval;
        Duration lease = config.leaseTtl;
        if (grace.isNegative() || interval.isNegative() || interval.isZero() || lease.isNegative() || lease.isZero()) {
            LOG.warning(() -> "Deletion sweep disabled: lockbox.deletion.grace (" + grace + ") must not be negative"
                    + ", and lockbox.deletion.sweep-interval (" + interval + ") and lockbox.deletion.lease-ttl ("
                    + lease + ") must be positive; deleted secrets stay pending");
            return;
        }
        long first = Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis());
        timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig("deletion-sweep", false));
        LOG.info(() -> "Deleted secrets are destroyed " + grace + " after the request, checked every " + interval);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        Optional<SweepLeases.Hold> lease = leases.hold(LEASE, config.leaseTtl);
        if (lease.isEmpty()) {
            return;
        }
        try (SweepLeases.Hold held = lease.get()) {
            destroyDue(held);
        }
    }

    private void destroyDue(SweepLeases.Hold lease) {
        int destroyed = 0;
        for (String id : deletions.due(BATCH)) {
            if (!lease.keep()) {
                LOG.info("Deletion sweep stopped: this server no longer holds its lease (held by "
                        + leases.describe(LEASE) + "); the next round, here or on another replica, goes on");
                break;
            }
            try {
                SecretDeletions.Outcome outcome = deletions.destroy(id);
                if (outcome.destroyed()) {
                    destroyed++;
                } else if (outcome.keptBecause() != null && reported.add(id)) {
                    LOG.warning(() -> "Secret " + id + " is past its deletion grace period but is kept: "
                            + outcome.keptBecause() + ". A secret is never destroyed without a recorded request;"
                            + " restore it (POST /v1/lockbox/deletions/" + id + "/restore) and delete it again.");
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "Secret " + id + " could not be destroyed now (" + e.getClass().getName()
                        + "); the next sweep tries again");
            }
        }
        if (destroyed > 0) {
            int count = destroyed;
            LOG.info(() -> "Deletion sweep destroyed " + count + " secrets past their grace period");
        }
    }
}
