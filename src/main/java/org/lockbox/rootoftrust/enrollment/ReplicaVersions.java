package org.lockbox.rootoftrust.enrollment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;

/**
 * Which master-key version each registered replica wraps new KEKs under, and when it last said so
 * ({@code replica.seen}, {@code replica_version}): each replica reports at every enrollment round,
 * and a version is retired only when no live approved replica still uses it or an older one. The
 * versions a replica holds are also marked received in {@code transfer_blob}, so that no sibling
 * sends it what it has (and a blob sent meanwhile is cleared).
 */
public final class ReplicaVersions {

    private final JdbcMasterKeyRecords.Connections connections;

    public ReplicaVersions(JdbcMasterKeyRecords.Connections connections) {
        this.connections = connections;
    }

    /** Records that a replica is alive now and holds these versions, by service, the last being current. */
    public void report(String replicaId, Map<String, List<Integer>> held) throws SealingException {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
        try (Connection db = connections.open()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement seen = db.prepareStatement("UPDATE replica SET seen = ? WHERE id = ?")) {
                    seen.setTimestamp(1, now);
                    seen.setString(2, replicaId);
                    seen.executeUpdate();
                }
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM replica_version WHERE replica_id = ?");
                     PreparedStatement insert = db.prepareStatement("INSERT INTO replica_version"
                             + " (replica_id, service, current_version) VALUES (?, ?, ?)")) {
                    delete.setString(1, replicaId);
                    delete.executeUpdate();
                    for (Map.Entry<String, List<Integer>> service : held.entrySet()) {
                        List<Integer> versions = service.getValue();
                        insert.setString(1, replicaId);
                        insert.setString(2, service.getKey());
                        insert.setInt(3, versions.get(versions.size() - 1));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
            markHeld(db, replicaId, held, now);
        } catch (SQLException e) {
            throw new SealingException("Cannot record replica " + replicaId + "'s master-key versions in the"
                    + " database: " + e.getMessage(), e);
        }
    }

    private static void markHeld(Connection db, String replicaId, Map<String, List<Integer>> held, Timestamp now)
            throws SQLException {
        try (PreparedStatement clear = db.prepareStatement("UPDATE transfer_blob SET blob = NULL,"
                + " received = COALESCE(received, ?) WHERE replica_id = ? AND service = ? AND version = ?");
             PreparedStatement insert = db.prepareStatement("INSERT INTO transfer_blob"
                     + " (replica_id, service, version, created, received) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<Integer>> service : held.entrySet()) {
                for (int version : service.getValue()) {
                    clear.setTimestamp(1, now);
                    clear.setString(2, replicaId);
                    clear.setString(3, service.getKey());
                    clear.setInt(4, version);
                    if (clear.executeUpdate() > 0) {
                        db.commit();
                        continue;
                    }
                    insert.setString(1, replicaId);
                    insert.setString(2, service.getKey());
                    insert.setInt(3, version);
                    insert.setTimestamp(4, now);
                    insert.setTimestamp(5, now);
                    try {
                        insert.executeUpdate();
                        db.commit();
                    } catch (SQLException e) {
                        db.rollback();
                        if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                            throw e;
                        }
                        // A sibling sent it meanwhile; the next round clears that blob.
                    }
                }
            }
        }
    }

    /** The version a replica last reported using, by service; empty before its first report. */
    public Map<String, Integer> current(String replicaId) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement("SELECT service, current_version FROM replica_version"
                     + " WHERE replica_id = ? ORDER BY service")) {
            query.setString(1, replicaId);
            Map<String, Integer> current = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    current.put(rows.getString(1), rows.getInt(2));
                }
            }
            return current;
        } catch (SQLException e) {
            throw new SealingException("Cannot read replica " + replicaId + "'s master-key versions from the"
                    + " database: " + e.getMessage(), e);
        }
    }

    /**
     * The approved replicas seen within {@code live} whose current version of a service is older
     * than {@code version} (or unknown), each as "name (id) uses vN": what a retirement waits for.
     */
    public List<String> behind(String service, int version, Duration live) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement("SELECT r.id, r.name, v.current_version FROM replica r"
                     + " LEFT JOIN replica_version v ON v.replica_id = r.id AND v.service = ?"
                     + " WHERE r.state = ? AND r.seen > ? ORDER BY r.name, r.id")) {
            query.setString(1, service);
            query.setString(2, ReplicaState.APPROVED.name());
            query.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minus(live)));
            List<String> behind = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int current = rows.getInt(3);
                    boolean unknown = rows.wasNull();
                    if (unknown || current < version) {
                        behind.add(rows.getString(2) + " (" + rows.getString(1) + ") uses "
                                + (unknown ? "no version" : "v" + current));
                    }
                }
            }
            return behind;
        } catch (SQLException e) {
            throw new SealingException("Cannot read the replicas' master-key versions from the database: "
                    + e.getMessage(), e);
        }
    }
}
