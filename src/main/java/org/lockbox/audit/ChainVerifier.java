package org.lockbox.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.crypto.SecretKey;

/**
 * Checks the chain straight from the database (the server's endpoint and the operator's command
 * share it): every event from sequence 1 to the head as it was when the check started, in order,
 * each linked to the one before and matching its own hash. Events from the keyed chain's boundary on
 * must carry an HMAC under the audit key of the master-key version they name, and the boundary
 * itself must carry the HMAC sealed when keying began; events before it carry the plain SHA-256 they
 * were recorded with. Events appended during the check are left for the next one.
 */
public final class ChainVerifier {

    private static final int PAGE = 1000;
    private static final String COLUMNS = "sequence, id, event_time, request_id, user_id, acting_user_id, service,"
            + " project_id, action, http_method, request_path, key_id, outcome, status, reason, previous_hash, hash,"
            + " key_version, key_project_id";

    private ChainVerifier() {
    }

    /** Where keying began, as the head row records it. */
    private record Boundary(Long keyedFrom, String hashBefore, Integer keyVersion, String mac) {
    }

    public static Verification verify(Connection db, AuditKeys keys) throws SQLException {
        long headSequence;
        String headHash;
        Boundary boundary;
        try (PreparedStatement head = db.prepareStatement("SELECT last_sequence, last_hash, keyed_from, boundary_hash,"
                + " boundary_key_version, boundary_mac FROM audit_chain_head WHERE id = " + AuditChainHead.ID);
             ResultSet rows = head.executeQuery()) {
            if (!rows.next()) {
                return broken(0, new Verification.Broken(0, null, "the chain head row is missing"), 0, null);
            }
            headSequence = rows.getLong(1);
            headHash = rows.getString(2);
            long keyedFrom = rows.getLong(3);
            Long from = rows.wasNull() ? null : keyedFrom;
            int keyVersion = rows.getInt(5);
            Integer boundaryKeyVersion = rows.wasNull() ? null : keyVersion;
            boundary = new Boundary(from, rows.getString(4), boundaryKeyVersion, rows.getString(6));
        }
        String boundaryProblem = boundaryProblem(boundary, keys);
        if (boundaryProblem != null) {
            return broken(0, new Verification.Broken(boundary.keyedFrom() == null ? 0 : boundary.keyedFrom(), null,
                    boundaryProblem), headSequence, headHash);
        }
        long keyedFrom = boundary.keyedFrom();
        if (keyedFrom > headSequence + 1) {
            return broken(0, new Verification.Broken(headSequence + 1, null, "missing: keying began at event "
                    + keyedFrom + " but the chain's head is event " + headSequence + " (events at the end were"
                    + " deleted)"), headSequence, headHash);
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
                        int version = rows.getInt(18);
                        Integer keyVersion = rows.wasNull() ? null : version;
                        String problem = problem(fields, expected, previousHash, storedPrevious, storedHash);
                        if (problem == null) {
                            problem = hashProblem(fields, storedPrevious, storedHash, keyVersion, boundary, keys);
                        }
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
        if (!ChainHash.same(previousHash, headHash)) {
            return broken(checked, new Verification.Broken(headSequence, null, "the last event's hash differs from"
                    + " the hash the chain head recorded for it"), headSequence, headHash);
        }
        if (keyedFrom == headSequence + 1 && !ChainHash.same(boundary.hashBefore(), headHash)) {
            return broken(checked, new Verification.Broken(headSequence, null, "the last event's hash differs from"
                    + " the one sealed where keying began (the plain events were rewritten)"), headSequence, headHash);
        }
        return new Verification(true, checked, null, now(), headSequence, headHash);
    }

    private static String boundaryProblem(Boundary boundary, AuditKeys keys) {
        if (boundary.keyedFrom() == null || boundary.hashBefore() == null) {
            return "the chain head does not say where keying began (the boundary was removed)";
        }
        if (boundary.mac() == null || boundary.keyVersion() == null) {
            return "the boundary where keying began (event " + boundary.keyedFrom() + ") is not sealed: the server"
                    + " that applied the keying migration seals it at its first audited request, and a boundary"
                    + " reset in the database is unsealed too";
        }
        SecretKey key;
        try {
            key = keys.key(boundary.keyVersion());
        } catch (RuntimeException e) {
            return unavailable(boundary.keyVersion(), e);
        }
        if (!ChainHash.same(ChainHash.boundary(boundary.keyedFrom(), boundary.hashBefore(), boundary.keyVersion(), key),
                boundary.mac())) {
            return "the boundary where keying began (event " + boundary.keyedFrom() + ") does not match its HMAC"
                    + " (it was moved or altered without the audit key)";
        }
        return null;
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
        return null;
    }

    private static String hashProblem(EventFields fields, String storedPrevious, String storedHash, Integer keyVersion,
                                      Boundary boundary, AuditKeys keys) {
        long keyedFrom = boundary.keyedFrom();
        if (fields.sequence() < keyedFrom) {
            if (keyVersion != null) {
                return "it names master-key version " + keyVersion + " but lies before the boundary where keying"
                        + " began (event " + keyedFrom + ")";
            }
            return ChainHash.same(ChainHash.of(fields, storedPrevious), storedHash) ? null
                    : "its fields do not match its hash (the event was edited)";
        }
        if (fields.sequence() == keyedFrom && !ChainHash.same(boundary.hashBefore(), storedPrevious)) {
            return "its previous_hash differs from the one sealed where keying began (the events before it were"
                    + " rewritten)";
        }
        if (keyVersion == null) {
            return "it carries a plain hash where every event from " + keyedFrom + " on carries an HMAC (the event"
                    + " was edited or rewritten without the audit key)";
        }
        SecretKey key;
        try {
            key = keys.key(keyVersion);
        } catch (RuntimeException e) {
            return unavailable(keyVersion, e);
        }
        return ChainHash.same(ChainHash.keyed(fields, storedPrevious, keyVersion, key), storedHash) ? null
                : "its fields do not match its HMAC (the event was edited, or rewritten without the audit key)";
    }

    private static String unavailable(int version, RuntimeException e) {
        return "cannot be checked: master-key version " + version + " of service '" + AuditKeys.MASTER_KEY_SERVICE
                + "', which keys it, is not available (" + e.getMessage() + ")";
    }

    private static EventFields fields(ResultSet rows) throws SQLException {
        Timestamp time = rows.getTimestamp(3);
        return new EventFields(rows.getLong(1), rows.getString(2), time.toLocalDateTime(), rows.getString(4),
                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13), rows.getInt(14),
                rows.getString(15), rows.getString(19));
    }

    private static Verification broken(long checked, Verification.Broken broken, long headSequence, String headHash) {
        return new Verification(false, checked, broken, now(), headSequence, headHash);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
