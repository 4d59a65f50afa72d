package org.lockbox.rootoftrust.enrollment;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;
import org.lockbox.rootoftrust.JdbcMasterKeyRecords;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.tpm.EnrollmentRequest;
import org.lockbox.rootoftrust.tpm.TransferBlob;

/**
 * The replicas that asked for the master keys and the transfer blobs made for them, in the
 * {@code replica} and {@code transfer_blob} tables, over plain JDBC (the server through its data
 * source, lockbox-admin through its own connection). A blob is written only while its replica is
 * approved, and revoking a replica deletes its blobs in the same transaction.
 */
public final class ReplicaRegistry {

    private static final String COLUMNS = "id, name, ek_certificate, state, requested, decided, decided_by, seen";

    private final JdbcMasterKeyRecords.Connections connections;

    public ReplicaRegistry(JdbcMasterKeyRecords.Connections connections) {
        this.connections = connections;
    }

    /**
     * Registers a replica's request as PENDING and returns its id; a request from the same TPM (EK
     * certificate and storage key) that is pending or approved already keeps its id. A revoked TPM
     * that asks again is a new pending request, which an operator must approve anew.
     */
    public String register(String name, EnrollmentRequest request) throws SealingException {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new IllegalArgumentException("A replica's name has 1 to 128 characters");
        }
        try (Connection db = connections.open()) {
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT id, ek_certificate, storage_key_public FROM replica WHERE state <> ?")) {
                query.setString(1, ReplicaState.REVOKED.name());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if (Arrays.equals(rows.getBytes(2), request.ekCertificate())
                                && Arrays.equals(rows.getBytes(3), request.storageKeyPublic())) {
                            return rows.getString(1);
                        }
                    }
                }
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO replica (id, name, ek_certificate,"
                    + " storage_key_public, state, requested) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name.trim());
                insert.setBytes(3, request.ekCertificate());
                insert.setBytes(4, request.storageKeyPublic());
                insert.setString(5, ReplicaState.PENDING.name());
                insert.setTimestamp(6, now());
                insert.executeUpdate();
            }
            commit(db);
            return id;
        } catch (SQLException e) {
            throw failure("register replica '" + name + "'", e);
        }
    }

    public Optional<Replica> find(String id) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement("SELECT " + COLUMNS + " FROM replica WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(replica(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read replica " + id, e);
        }
    }

    /** Every replica, oldest request first. */
    public List<Replica> list() throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement(
                     "SELECT " + COLUMNS + " FROM replica ORDER BY requested, id")) {
            List<Replica> replicas = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    replicas.add(replica(rows));
                }
            }
            return replicas;
        } catch (SQLException e) {
            throw failure("list replicas", e);
        }
    }

    /** The replicas in a state, oldest request first. */
    public List<Replica> inState(ReplicaState state) throws SealingException {
        return list().stream().filter(r -> r.state() == state).toList();
    }

    /** The EK certificate and storage key a replica registered. */
    public EnrollmentRequest request(String id) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement(
                     "SELECT ek_certificate, storage_key_public FROM replica WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw notFound(id);
                }
                return new EnrollmentRequest(rows.getBytes(1), rows.getBytes(2));
            }
        } catch (SQLException e) {
            throw failure("read replica " + id, e);
        }
    }

    /** Approves a pending replica: from now on it is sent the master keys. */
    public Replica approve(String id, String decidedBy) throws SealingException {
        Replica replica = find(id).orElseThrow(() -> notFound(id));
        if (replica.state() == ReplicaState.APPROVED) {
            return replica;
        }
        if (replica.state() == ReplicaState.REVOKED) {
            throw new ConflictException("Replica " + id + " is revoked; a revoked replica is never approved again"
                    + " (it registers anew, and that request is approved or not)");
        }
        try (Connection db = connections.open();
             PreparedStatement update = db.prepareStatement("UPDATE replica SET state = ?, decided = ?,"
                     + " decided_by = ? WHERE id = ? AND state = ?")) {
            update.setString(1, ReplicaState.APPROVED.name());
            update.setTimestamp(2, now());
            update.setString(3, decidedBy);
            update.setString(4, id);
            update.setString(5, ReplicaState.PENDING.name());
            if (update.executeUpdate() != 1) {
                throw new ConflictException("Replica " + id + " was decided by someone else meanwhile");
            }
            commit(db);
        } catch (SQLException e) {
            throw failure("approve replica " + id, e);
        }
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** Revokes a replica, pending or approved, and deletes every transfer blob made for it, at once. */
    public Replica revoke(String id, String decidedBy) throws SealingException {
        try (Connection db = connections.open()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement update = db.prepareStatement("UPDATE replica SET state = ?, decided = ?,"
                        + " decided_by = ? WHERE id = ? AND state <> ?")) {
                    update.setString(1, ReplicaState.REVOKED.name());
                    update.setTimestamp(2, now());
                    update.setString(3, decidedBy);
                    update.setString(4, id);
                    update.setString(5, ReplicaState.REVOKED.name());
                    update.executeUpdate();
                }
                try (PreparedStatement delete = db.prepareStatement("DELETE FROM transfer_blob WHERE replica_id = ?")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                }
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("revoke replica " + id, e);
        }
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The versions made for a replica so far, received or not. */
    public Set<ServiceVersion> offered(String replicaId) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement(
                     "SELECT service, version FROM transfer_blob WHERE replica_id = ?")) {
            query.setString(1, replicaId);
            Set<ServiceVersion> offered = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    offered.add(new ServiceVersion(rows.getString(1), rows.getInt(2)));
                }
            }
            return offered;
        } catch (SQLException e) {
            throw failure("read the transfers to replica " + replicaId, e);
        }
    }

    /**
     * Stores a blob for a replica if, when the transaction commits, the replica is still approved
     * (its row is locked first, so a revocation either waits for this blob and deletes it, or wins
     * and nothing is stored); returns whether it was stored.
     */
    public boolean offer(String replicaId, ServiceVersion version, TransferBlob blob) throws SealingException {
        try (Connection db = connections.open()) {
            db.setAutoCommit(false);
            try {
                try (PreparedStatement lock = db.prepareStatement(
                        "UPDATE replica SET state = state WHERE id = ? AND state = ?")) {
                    lock.setString(1, replicaId);
                    lock.setString(2, ReplicaState.APPROVED.name());
                    if (lock.executeUpdate() != 1) {
                        db.rollback();
                        return false;
                    }
                }
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO transfer_blob"
                        + " (replica_id, service, version, blob, created) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, replicaId);
                    insert.setString(2, version.service());
                    insert.setInt(3, version.version());
                    insert.setBytes(4, blob.toBytes());
                    insert.setTimestamp(5, now());
                    insert.executeUpdate();
                }
                db.commit();
                return true;
            } catch (SQLException e) {
                db.rollback();
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("store the transfer of " + version + " to replica " + replicaId, e);
        }
    }

    /** A blob made for a replica and not received yet, if any. */
    public Optional<TransferBlob> blob(String replicaId, ServiceVersion version) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement query = db.prepareStatement("SELECT blob FROM transfer_blob"
                     + " WHERE replica_id = ? AND service = ? AND version = ? AND blob IS NOT NULL")) {
            query.setString(1, replicaId);
            query.setString(2, version.service());
            query.setInt(3, version.version());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(TransferBlob.fromBytes(rows.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw failure("read the transfer of " + version + " to replica " + replicaId, e);
        }
    }

    /** Marks a blob received: the replica has re-sealed the key, so the blob is cleared and not sent again. */
    public void received(String replicaId, ServiceVersion version) throws SealingException {
        try (Connection db = connections.open();
             PreparedStatement update = db.prepareStatement("UPDATE transfer_blob SET blob = NULL, received = ?"
                     + " WHERE replica_id = ? AND service = ? AND version = ?")) {
            update.setTimestamp(1, now());
            update.setString(2, replicaId);
            update.setString(3, version.service());
            update.setInt(4, version.version());
            update.executeUpdate();
            commit(db);
        } catch (SQLException e) {
            throw failure("mark the transfer of " + version + " to replica " + replicaId + " received", e);
        }
    }

    private static Replica replica(ResultSet row) throws SQLException {
        byte[] certificate = row.getBytes(3);
        return new Replica(row.getString(1), row.getString(2), ReplicaState.valueOf(row.getString(4)),
                subject(certificate), fingerprint(certificate), utc(row.getTimestamp(5)), utc(row.getTimestamp(6)),
                row.getString(7), utc(row.getTimestamp(8)));
    }

    /** SHA-256 of the EK certificate (DER), in hex: what the joining replica logs, for the operator to compare. */
    public static String fingerprint(byte[] ekCertificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ekCertificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(byte[] der) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            String subject = certificate.getSubjectX500Principal().getName();
            return subject.isEmpty() ? "issued by " + certificate.getIssuerX500Principal().getName() : subject;
        } catch (CertificateException | RuntimeException e) {
            return "(not an X.509 certificate)";
        }
    }

    private static OffsetDateTime utc(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().atOffset(ZoneOffset.UTC);
    }

    private static Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
    }

    private static void commit(Connection db) throws SQLException {
        if (!db.getAutoCommit()) {
            db.commit();
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("There is no replica '" + id + "'");
    }

    private static SealingException failure(String what, Exception e) {
        return new SealingException("Cannot " + what + " in the database: " + e.getMessage(), e);
    }
}
