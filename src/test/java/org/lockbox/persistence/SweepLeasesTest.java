package org.lockbox.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sweep leases in a real database migrated by the schema's own migrations: the embedded Derby
 * database, or the PostgreSQL database named by -Dlockbox.test.lease-jdbc-url (with
 * -Dlockbox.test.lease-jdbc-user and -password), whose lease table is emptied before each test.
 * Most tests move a clock of their own; the last ones use the database's clock and real waits.
 */
class SweepLeasesTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String URL = System.getProperty("lockbox.test.lease-jdbc-url");

    private final AtomicReference<LocalDateTime> now = new AtomicReference<>(LocalDateTime.of(2030, 1, 1, 12, 0));
    private final SweepLeases.Clock testClock = db -> now.get();
    private String url;
    private String user;
    private String password;
    private SweepLeases a;
    private SweepLeases b;

    @BeforeEach
    void migrate() throws SQLException {
        if (URL == null) {
            System.setProperty("derby.stream.error.file", "target/derby-unit-tests.log");
            url = "jdbc:derby:memory:leases-" + UUID.randomUUID() + ";create=true";
            user = "app";
            password = "app";
        } else {
            url = URL;
            user = System.getProperty("lockbox.test.lease-jdbc-user", "lockbox");
            password = System.getProperty("lockbox.test.lease-jdbc-password", "lockbox");
        }
        SchemaMigration.migrate(url, user, password);
        try (Connection db = connect(); var s = db.createStatement()) {
            s.executeUpdate("DELETE FROM sweep_lease");
        }
        a = new SweepLeases(this::connect, "replica-a", testClock);
        b = new SweepLeases(this::connect, "replica-b", testClock);
    }

    @AfterEach
    void drop() {
        if (URL == null) {
            try {
                DriverManager.getConnection(url.replace(";create=true", ";drop=true"));
            } catch (SQLException dropped) {
                // Derby reports a dropped database with an exception (08006)
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Test
    void ofTwoHoldersOnlyOneGetsTheLease() {
        assertTrue(a.acquire("deletion", TTL));
        assertFalse(b.acquire("deletion", TTL));
        assertFalse(b.renew("deletion", TTL));
        assertEquals("replica-a", a.find("deletion").orElseThrow().holder());
        assertEquals(now.get().plus(TTL), a.find("deletion").orElseThrow().expires());
    }

    @Test
    void leasesOfDifferentSweepsAreApart() {
        assertTrue(a.acquire("deletion", TTL));
        assertTrue(b.acquire("orders", TTL));
        assertFalse(a.acquire("orders", TTL));
        assertFalse(b.acquire("deletion", TTL));
    }

    @Test
    void theHolderRenewsItsLeaseAndKeepsItBeyondTheFirstExpiry() {
        LocalDateTime taken = now.get();
        assertTrue(a.acquire("rotation", TTL));
        advance(Duration.ofSeconds(20));
        assertTrue(a.renew("rotation", TTL));
        advance(Duration.ofSeconds(20));
        assertTrue(a.acquire("rotation", TTL), "taking a lease one holds renews it");
        advance(Duration.ofSeconds(20));
        assertFalse(b.acquire("rotation", TTL), "60 s after it was taken, the renewed lease still holds");
        SweepLeases.Lease lease = a.find("rotation").orElseThrow();
        assertEquals(taken, lease.acquired(), "a renewal keeps the time the lease was taken");
        assertEquals(taken.plusSeconds(40).plus(TTL), lease.expires());
    }

    @Test
    void afterExpiryAnotherHolderTakesTheLease() {
        assertTrue(a.acquire("deletion", TTL));
        advance(TTL.minusSeconds(1));
        assertFalse(b.acquire("deletion", TTL));
        advance(Duration.ofSeconds(1));
        assertTrue(b.acquire("deletion", TTL), "the lease expired: its holder stopped renewing it");
        SweepLeases.Lease lease = b.find("deletion").orElseThrow();
        assertEquals("replica-b", lease.holder());
        assertEquals(now.get(), lease.acquired());
    }

    @Test
    void releaseLetsAnotherHolderTakeTheLeaseAtOnce() {
        assertTrue(a.acquire("orders", TTL));
        assertTrue(a.release("orders"));
        assertTrue(b.acquire("orders", TTL), "no wait for the expiry after a release");
        assertFalse(a.acquire("orders", TTL));
    }

    @Test
    void aStaleHolderCannotRenewReleaseOrRetakeALeaseSomeoneElseTook() {
        assertTrue(a.acquire("rotation", TTL));
        advance(TTL.plusSeconds(5)); // a paused for longer than its lease
        assertTrue(b.acquire("rotation", TTL));
        assertFalse(a.renew("rotation", TTL));
        assertFalse(a.acquire("rotation", TTL));
        assertFalse(a.release("rotation"));
        SweepLeases.Lease lease = a.find("rotation").orElseThrow();
        assertEquals("replica-b", lease.holder());
        assertEquals(now.get().plus(TTL), lease.expires(), "b's lease is untouched");
        assertTrue(b.renew("rotation", TTL));
    }

    @Test
    void anExpiredLeaseIsNotRenewedEvenByItsHolder() {
        assertTrue(a.acquire("deletion", TTL));
        advance(TTL);
        assertFalse(a.renew("deletion", TTL), "a renewal after expiry would hide that the lease was open");
        assertTrue(a.acquire("deletion", TTL), "taking it again is allowed when nobody else has");
    }

    @Test
    void aHoldIsRenewedAsTheRoundGoesAndReleasedAtItsEnd() {
        Optional<SweepLeases.Hold> hold = a.hold("deletion", TTL);
        assertTrue(hold.isPresent());
        assertTrue(b.hold("deletion", TTL).isEmpty());
        try (SweepLeases.Hold held = hold.get()) {
            advance(Duration.ofSeconds(25));
            assertTrue(held.keep());
            advance(Duration.ofSeconds(25));
            assertTrue(held.keep());
            assertFalse(b.acquire("deletion", TTL), "50 s in, the round's renewals keep the lease");
        }
        assertTrue(b.acquire("deletion", TTL), "the round released its lease");
    }

    @Test
    void aHoldLostToAnotherHolderSaysSoAndDoesNotReleaseTheirs() {
        SweepLeases.Hold held = a.hold("deletion", TTL).orElseThrow();
        advance(TTL.plusSeconds(1));
        assertTrue(b.acquire("deletion", TTL));
        assertFalse(held.keep());
        held.close();
        assertEquals("replica-b", b.find("deletion").orElseThrow().holder());
        assertFalse(a.acquire("deletion", TTL), "b still holds it");
    }

    @Test
    void holdersOfTwoStartsOfOneHostDiffer() {
        String first = SweepLeases.newHolder();
        String second = SweepLeases.newHolder();
        assertNotEquals(first, second);
        assertTrue(first.length() <= 255);
    }

    @Test
    void byTheDatabasesClockTheLeaseExpiresAndIsTakenOver() throws Exception {
        SweepLeases first = new SweepLeases(this::connect, "replica-a");
        SweepLeases second = new SweepLeases(this::connect, "replica-b");
        assertTrue(first.acquire("rotation", Duration.ofSeconds(1)));
        assertFalse(second.acquire("rotation", Duration.ofSeconds(1)));
        Thread.sleep(1_200);
        assertTrue(second.acquire("rotation", Duration.ofSeconds(30)));
        assertFalse(first.renew("rotation", Duration.ofSeconds(30)));
        assertTrue(second.release("rotation"));
        assertTrue(first.acquire("rotation", Duration.ofSeconds(30)));
    }

    /** Many servers asking at the same moment, for a lease no row names yet and for an expired one: one wins. */
    @Test
    void ofManyHoldersRacingExactlyOneWins() throws Exception {
        int servers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(servers);
        try {
            for (int round = 0; round < 10; round++) {
                String name = "race-" + round;
                assertEquals(1, race(pool, servers, name), "a new lease " + name);
                SweepLeases old = new SweepLeases(this::connect, "old-" + round);
                try (Connection db = connect(); var expire = db.prepareStatement(
                        "UPDATE sweep_lease SET holder = ?, expires = acquired WHERE name = ?")) {
                    expire.setString(1, old.holder());
                    expire.setString(2, name);
                    assertEquals(1, expire.executeUpdate());
                }
                assertEquals(1, race(pool, servers, name), "an expired lease " + name);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private int race(ExecutorService pool, int servers, String name) throws Exception {
        CyclicBarrier start = new CyclicBarrier(servers);
        List<Future<Boolean>> taken = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            SweepLeases leases = new SweepLeases(this::connect, name + "-server-" + i);
            taken.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return leases.acquire(name, Duration.ofMinutes(5));
            }));
        }
        int winners = 0;
        for (Future<Boolean> each : taken) {
            winners += each.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        return winners;
    }

    private void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }
}
