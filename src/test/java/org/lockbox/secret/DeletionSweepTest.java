package org.lockbox.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lockbox.persistence.SweepLeases;
import org.lockbox.testing.LeaseDatabase;

/**
 * The deletion sweep runs a round only while this server holds the sweep's lease in the database
 * (real embedded Derby, migrated), and the round stops when the lease passes to another server.
 * The secrets' side is a stand-in that counts what the sweep asked of it.
 */
class DeletionSweepTest {

    private static final Duration TTL = Duration.ofMinutes(1);

    private LeaseDatabase database;
    private SweepLeases other;
    private Deletions deletions;
    private DeletionSweep sweep;

    @BeforeEach
    void setUp() throws Exception {
        database = new LeaseDatabase();
        other = database.server("other-replica");
        deletions = new Deletions(List.of("s1", "s2", "s3"));
        DeletionConfig config = new DeletionConfig();
        config.grace = Duration.ofDays(7);
        config.sweepInterval = Duration.ofMinutes(10);
        config.leaseTtl = TTL;
        sweep = new DeletionSweep();
        sweep.deletions = deletions;
        sweep.config = config;
        sweep.leases = database.server("this-replica");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aRoundWithoutTheLeaseDoesNothing() {
        assertTrue(other.acquire(DeletionSweep.LEASE, TTL));
        sweep.sweep();
        assertEquals(0, deletions.lookups, "not even the due secrets are looked up");
        assertEquals(List.of(), deletions.destroyed);
    }

    @Test
    void theHolderDestroysWhatIsDueAndReleasesTheLeaseAtTheEnd() {
        sweep.sweep();
        assertEquals(List.of("s1", "s2", "s3"), deletions.destroyed);
        assertTrue(other.acquire(DeletionSweep.LEASE, TTL), "released at the end of the round");
    }

    @Test
    void whenTheHolderDiesAnotherReplicaTakesOverAfterTheLeaseExpires() {
        assertTrue(other.acquire(DeletionSweep.LEASE, TTL)); // and then dies without releasing it
        sweep.sweep();
        assertEquals(List.of(), deletions.destroyed);
        database.advance(TTL);
        sweep.sweep();
        assertEquals(List.of("s1", "s2", "s3"), deletions.destroyed);
    }

    @Test
    void aRoundThatLosesItsLeaseStopsBeforeTheNextSecret() {
        deletions.whileDestroying = () -> {
            // This replica stalls for longer than its lease, and another replica takes the lease over.
            database.advance(TTL.plusSeconds(1));
            assertTrue(other.acquire(DeletionSweep.LEASE, TTL));
        };
        sweep.sweep();
        assertEquals(List.of("s1"), deletions.destroyed);
        assertEquals("other-replica", other.find(DeletionSweep.LEASE).orElseThrow().holder());
        assertFalse(sweep.leases.acquire(DeletionSweep.LEASE, TTL), "the other replica's lease is left alone");
    }

    /** Due secrets, each destroyed when asked. */
    static final class Deletions extends SecretDeletions {
        final List<String> due;
        final List<String> destroyed = new ArrayList<>();
        int lookups;
        Runnable whileDestroying = () -> { };

        Deletions(List<String> due) {
            this.due = due;
        }

        @Override
        public List<String> due(int max) {
            lookups++;
            return due.stream().filter(id -> !destroyed.contains(id)).limit(max).toList();
        }

        @Override
        public Outcome destroy(String secretId) {
            destroyed.add(secretId);
            whileDestroying.run();
            return new Outcome(true, null);
        }
    }
}
