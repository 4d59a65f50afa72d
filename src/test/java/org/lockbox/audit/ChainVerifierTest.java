package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain check against a real (in-memory Derby) database built by the real migrations: three
 * events recorded before the chain was keyed, the keying migration, then events keyed under master-key
 * version 1 and, after a rotation, version 2.
 */
class ChainVerifierTest {

    private final Map<Integer, SecretKey> masterKeys = new HashMap<>();
    private final Set<Integer> withheld = new java.util.HashSet<>();
    private String url;
    private Connection db;

    private AuditKeys keys() {
        return new AuditKeys(() -> 2, version -> {
            if (withheld.contains(version) || !masterKeys.containsKey(version)) {
                throw new IllegalStateException("Master key version " + version + " of service 'default' is not available");
            }
            return masterKeys.get(version);
        });
    }

    @BeforeEach
    void chainAcrossTheKeyingMigrationAndARotation() throws SQLException {
        SecureRandom random = new SecureRandom();
        for (int version : new int[] {1, 2}) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            masterKeys.put(version, new SecretKeySpec(key, "AES"));
        }
        url = "jdbc:derby:memory:chain-" + UUID.randomUUID() + ";create=true";
        db = DriverManager.getConnection(url, "app", "app");
        migrate("6");
        String hash = ChainHash.GENESIS;
        for (long s = 1; s <= 3; s++) {
            hash = append(s, hash, null);
        }
        migrate(null);
        AuditKeys keys = keys();
        try (PreparedStatement seal = db.prepareStatement("UPDATE audit_chain_head SET boundary_key_version = 1,"
                + " boundary_mac = ?")) {
            seal.setString(1, ChainHash.boundary(4, hash, 1, keys.key(1)));
            assertEquals(1, seal.executeUpdate());
        }
        hash = append(4, hash, 1);
        hash = append(5, hash, 1);
        append(6, hash, 2);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    private void migrate(String target) {
        Flyway.configure(getClass().getClassLoader()).dataSource(url, "app", "app")
                .locations("classpath:db/migration").callbackLocations("classpath:db/migration")
                .skipDefaultCallbacks(true).placeholders(Map.of("bytes", "VARCHAR(32672) FOR BIT DATA"))
                .target(target == null ? "latest" : target).load().migrate();
    }

    private static EventFields event(long sequence, String user) {
        return new EventFields(sequence, "event-" + sequence, LocalDateTime.of(2026, 1, 2, 3, 4, (int) sequence),
                "req-" + sequence, user, null, "default", "p1", "secrets.get", "GET", "/v1/secrets/k", "k",
                EventFields.ALLOWED, 200, null);
    }

    /** An event keyed after the key's project was recorded: a sibling project's read of the owner's key. */
    private static EventFields keyedEvent(long sequence) {
        EventFields e = event(sequence, "alice");
        return new EventFields(e.sequence(), e.id(), e.time(), e.requestId(), e.userId(), e.actingUserId(),
                e.service(), e.projectId(), e.action(), e.method(), e.path(), e.keyId(), e.outcome(), e.status(),
                e.reason(), "p-owner");
    }

