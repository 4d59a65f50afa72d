package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC append against a real (in-memory Derby) database built by the real migrations. */
class ChainAppenderTest {

    private final SecretKey masterKey = key();
    private final AuditKeys keys = new AuditKeys(() -> 1, version -> masterKey);
    private String url;
    private Connection db;

    private static SecretKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @BeforeEach
    void migratedDatabase() throws SQLException {
        url = "jdbc:derby:memory:append-" + UUID.randomUUID() + ";create=true";
        Flyway.configure(getClass().getClassLoader()).dataSource(url, "app", "app")
                .locations("classpath:db/migration").callbackLocations("classpath:db/migration")
                .skipDefaultCallbacks(true).placeholders(Map.of("bytes", "VARCHAR(32672) FOR BIT DATA"))
                .load().migrate();
        db = connection();
    }

    @AfterEach
    void close() throws SQLException {
        db.rollback();
        db.close();
    }

    private Connection connection() throws SQLException {
        Connection connection = DriverManager.getConnection(url, "app", "app");
        connection.setAutoCommit(false);
        return connection;
    }

    private void sealBoundary() throws SQLException {
        try (PreparedStatement seal = db.prepareStatement("UPDATE audit_chain_head SET boundary_key_version = 1,"
                + " boundary_mac = ?")) {
            seal.setString(1, ChainHash.boundary(1, ChainHash.GENESIS, 1, keys.key(1)));
            assertEquals(1, seal.executeUpdate());
        }
        db.commit();
    }

    private static List<EventFields> events(String prefix, int count) {
        List<EventFields> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(AuditTrail.systemEvent("secrets.payload", "default", "p1", prefix + i, EventFields.ALLOWED, null));
        }
        return events;
    }

    private long headSequence() throws SQLException {
        try (PreparedStatement read = db.prepareStatement("SELECT last_sequence FROM audit_chain_head");
             ResultSet head = read.executeQuery()) {
            assertTrue(head.next());
            return head.getLong(1);
        }
    }

    @Test
    void anUnsealedBoundaryIsLeftToTheJpaTrailAndNothingIsWritten() throws SQLException {
        assertFalse(ChainAppender.append(db, events("k", 3), keys));
        db.rollback();
        assertEquals(0, headSequence());
    }

    @Test
    void aGroupIsChainedKeyedAndVerifiable() throws SQLException {
        sealBoundary();
        assertTrue(ChainAppender.append(db, events("a", 5), keys));
        db.commit();
        assertTrue(ChainAppender.append(db, events("b", 1), keys));
        db.commit();

        Verification result = ChainVerifier.verify(db, keys);
        assertTrue(result.intact(), result.toString());
        assertEquals(6, result.eventsChecked());
        assertNull(result.firstBroken());
        assertEquals(6, headSequence());
    }

    @Test
    void aGroupUnderAnotherKeyDoesNotVerify() throws SQLException {
        sealBoundary();
        assertTrue(ChainAppender.append(db, events("a", 2), new AuditKeys(() -> 1, version -> key())));
        db.commit();
        assertFalse(ChainVerifier.verify(db, keys).intact());
    }

    @Test
    void aRolledBackGroupLeavesNoTrace() throws SQLException {
        sealBoundary();
        assertTrue(ChainAppender.append(db, events("a", 4), keys));
        db.rollback();
        assertEquals(0, headSequence());
        assertTrue(ChainVerifier.verify(db, keys).intact());
    }

    @Test
    void concurrentAppendersTakeTurnsAndNeverForkTheChain() throws Exception {
        sealBoundary();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "-";
                appenders.add(pool.submit(() -> {
                    try (Connection own = connection()) {
                        for (int group = 0; group < 10; group++) {
                            assertTrue(ChainAppender.append(own, events(prefix + group + "-", 3), keys));
                            own.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Verification result = ChainVerifier.verify(db, keys);
        assertTrue(result.intact(), result.toString());
        assertEquals(120, result.eventsChecked());
        assertEquals(120, headSequence());
    }

    @Test
    void aMissingHeadIsRefused() throws SQLException {
        try (PreparedStatement drop = db.prepareStatement("DELETE FROM audit_chain_head")) {
            drop.executeUpdate();
        }
        assertThrows(IllegalStateException.class, () -> ChainAppender.append(db, events("k", 1), keys));
    }
}
