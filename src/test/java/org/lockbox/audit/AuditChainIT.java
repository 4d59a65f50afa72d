package org.lockbox.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.TestDatabase;
import org.lockbox.testing.TestRootOfTrust;
import org.lockbox.testing.Tokens;

/**
 * Tampering with the audit trail straight in the database (an edited, deleted, reordered or
 * inserted event, or a whole tail rewritten with hashes anyone can compute) is caught by the
 * verification endpoint and by lockbox-admin audit-verify, which name the first broken event. Each
 * test puts the rows back (re-keying, with the master key, the events the server chained onto a
 * forged head meanwhile), so the chain is intact again for the tests that follow.
 */
class AuditChainIT {

    private static final String ADMIN = Tokens.serviceAdmin();

    @Test
    void anEditedEventIsNamed() throws Exception {
        long[] sequences = freshEvents(3);
        long target = sequences[1];
        assertIntact();
        Map<String, Object> original = row(target);
        try (Connection db = TestDatabase.connect();
             PreparedStatement edit = db.prepareStatement("UPDATE audit_event SET outcome = 'allowed', status = 200,"
                     + " reason = NULL WHERE sequence = ?")) {
            edit.setLong(1, target);
            assertEquals(1, edit.executeUpdate());
        }
        try {
            assertBrokenAt(target, (String) original.get("id"), "edited");
            assertCommandReports(1, "BROKEN at event " + target);
        } finally {
            write(target, original);
        }
        assertIntact();
        assertCommandReports(0, "intact");
    }

    @Test
    void aDeletedEventIsNamed() throws Exception {
        long[] sequences = freshEvents(3);
        long target = sequences[1];
        Map<String, Object> original = row(target);
        execute("DELETE FROM audit_event WHERE sequence = ?", target);
        try {
            JsonObject broken = assertBrokenAt(target + 1, (String) row(target + 1).get("id"), "missing");
            assertTrue(broken.getString("problem").contains(Long.toString(target)), broken.toString());
        } finally {
            insert(original);
        }
        assertIntact();
    }

    @Test
    void reorderedEventsAreNamed() throws Exception {
        long[] sequences = freshEvents(3);
        long first = sequences[0];
        long second = sequences[1];
        Map<String, Object> a = row(first);
        Map<String, Object> b = row(second);
        // swap the two events' contents, keeping their places
        Map<String, Object> parked = new LinkedHashMap<>(a);
        parked.put("id", "parked-" + UUID.randomUUID().toString().substring(0, 20));
        write(first, parked);
        write(second, a);
        write(first, b);
        try {
            assertBrokenAt(first, (String) b.get("id"), "previous_hash");
        } finally {
            write(first, parked);
            write(second, b);
            write(first, a);
        }
        assertIntact();
    }

    @Test
    void anInsertedEventIsNamed() throws Exception {
        long[] sequences = freshEvents(1);
        Map<String, Object> forged = new LinkedHashMap<>(row(sequences[0]));
        forged.put("sequence", -1L);
        forged.put("id", UUID.randomUUID().toString());
        forged.put("user_id", "mallory");
        insert(forged);
        try {
            assertBrokenAt(-1, (String) forged.get("id"), "inserted");
        } finally {
            execute("DELETE FROM audit_event WHERE sequence = ?", -1L);
        }
        assertIntact();
    }

    @Test
    void aTailRewrittenWithRecomputedPlainHashesIsDetected() throws Exception {
        long[] sequences = freshEvents(3);
        long target = sequences[1];
        assertIntact();
        // what a database writer without the master key can do: edit an event, then recompute every
        // later event's hash and the head's with the chain's published encoding
        Snapshot before = forgeTail(target, false);
        try {
            assertCommandReports(1, "BROKEN at event " + target);
            assertCommandReports(1, "HMAC");
            assertBrokenAt(target, (String) before.rows().get(0).get("id"), "HMAC");
        } finally {
            restore(before);
        }
        assertIntact();
        assertCommandReports(0, "intact");
    }

    @Test
    void passingKeyedEventsOffAsPlainOnesIsDetected() throws Exception {
        long[] sequences = freshEvents(2);
        long target = sequences[0];
        // the same rewrite, the events made plain (no key version) as if recorded before keying
        Snapshot before = forgeTail(target, true);
        try {
            assertBrokenAt(target, (String) before.rows().get(0).get("id"), "plain hash");
            assertCommandReports(1, "BROKEN at event " + target);
            // and the boundary moved past them, so that no event has to be keyed
            try (Connection db = TestDatabase.connect();
                 PreparedStatement move = db.prepareStatement("UPDATE audit_chain_head SET keyed_from = last_sequence"
                         + " + 1, boundary_hash = last_hash")) {
                assertEquals(1, move.executeUpdate());
            }
            assertCommandReports(1, "does not match its HMAC");
            JsonObject result = verification();
            assertFalse(result.getBoolean("intact"), result.toString());
            assertTrue(result.getJsonObject("first_broken").getString("problem").contains("boundary"), result.toString());
            // or the boundary's seal removed as well
            try (Connection db = TestDatabase.connect();
                 PreparedStatement unseal = db.prepareStatement("UPDATE audit_chain_head SET keyed_from = last_sequence"
                         + " + 1, boundary_hash = last_hash, boundary_mac = NULL, boundary_key_version = NULL")) {
                assertEquals(1, unseal.executeUpdate());
            }
            assertCommandReports(1, "not sealed");
            result = verification();
            assertFalse(result.getBoolean("intact"), result.toString());
            assertTrue(result.getJsonObject("first_broken").getString("problem").contains("not sealed"),
                    result.toString());
        } finally {
            restore(before);
        }
        assertIntact();
        assertCommandReports(0, "intact");
    }

