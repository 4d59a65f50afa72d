package org.lockbox.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.persistence.SweepLeases;
import org.lockbox.testing.LeaseDatabase;

/**
 * The order sweep deletes finished orders only while this server holds the sweep's lease in the
 * database (real embedded Derby, migrated); the orders' side is a stand-in that counts the calls.
 */
class OrderSweepTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private LeaseDatabase database;
    private SweepLeases other;
    private final int[] deletions = new int[1];
    private OrderSweep sweep;

    @BeforeEach
    void setUp() throws Exception {
        database = new LeaseDatabase();
        other = database.server("other-replica");
        OrderConfig config = new OrderConfig();
        config.retention = Duration.ofDays(30);
        config.sweepInterval = Duration.ofHours(1);
        config.leaseTtl = TTL;
        sweep = new OrderSweep();
        sweep.orders = new OrderService() {
            @Override
            public int deleteFinishedBefore(LocalDateTime cutoff) {
                deletions[0]++;
                return 0;
            }
        };
        sweep.config = config;
        sweep.leases = database.server("this-replica");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aRoundWithoutTheLeaseDeletesNothing() {
        assertTrue(other.acquire(OrderSweep.LEASE, TTL));
        sweep.sweep();
        assertEquals(0, deletions[0]);
    }

    @Test
    void theHolderDeletesAndReleasesTheLease() {
        sweep.sweep();
        assertEquals(1, deletions[0]);
        assertTrue(other.acquire(OrderSweep.LEASE, TTL), "released at the end of the round");
    }

    @Test
    void aDeadHoldersLeaseIsTakenOverOnceItExpires() {
        assertTrue(other.acquire(OrderSweep.LEASE, TTL));
        database.advance(TTL.minusSeconds(1));
        sweep.sweep();
        assertEquals(0, deletions[0]);
        database.advance(Duration.ofSeconds(1));
        sweep.sweep();
        assertEquals(1, deletions[0]);
    }
}
