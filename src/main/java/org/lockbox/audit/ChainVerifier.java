package org.lockbox.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Checks the chain straight from the database (the server's endpoint and the operator's command
 * share it): every event from sequence 1 to the head as it was when the check started, in order,
 * each linked to the one before and matching its own hash. Events appended during the check are
 * left for the next one.
 */
public final class ChainVerifier {

    private static final int PAGE = 1000;
    private static final String COLUMNS = "sequence, id, event_time, request_id, user_id, acting_user_id, service,"
            + " project_id, action, http_method, request_path, key_id, outcome, status, reason, previous_hash, hash";

    private ChainVerifier() {
    }

    public static Verification verify(Connection db) throws SQLException {
        long headSequence;
        String headHash;
        try (PreparedStatement head = db.prepareStatement(
                "SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = " + AuditChainHead.ID);
             ResultSet rows = head.executeQuery()) {
            if (!rows.next()) {
                return broken(0, new Verification.Broken(0, null, "the chain head row is missing"), 0, null);
            }
            headSequence = rows.getLong(1);
            headHash = rows.getString(2);
        }
        long checked = 0;
        long expected = 1;
        String previousHash = ChainHash.GENESIS;
        long after = Long.MIN_VALUE;
        try (PreparedStatement page = db.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_event WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
            page.setMaxRows(PAGE);
            page.setFetchSize(PAGE);
            while (true) {
                page.setLong(1, after);
                page.setLong(2, headSequence);
                int read = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        read++;
                        checked++;
                        EventFields fields = fields(rows);
                        String storedPrevious = rows.getString(16);
                        String storedHash = rows.getString(17);
                        String problem = problem(fields, expected, previousHash, storedPrevious, storedHash);
                        if (problem != null) {
                            return broken(checked, new Verification.Broken(fields.sequence(), fields.id(), problem),
                                    headSequence, headHash);
                        }
                        previousHash = storedHash;
                        expected = fields.sequence() + 1;
                        after = fields.sequence();
                    }
                }
                if (read < PAGE) {
                    break;
                }
            }
        }
        if (expected - 1 != headSequence) {
            return broken(checked, new Verification.Broken(expected, null, "missing: the chain ends at event "
                    + (expected - 1) + " but its head is event " + headSequence
                    + " (events at the end were deleted)"), headSequence, headHash);
        }
        if (!previousHash.equals(headHash)) {
            return broken(checked, new Verification.Broken(headSequence, null, "the last event's hash differs from"
                    + " the hash the chain head recorded for it"), headSequence, headHash);
        }
        return new Verification(true, checked, null, now(), headSequence, headHash);
    }

    private static String problem(EventFields fields, long expected, String previousHash, String storedPrevious,
                                  String storedHash) {
        if (fields.sequence() > expected) {
            return "events " + expected + (fields.sequence() - 1 > expected ? " to " + (fields.sequence() - 1) : "")
                    + " are missing before it (deleted)";
        }
        if (fields.sequence() < expected) {
            return "out of place: sequence " + fields.sequence() + " where " + expected
                    + " was expected (an event was inserted)";
        }
        if (!previousHash.equals(storedPrevious)) {
            return "its previous_hash does not match the event before it (an event was inserted, deleted or"
                    + " reordered)";
        }
        if (!ChainHash.of(fields, storedPrevious).equals(storedHash)) {
            return "its fields do not match its hash (the event was edited)";
        }
        return null;
    }

    private static EventFields fields(ResultSet rows) throws SQLException {
        Timestamp time = rows.getTimestamp(3);
        return new EventFields(rows.getLong(1), rows.getString(2), time.toLocalDateTime(), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13), rows.getInt(14),
                rows.getString(15));
    }

    private static Verification broken(long checked, Verification.Broken broken, long headSequence, String headHash) {
        return new Verification(false, checked, broken, now(), headSequence, headHash);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
