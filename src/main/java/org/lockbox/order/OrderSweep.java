package org.lockbox.order;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
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
 * Keeps orders from piling up: an EJB timer deletes finished orders (ACTIVE or ERROR) once they
 * are older than the retention. What an order produced (its secret or container) is kept. The
 * timer is not persistent and fires on every replica, but a round runs only on the replica holding
 * the sweep's lease in the database (released at the end); the others skip it. The deletion is
 * idempotent, so a round cut short by a dying replica is simply done again by the next.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class OrderSweep {

    private static final Logger LOG = Logger.getLogger(OrderSweep.class.getName());
    /** The name of the sweep's lease. */
    static final String LEASE = "orders";

    @Resource
    TimerService timers;

    @EJB
    OrderService orders;

    @Inject
    @ConfigProperties
    OrderConfig config;

    @Inject
    SweepLeases leases;

    @PostConstruct
    void schedule() {
        Duration retention = config.retention;
        Duration interval = config.sweepInterval;
        Duration lease = config.leaseTtl;
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()
                || lease.isNegative() || lease.isZero()) {
            LOG.warning(() -> "Order sweep disabled: lockbox.order.retention (" + retention
                    + "), lockbox.order.sweep-interval (" + interval + ") and lockbox.order.lease-ttl (" + lease
                    + ") must all be positive");
            return;
        }
        long first = Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis());
        timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig("order-sweep", false));
        LOG.info(() -> "Finished orders are deleted " + retention + " after their last change, checked every " + interval);
    }

    /** One round, outside any transaction: the lease is its own, and the deletion runs in another. */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        Optional<SweepLeases.Hold> lease = leases.hold(LEASE, config.leaseTtl);
        if (lease.isEmpty()) {
            return;
        }
        try (SweepLeases.Hold held = lease.get()) {
            int deleted = orders.deleteFinishedBefore(LocalDateTime.now(ZoneOffset.UTC).minus(config.retention));
            if (deleted > 0) {
                LOG.info(() -> "Order sweep deleted " + deleted + " finished orders older than " + config.retention);
            }
        }
    }
}
