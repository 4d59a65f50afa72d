package org.lockbox.rotation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.audit.AuditKeys;
import org.lockbox.audit.AuditTrail;
import org.lockbox.crypto.KekStore;
import org.lockbox.crypto.KeyEncryptionKeys;
import org.lockbox.crypto.ProjectKek;
import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;
import org.lockbox.error.NotImplementedException;
import org.lockbox.error.OperationFailedException;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeys;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.VersionTakenException;
import org.lockbox.rootoftrust.enrollment.ReplicaEnrollment;

/**
 * What operators ask of rotation: master-key versions provisioned and retired online, a project's
 * KEK rotated, and where every rotation stands. Asking only records the rotation and wakes the
 * background sweep; the rewrapping itself never runs on a request.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Rotations {

    private static final Logger LOG = Logger.getLogger(Rotations.class.getName());

    @EJB
    RotationRecords records;

    @EJB
    RotationWorker worker;

    @EJB
    KekStore kekStore;

    @EJB
    AuditTrail auditTrail;

    @EJB
    ReplicaEnrollment replicas;

    @Inject
    MasterKeys masterKeys;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    /** One master-key version of a service: whether it is current, held in memory, and how many KEKs it wraps. */
    public record MasterKeyVersion(int version, boolean current, boolean unsealed, long keks) {
    }

    /** A service's master key: its versions, what is left to rewrap and its latest rotation. */
    public record MasterKeyState(String service, String provider, int currentVersion, List<MasterKeyVersion> versions,
                                 long keksToRewrap, RotationProgress rotation) {
    }

    /** One version of a project's KEK and how many of the project's secrets it wraps. */
    public record KekVersion(int version, String status, int masterKeyVersion, long secrets, OffsetDateTime created) {
    }

    /** A project's KEK for one service: its versions, what is left to rewrap and its latest rotation. */
    public record ProjectKekState(String service, String projectId, Integer currentVersion, List<KekVersion> versions,
                                  long secretsToRewrap, RotationProgress rotation) {
    }

    public List<MasterKeyState> masterKeys() {
        return services.stream().map(this::masterKey).toList();
    }

    public MasterKeyState masterKey(String service) {
        requireService(service);
        List<Integer> held = masterKeys.versions(service);
        int current = held.get(held.size() - 1);
        Map<Integer, Long> keksByVersion = records.keksByMasterKeyVersion(service);
        TreeSet<Integer> versions = new TreeSet<>(held);
        versions.addAll(keksByVersion.keySet());
        List<MasterKeyVersion> rows = new ArrayList<>();
        for (int version : versions) {
            rows.add(new MasterKeyVersion(version, version == current, held.contains(version),
                    keksByVersion.getOrDefault(version, 0L)));
        }
        return new MasterKeyState(service, masterKeys.status().provider(), current, rows,
                records.keksBelow(service, current), records.latest(Rotation.MASTER_KEY, service, null));
    }

    /**
     * Seals a new master-key version with the provider and makes it current at once; the service's
     * KEKs are then rewrapped under it in the background.
     */
    public RotationProgress provision(String service) {
        requireService(service);
        int from = masterKeys.current(service).version();
        MasterKey key;
        try {
            key = masterKeys.provision(service);
        } catch (VersionTakenException e) {
            throw new ConflictException(e.getMessage());
        } catch (SealingException e) {
            throw new OperationFailedException("The master-key provider could not seal a new version: "
                    + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new NotImplementedException(e.getMessage());
        }
        RotationProgress rotation = records.masterKeyProvisioned(service, from, key.version());
        LOG.info(() -> "Master-key rotation of service '" + service + "' to version " + key.version()
                + " asked for: " + rotation.remaining() + " KEKs to rewrap in the background");
        worker.sweepSoon();
        return rotation;
    }

    /** Retires an old master-key version: refused (409) while it is current or any KEK is still wrapped under it. */
    public void retire(String service, int version) {
        requireService(service);
        List<Integer> held = masterKeys.versions(service);
        if (!held.contains(version)) {
            throw new NotFoundException("Service '" + service + "' has no master-key version " + version + ".");
        }
        int current = held.get(held.size() - 1);
        if (version == current) {
            throw new ConflictException("Version " + version + " is the current master key of service '" + service
                    + "'; provision a newer version and let its rotation finish first.");
        }
        long using = records.keksUnder(service, version);
        if (using > 0) {
            throw new ConflictException(using + " KEK(s) of service '" + service + "' are still wrapped under"
                    + " master-key version " + version + "; retire it when the rotation to version " + current
                    + " is done.");
        }
        List<String> behind;
        try {
            behind = replicas.behind(service, current);
        } catch (SealingException e) {
            throw new OperationFailedException("Cannot tell which versions the sibling replicas use: " + e.getMessage());
        }
        if (!behind.isEmpty()) {
            throw new ConflictException("Master-key version " + current + " of service '" + service + "' has not"
                    + " reached every live replica yet (" + String.join(", ", behind) + "); a replica still using an"
                    + " older version may wrap new KEKs under it. Retire it once they use version " + current + ".");
        }
        if (AuditKeys.MASTER_KEY_SERVICE.equals(service) && auditTrail.keyedUnder(version)) {
            throw new ConflictException("Audit events are keyed under master-key version " + version + " of service '"
                    + service + "': it stays held so that the audit chain can still be verified.");
        }
        try {
            masterKeys.retire(service, version);
        } catch (SealingException e) {
            throw new OperationFailedException("The master-key provider could not retire the version: "
                    + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new NotImplementedException(e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /**
     * Rotates a project's KEK: a new version is current at once (on this replica; others follow
     * within a minute), and the project's secrets are rewrapped under it in the background.
     */
    public RotationProgress rotateKek(String service, String projectId) {
        requireService(service);
        RotationProgress rotation = records.startKekRotation(service, projectId);
        keks.forgetCurrentVersion(service, projectId);
        LOG.info(() -> "KEK rotation of project " + projectId + " (service '" + service + "') to KEK version "
                + rotation.rotation().toVersion() + " asked for: " + rotation.remaining()
                + " secrets to rewrap in the background");
        worker.sweepSoon();
        return rotation;
    }

    public ProjectKekState kek(String service, String projectId) {
        requireService(service);
        Map<Integer, Long> secrets = records.secretsByKekVersion(service, projectId);
        List<KekVersion> versions = new ArrayList<>();
        Integer current = null;
        for (ProjectKek kek : kekStore.all(service, projectId)) {
            versions.add(new KekVersion(kek.version(), kek.status(), kek.masterKeyVersion(),
                    secrets.getOrDefault(kek.version(), 0L), kek.created().atOffset(ZoneOffset.UTC)));
            if (ProjectKek.ACTIVE.equals(kek.status())) {
                current = kek.version();
            }
        }
        if (versions.isEmpty()) {
            throw new NotFoundException("The project has no KEK for service '" + service
                    + "': it gets one with its first secret.");
        }
        return new ProjectKekState(service, projectId, current, versions,
                current == null ? 0 : records.secretsBelow(service, projectId, current),
                records.latest(Rotation.KEK, service, projectId));
    }

    /** One rotation, or null. */
    public RotationProgress rotation(String id) {
        return records.find(id);
    }

    public List<RotationProgress> rotations(String service, String projectId, String state, int limit) {
        return records.list(service, projectId, state, limit);
    }

    private void requireService(String service) {
        if (!services.contains(service)) {
            throw new NotFoundException("There is no service '" + service + "'; services are " + services + ".");
        }
    }
}
