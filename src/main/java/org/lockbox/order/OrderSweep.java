package org.lockbox.order;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Keeps orders from piling up: an EJB timer deletes finished orders (ACTIVE or ERROR) once they
 * are older than the retention. What an order produced (its secret or container) is kept. The
 * timer is not persistent; every replica runs it, and the deletion is idempotent.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
public class OrderSweep {

    private static final Logger LOG = Logger.getLogger(OrderSweep.class.getName());

    @Resource
    TimerService timers;

    @EJB
    OrderService orders;

    @Inject
    @ConfigProperties
    OrderConfig config;

    @PostConstruct
    void schedule() {
        Duration retention = config.retention;
        Duration interval = config.sweepInterval;
        if (retention.isNegative() || retention.isZero() || interval.isNegative() || interval.isZero()) {
            LOG.warning(() -> "Order sweep disabled: lockbox.order.retention (" + retention
                    + ") and lockbox.order.sweep-interval (" + interval + ") must both be positive");
            return;
        }
        long first = Math.min(interval.toMillis(), Duration.ofMinutes(1).toMillis());
        timers.createIntervalTimer(first, interval.toMillis(), new TimerConfig("order-sweep", false));
        LOG.info(() -> "Finished orders are deleted " + retention + " after their last change, checked every " + interval);
    }

    @Timeout
    void sweep() {
        int deleted = orders.deleteFinishedBefore(LocalDateTime.now(ZoneOffset.UTC).minus(config.retention));
        if (deleted > 0) {
            LOG.info(() -> "Order sweep deleted " + deleted + " finished orders older than " + config.retention);
        }
    }
}
