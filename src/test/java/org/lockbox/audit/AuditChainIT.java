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
import org.lockbox.testing.Tokens;

/**
 * Tampering with the audit trail straight in the database (an edited, deleted, reordered or
 * inserted event) is caught by the verification endpoint and by lockbox-admin audit-verify, which
 * name the first broken event. Each test puts the rows back, so the chain is intact again for the
 * tests that follow.
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
        command.redirectErrorStream(true);
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(exitStatus, process.waitFor(), output);
        assertTrue(output.contains(text), output);
    }

    private static Map<String, Object> row(long sequence) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("SELECT * FROM audit_event WHERE sequence = ?")) {
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
        List<String> columns = new ArrayList<>(values.keySet());
        columns.remove("sequence");
        String set = String.join(", ", columns.stream().map(c -> c + " = ?").toList());
        try (Connection db = TestDatabase.connect();
             PreparedStatement update = db.prepareStatement("UPDATE audit_event SET " + set + " WHERE sequence = ?")) {
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