    /** The head row and every event from one on, as they were. */
    private record Snapshot(Map<String, Object> head, List<Map<String, Object>> rows) {
    }

    /**
     * Edits event {@code target} and rewrites it, every later event and the head with plain SHA-256,
     * in one transaction that holds the head row (so the server's appends, such as the deletion
     * sweep's, wait rather than interleave), and returns what was there before.
     */
    private static Snapshot forgeTail(long target, boolean dropKeyVersions) throws SQLException {
        Snapshot snapshot;
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            lockHead(db);
            Map<String, Object> head = headRow(db);
            long last = ((Number) head.get("last_sequence")).longValue();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (long s = target; s <= last; s++) {
                rows.add(row(db, s));
            }
            snapshot = new Snapshot(head, rows);
            String previous = (String) rows.get(0).get("previous_hash");
            for (Map<String, Object> original : rows) {
                Map<String, Object> forged = new LinkedHashMap<>(original);
                long s = ((Number) original.get("sequence")).longValue();
                if (s == target) {
                    forged.put("user_id", "mallory");
                    forged.put("outcome", "allowed");
                }
                if (dropKeyVersions) {
                    forged.put("key_version", null);
                }
                String hash = ChainHash.of(fields(forged), previous);
                forged.put("previous_hash", previous);
                forged.put("hash", hash);
                write(db, s, forged);
                previous = hash;
            }
            try (PreparedStatement update = db.prepareStatement("UPDATE audit_chain_head SET last_hash = ?"
                    + " WHERE last_sequence = ?")) {
                update.setString(1, previous);
                update.setLong(2, last);
                assertEquals(1, update.executeUpdate());
            }
            db.commit();
        }
        assertFalse(verification().getBoolean("intact"));
        return snapshot;
    }

    /**
     * Puts the snapshot's events and boundary back, then re-keys with the master key (as only its
     * holder can) the events the server appended onto the forged head meanwhile, and moves the head;
     * in one transaction that holds the head row.
     */
    private static void restore(Snapshot snapshot) throws SQLException {
        AuditKeys keys = AuditVerifyCommand.keys(TestRootOfTrust.settings());
        try (Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            lockHead(db);
            for (Map<String, Object> original : snapshot.rows()) {
                write(db, ((Number) original.get("sequence")).longValue(), original);
            }
            Map<String, Object> lastOriginal = snapshot.rows().get(snapshot.rows().size() - 1);
            String previous = (String) lastOriginal.get("hash");
            long head = ((Number) headRow(db).get("last_sequence")).longValue();
            for (long s = ((Number) lastOriginal.get("sequence")).longValue() + 1; s <= head; s++) {
                Map<String, Object> appended = new LinkedHashMap<>(row(db, s));
                int version = ((Number) appended.get("key_version")).intValue();
                String hash = ChainHash.keyed(fields(appended), previous, version, keys.key(version));
                appended.put("previous_hash", previous);
                appended.put("hash", hash);
                write(db, s, appended);
                previous = hash;
            }
            Map<String, Object> boundary = snapshot.head();
            try (PreparedStatement update = db.prepareStatement("UPDATE audit_chain_head SET last_hash = ?,"
                    + " keyed_from = ?, boundary_hash = ?, boundary_key_version = ?, boundary_mac = ?"
                    + " WHERE last_sequence = ?")) {
                update.setString(1, previous);
                update.setObject(2, boundary.get("keyed_from"));
                update.setObject(3, boundary.get("boundary_hash"));
                update.setObject(4, boundary.get("boundary_key_version"));
                update.setObject(5, boundary.get("boundary_mac"));
                update.setLong(6, head);
                assertEquals(1, update.executeUpdate());
            }
            db.commit();
        }
    }

    /** Takes the head row's lock for the transaction, as every append does. */
    private static void lockHead(Connection db) throws SQLException {
        try (Statement lock = db.createStatement()) {
            assertEquals(1, lock.executeUpdate("UPDATE audit_chain_head SET last_hash = last_hash"));
        }
    }

    private static EventFields fields(Map<String, Object> row) {
        return new EventFields(((Number) row.get("sequence")).longValue(), (String) row.get("id"),
                ((java.sql.Timestamp) row.get("event_time")).toLocalDateTime(), (String) row.get("request_id"),
                (String) row.get("user_id"), (String) row.get("acting_user_id"), (String) row.get("service"),
                (String) row.get("project_id"), (String) row.get("action"), (String) row.get("http_method"),
                (String) row.get("request_path"), (String) row.get("key_id"), (String) row.get("outcome"),
                ((Number) row.get("status")).intValue(), (String) row.get("reason"), (String) row.get("key_project_id"));
    }

    private static Map<String, Object> headRow() throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            return headRow(db);
        }
    }

    private static Map<String, Object> headRow(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT * FROM audit_chain_head");
             ResultSet rows = select.executeQuery()) {
            assertTrue(rows.next(), "the chain head");
            ResultSetMetaData meta = rows.getMetaData();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                row.put(meta.getColumnName(c).toLowerCase(), rows.getObject(c));
            }
            return row;
        }
    }

    /** Makes audited requests and returns their events' sequence numbers, oldest first. */
    private static long[] freshEvents(int count) {
        String project = Tokens.newProject();
        String creator = Tokens.token("alice", project, "creator");
        String reader = Tokens.token("rita", project, "reader");
        for (int i = 0; i < count; i++) {
            assertEquals(403, Lockbox.get("/v1/secrets", reader).status());
        }
        Lockbox.storeBinary(creator, new byte[16], "");
        var events = AuditTrailIT.events("/v1/lockbox/audit?project_id=" + project + "&outcome=denied", ADMIN);
        assertEquals(count, events.size());
        long[] sequences = new long[count];
        for (int i = 0; i < count; i++) {
            sequences[count - 1 - i] = events.getJsonObject(i).getJsonNumber("sequence").longValue();
        }
        return sequences;
    }

    private static JsonObject verification() {
        Reply reply = Lockbox.get("/v1/lockbox/audit/verification", ADMIN);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static void assertIntact() {
        JsonObject result = verification();
        assertTrue(result.getBoolean("intact"), result.toString());
        assertTrue(result.isNull("first_broken"));
        assertTrue(result.getJsonNumber("events_checked").longValue() > 0);
        assertFalse(result.getString("checked_at").isBlank());
    }

    private static JsonObject assertBrokenAt(long sequence, String id, String problem) {
        JsonObject result = verification();
        assertFalse(result.getBoolean("intact"), result.toString());
        JsonObject broken = result.getJsonObject("first_broken");
        assertEquals(sequence, broken.getJsonNumber("sequence").longValue(), result.toString());
        assertEquals(id, broken.getString("id"), result.toString());
        assertTrue(broken.getString("problem").contains(problem), result.toString());
        return broken;
    }

    /** Runs the operator's command (the class scripts/lockbox-admin audit-verify runs) against the server's database. */
    private static void assertCommandReports(int exitStatus, String text) throws IOException, InterruptedException {
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditVerifyCommand.class.getName(),
                "--jdbc-url", TestDatabase.url());
        command.environment().put("DB_USER", TestDatabase.user());
        command.environment().put("DB_PASSWORD", TestDatabase.password());
        command.environment().put("LOCKBOX_DATA_DIR", Tokens.dataDir().toString());
        command.redirectErrorStream(true);
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(exitStatus, process.waitFor(), output);
        assertTrue(output.contains(text), output);
    }

    private static Map<String, Object> row(long sequence) throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            return row(db, sequence);
        }
    }

    private static Map<String, Object> row(Connection db, long sequence) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT * FROM audit_event WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next(), "event " + sequence);
                ResultSetMetaData meta = rows.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnName(c).toLowerCase(), rows.getObject(c));
                }
                return row;
            }
        }
    }

    /** Overwrites every column but the sequence of one event. */
    private static void write(long sequence, Map<String, Object> values) throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            write(db, sequence, values);
        }
    }

    private static void write(Connection db, long sequence, Map<String, Object> values) throws SQLException {
        List<String> columns = new ArrayList<>(values.keySet());
        columns.remove("sequence");
        String set = String.join(", ", columns.stream().map(c -> c + " = ?").toList());
        try (PreparedStatement update = db.prepareStatement("UPDATE audit_event SET " + set + " WHERE sequence = ?")) {
            for (int i = 0; i < columns.size(); i++) {
                update.setObject(i + 1, values.get(columns.get(i)));
            }
            update.setLong(columns.size() + 1, sequence);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static void insert(Map<String, Object> values) throws SQLException {
        List<String> columns = new ArrayList<>(values.keySet());
        try (Connection db = TestDatabase.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO audit_event (" + String.join(", ", columns)
                     + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")")) {
            for (int i = 0; i < columns.size(); i++) {
                insert.setObject(i + 1, values.get(columns.get(i)));
            }
            assertEquals(1, insert.executeUpdate());
        }
    }

    private static void execute(String sql, long sequence) throws SQLException {
        try (Connection db = TestDatabase.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, sequence);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
