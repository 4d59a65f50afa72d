package org.lockbox.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.crypto.SecretKey;
import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Appends a group of request events in one local JDBC transaction: the head row is locked by an
 * update (an exclusive row lock held to the commit on Derby and PostgreSQL alike), the events go in
 * as one batch, each with the hash before it and its HMAC under the current audit key, the head moves,
 * and the transaction commits before this returns. It is {@link AuditTrail#recordAll}'s transaction
 * without the EJB container or the JPA unit of work, which cost more than the inserts themselves on
 * a key read. It declines, so that the caller uses {@link AuditTrail}, when a global transaction is
 * active on the thread or when the keyed chain's boundary is still to be sealed (once per database).
 */
@ApplicationScoped
public class ChainAppender {

    static final String LOCK_HEAD = "UPDATE audit_chain_head SET last_sequence = last_sequence WHERE id = ?";
    static final String READ_HEAD = "SELECT last_sequence, last_hash, keyed_from, boundary_hash, boundary_mac"
            + " FROM audit_chain_head WHERE id = ?";
    static final String INSERT = "INSERT INTO audit_event (sequence, id, event_time, request_id, user_id,"
            + " acting_user_id, service, project_id, action, http_method, request_path, key_id, outcome, status,"
            + " reason, previous_hash, hash, key_project_id, key_version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String MOVE_HEAD = "UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = ?";

    @Resource(lookup = "jdbc/lockbox")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    AuditKeys keys;

    /**
     * Records the events, in order, committed before this returns; false (nothing written) when
     * {@link AuditTrail#recordAll} must record them instead.
     *
     * @throws IllegalStateException if the database refused the group (nothing of it is kept)
     */
    public boolean tryAppend(List<EventFields> events) {
        if (transactions.getTransactionKey() != null) {
            return false;
        }
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                boolean appended = append(db, events, keys);
                if (appended) {
                    db.commit();
                } else {
                    db.rollback();
                }
                return appended;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // Only the state: a database's message may quote the values of a row.
            throw new IllegalStateException("The audit trail could not be appended to (SQLState " + e.getSQLState()
                    + ")");
        }
    }

    /**
     * Appends within the connection's open transaction, which the caller commits; false, having written
     * nothing, if the chain's boundary is still to be sealed.
     */
    static boolean append(Connection db, List<EventFields> events, AuditKeys keys) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement(LOCK_HEAD)) {
            lock.setInt(1, AuditChainHead.ID);
            if (lock.executeUpdate() != 1) {
                throw new IllegalStateException("The audit chain head is missing: the audit trail cannot be appended to");
            }
        }
        long sequence;
        String previous;
        try (PreparedStatement read = db.prepareStatement(READ_HEAD)) {
            read.setInt(1, AuditChainHead.ID);
            try (ResultSet head = read.executeQuery()) {
                head.next();
                boolean boundaryUnsealed = head.getObject(3) != null && head.getString(4) != null
                        && head.getString(5) == null;
                if (boundaryUnsealed) {
                    return false;
                }
                sequence = head.getLong(1);
                previous = head.getString(2);
            }
        }
        int version = keys.currentVersion();
        SecretKey key = keys.key(version);
        try (PreparedStatement insert = db.prepareStatement(INSERT)) {
            for (EventFields event : events) {
                EventFields placed = event.at(++sequence);
                String hash = ChainHash.keyed(placed, previous, version, key);
                bind(insert, placed, previous, hash, version);
                insert.addBatch();
                previous = hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement move = db.prepareStatement(MOVE_HEAD)) {
            move.setLong(1, sequence);
            move.setString(2, previous);
            move.setInt(3, AuditChainHead.ID);
            move.executeUpdate();
        }
        return true;
    }

    private static void bind(PreparedStatement insert, EventFields e, String previous, String hash, int version)
            throws SQLException {
        insert.setLong(1, e.sequence());
        insert.setString(2, e.id());
        insert.setTimestamp(3, Timestamp.valueOf(e.time()));
        insert.setString(4, e.requestId());
        insert.setString(5, e.userId());
        insert.setString(6, e.actingUserId());
        insert.setString(7, e.service());
        insert.setString(8, e.projectId());
        insert.setString(9, e.action());
        insert.setString(10, e.method());
        insert.setString(11, e.path());
        insert.setString(12, e.keyId());
        insert.setString(13, e.outcome());
        insert.setInt(14, e.status());
        insert.setString(15, e.reason());
        insert.setString(16, previous);
        insert.setString(17, hash);
        insert.setString(18, e.keyProjectId());
        insert.setInt(19, version);
    }
}
