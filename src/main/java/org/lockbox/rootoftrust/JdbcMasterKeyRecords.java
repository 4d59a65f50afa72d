package org.lockbox.rootoftrust;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Master-key records in the {@code master_key_record} table, over plain JDBC: the server reaches
 * it through its data source, lockbox-admin through a connection of its own.
 */
public final class JdbcMasterKeyRecords implements MasterKeyRecords {

    /** Opens a connection; each call's connection is closed after use. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;

    public JdbcMasterKeyRecords(Connections connections) {
        this.connections = connections;
    }

    @Override
    public Map<Integer, String> recorded(String service) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement(
                     "SELECT version, fingerprint FROM master_key_record WHERE service = ? AND retired IS NULL")) {
            query.setString(1, service);
            Map<Integer, String> byVersion = new TreeMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byVersion.put(rows.getInt(1), rows.getString(2));
                }
            }
            return byVersion;
        } catch (SQLException e) {
            throw new SealingException("Cannot read the master-key records of service '" + service
                    + "' from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public Set<Integer> retired(String service) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement(
                     "SELECT version FROM master_key_record WHERE service = ? AND retired IS NOT NULL")) {
            query.setString(1, service);
            Set<Integer> versions = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
            return versions;
        } catch (SQLException e) {
            throw new SealingException("Cannot read the retired master-key versions of service '" + service
                    + "' from the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(String service, int version, String fingerprint, String recordedBy) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement insert = db.prepareStatement("INSERT INTO master_key_record"
                     + " (service, version, fingerprint, recorded_by, recorded) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, service);
            insert.setInt(2, version);
            insert.setString(3, fingerprint);
            insert.setString(4, recordedBy);
            insert.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            insert.executeUpdate();
            if (!db.getAutoCommit()) {
                db.commit();
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new VersionTakenException("Master key " + service + " v" + version + " is recorded already", e);
            }
            throw new SealingException("Cannot record master key " + service + " v" + version
                    + " in the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void forget(String service, int version) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement retire = db.prepareStatement("UPDATE master_key_record SET retired = ?"
                     + " WHERE service = ? AND version = ? AND retired IS NULL")) {
            retire.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
            retire.setString(2, service);
            retire.setInt(3, version);
            retire.executeUpdate();
            if (!db.getAutoCommit()) {
                db.commit();
            }
        } catch (SQLException e) {
            throw new SealingException("Cannot mark master key " + service + " v" + version
                    + " retired: " + e.getMessage(), e);
        }
    }
}