    /** Appends as the server does: plain before keying, else an HMAC under the version's audit key. */
    private String append(long sequence, String previous, Integer version) throws SQLException {
        EventFields e = version == null ? event(sequence, "alice") : keyedEvent(sequence);
        String hash = version == null ? ChainHash.of(e, previous) : ChainHash.keyed(e, previous, version, keys().key(version));
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (sequence, id, event_time,"
                + " request_id, user_id, service, project_id, action, http_method, request_path, key_id, outcome,"
                + " status, previous_hash, hash" + (version == null ? "" : ", key_version, key_project_id")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (version == null ? "" : ", ?, ?") + ")")) {
            insert.setLong(1, sequence);
            insert.setString(2, e.id());
            insert.setTimestamp(3, Timestamp.valueOf(e.time()));
            insert.setString(4, e.requestId());
            insert.setString(5, e.userId());
            insert.setString(6, e.service());
            insert.setString(7, e.projectId());
            insert.setString(8, e.action());
            insert.setString(9, e.method());
            insert.setString(10, e.path());
            insert.setString(11, e.keyId());
            insert.setString(12, e.outcome());
            insert.setInt(13, e.status());
            insert.setString(14, previous);
            insert.setString(15, hash);
            if (version != null) {
                insert.setInt(16, version);
                insert.setString(17, e.keyProjectId());
            }
            insert.executeUpdate();
        }
        execute("UPDATE audit_chain_head SET last_sequence = " + sequence + ", last_hash = '" + hash + "'");
        return hash;
    }

    /** Rewrites events from..to as a writer without the master key can: edited, every hash recomputed in plain. */
    private void rewritePlain(long from, long to, boolean dropKeyVersions) throws SQLException {
        String previous = column(from, "previous_hash");
        for (long s = from; s <= to; s++) {
            String hash = ChainHash.of(event(s, s == from ? "mallory" : "alice"), previous);
            execute("UPDATE audit_event SET user_id = '" + (s == from ? "mallory" : "alice") + "', previous_hash = '"
                    + previous + "', hash = '" + hash + "'" + (dropKeyVersions ? ", key_version = NULL" : "")
                    + " WHERE sequence = " + s);
            previous = hash;
        }
        execute("UPDATE audit_chain_head SET last_hash = '" + previous + "'");
    }

    private String column(long sequence, String name) throws SQLException {
        try (Statement select = db.createStatement();
             ResultSet rows = select.executeQuery("SELECT " + name + " FROM audit_event WHERE sequence = " + sequence)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private Verification verify() throws SQLException {
        return ChainVerifier.verify(db, keys());
    }

    @Test
    void plainEventsBeforeTheBoundaryAndEventsKeyedUnderEachVersionVerify() throws SQLException {
        Verification result = verify();
        assertTrue(result.intact(), result.toString());
        assertEquals(6, result.eventsChecked());
        assertNull(result.firstBroken());
        assertEquals(6, result.headSequence());
    }

    @Test
    void aKeyedTailRewrittenWithPlainHashesIsBrokenAtItsFirstEvent() throws SQLException {
        rewritePlain(5, 6, false);
        Verification result = verify();
        assertFalse(result.intact());
        assertEquals(5, result.firstBroken().sequence());
        assertTrue(result.firstBroken().problem().contains("HMAC"), result.toString());
    }

    @Test
    void keyedEventsPassedOffAsPlainOnesAreBroken() throws SQLException {
        rewritePlain(4, 6, true);
        Verification result = verify();
        assertEquals(4, result.firstBroken().sequence(), result.toString());
        assertTrue(result.firstBroken().problem().contains("plain hash"), result.toString());

        // moving the boundary past them too breaks the boundary's seal
        execute("UPDATE audit_chain_head SET keyed_from = 7, boundary_hash = last_hash");
        result = verify();
        assertFalse(result.intact());
        assertTrue(result.firstBroken().problem().contains("does not match its HMAC"), result.toString());

        // and a boundary without its seal is not accepted either
        execute("UPDATE audit_chain_head SET boundary_mac = NULL, boundary_key_version = NULL");
        result = verify();
        assertFalse(result.intact());
        assertTrue(result.firstBroken().problem().contains("not sealed"), result.toString());

        execute("UPDATE audit_chain_head SET keyed_from = NULL");
        assertTrue(verify().firstBroken().problem().contains("boundary was removed"));
    }

    @Test
    void plainEventsRewrittenBeforeTheBoundaryAreCaughtAtTheBoundary() throws SQLException {
        rewritePlain(2, 3, false);
        Verification result = verify();
        assertFalse(result.intact());
        assertEquals(4, result.firstBroken().sequence(), result.toString());
        // the rewriter cannot fix event 4's link: it is under the HMAC, and the boundary seals the hash before it
        execute("UPDATE audit_event SET previous_hash = (SELECT hash FROM audit_event WHERE sequence = 3)"
                + " WHERE sequence = 4");
        result = verify();
        assertEquals(4, result.firstBroken().sequence(), result.toString());
        assertTrue(result.firstBroken().problem().contains("sealed where keying began"), result.toString());
    }

    @Test
    void anEditedPlainEventIsStillNamed() throws SQLException {
        execute("UPDATE audit_event SET user_id = 'mallory' WHERE sequence = 2");
        Verification result = verify();
        assertEquals(2, result.firstBroken().sequence());
        assertTrue(result.firstBroken().problem().contains("edited"), result.toString());
    }

    @Test
    void anEventKeyedUnderAVersionNoLongerHeldCannotBeChecked() throws SQLException {
        withheld.add(1);
        Verification result = verify();
        assertFalse(result.intact());
        assertTrue(result.firstBroken().problem().contains("master-key version 1"), result.toString());
        assertTrue(result.firstBroken().problem().contains("not available"), result.toString());
    }

    @Test
    void theKeysProjectIsCoveredByTheHmac() throws SQLException {
        execute("UPDATE audit_event SET key_project_id = 'p-other' WHERE sequence = 5");
        Verification result = verify();
        assertEquals(5, result.firstBroken().sequence());
        assertTrue(result.firstBroken().problem().contains("HMAC"), result.toString());
    }

    @Test
    void anEventClaimingAnotherVersionIsBroken() throws SQLException {
        execute("UPDATE audit_event SET key_version = 2 WHERE sequence = 5");
        Verification result = verify();
        assertEquals(5, result.firstBroken().sequence());
        assertTrue(result.firstBroken().problem().contains("HMAC"), result.toString());
    }
}
