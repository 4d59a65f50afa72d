package org.lockbox.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.TimerService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.persistence.SweepLeases;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.testing.LeaseDatabase;

/**
 * The rotation sweep runs a slice only while this server holds the sweep's lease in the database
 * (real embedded Derby, migrated), keeps it while there is more to do, and gives it up when done or
 * stopped. Master keys that are not ready end each slice at once; a slice that starts counts them.
 */
class RotationWorkerLeaseTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private LeaseDatabase database;
    private SweepLeases other;
    private final List<String> timers = new ArrayList<>();
    private int slices;
    private Runnable duringSlice = () -> { };
    private RotationWorker worker;

    @BeforeEach
    void setUp() throws Exception {
        database = new LeaseDatabase();
        other = database.server("other-replica");
        RotationConfig pacing = new RotationConfig();
        pacing.leaseSeconds = TTL.toSeconds();
        pacing.scanSeconds = 10;
        worker = new RotationWorker();
        worker.pacing = pacing;
        worker.leases = database.server("this-replica");
        worker.masterKeys = new MasterKeys() {
            @Override
            public boolean ready() {
                slices++;
                duringSlice.run();
                return false;
            }
        };
        worker.timers = (TimerService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TimerService.class}, (proxy, method, args) -> {
                    timers.add(method.getName());
                    return null;
                });
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aSliceWithoutTheLeaseDoesNothing() {
        assertTrue(other.acquire(RotationWorker.LEASE, TTL));
        worker.onTimer();
        assertEquals(0, slices);
        assertEquals(List.of(), timers, "no continuation either");
    }

    @Test
    void aSliceWithNothingLeftReleasesTheLease() {
        worker.onTimer();
        assertEquals(1, slices);
        assertTrue(other.acquire(RotationWorker.LEASE, TTL));
    }

    @Test
    void theLeaseIsKeptWhileThereIsMoreToDoAndReleasedOnStop() {
        duringSlice = worker::sweepSoon; // a rotation asked for while the slice runs
        worker.onTimer();
        assertEquals(1, slices);
        assertEquals(List.of("createSingleActionTimer", "createSingleActionTimer"), timers,
                "the request's timer and the continuation");
        assertFalse(other.acquire(RotationWorker.LEASE, TTL), "kept for the continuation");
        worker.stop();
        assertTrue(other.acquire(RotationWorker.LEASE, TTL), "released when the server stops");
    }

    @Test
    void whenTheHolderDiesAnotherReplicaTakesOverAfterTheLeaseExpires() {
        assertTrue(other.acquire(RotationWorker.LEASE, TTL)); // and then dies mid-rotation
        worker.onTimer();
        assertEquals(0, slices);
        database.advance(TTL);
        worker.onTimer();
        assertEquals(1, slices);
    }
}
