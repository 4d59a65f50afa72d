package org.lockbox.rotation;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.lockbox.crypto.KeyEncryptionKeys;
import org.lockbox.crypto.ProjectKek;
import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;

/**
 * Rotation records and the counts their progress is read from: KEKs per master-key version and
 * secrets per KEK version. Each method runs in its own short transaction.
 */
@Stateless
public class RotationRecords {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    KeyEncryptionKeys keks;

    /** KEKs of a service still wrapped under a master-key version older than {@code version}. */
    public long keksBelow(String service, int version) {
        return em.createQuery("""
                        SELECT COUNT(k) FROM ProjectKek k WHERE k.service = :service
                        AND k.masterKeyVersion < :version""", Long.class)
                .setParameter("service", service).setParameter("version", version).getSingleResult();
    }

    /** KEKs of a service wrapped under exactly this master-key version. */
    public long keksUnder(String service, int version) {
        return em.createQuery("""
                        SELECT COUNT(k) FROM ProjectKek k WHERE k.service = :service
                        AND k.masterKeyVersion = :version""", Long.class)
                .setParameter("service", service).setParameter("version", version).getSingleResult();
    }

    /** How many KEKs of a service each master-key version wraps, by version. */
    public Map<Integer, Long> keksByMasterKeyVersion(String service) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Object[] row : em.createQuery("""
                        SELECT k.masterKeyVersion, COUNT(k) FROM ProjectKek k WHERE k.service = :service
                        GROUP BY k.masterKeyVersion""", Object[].class)
                .setParameter("service", service).getResultList()) {
            counts.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Secrets of a project still wrapped under a KEK version older than {@code version}. */
    public long secretsBelow(String service, String projectId, int version) {
        return em.createQuery("""
                        SELECT COUNT(s) FROM Secret s WHERE s.service = :service AND s.projectId = :project
                        AND s.kekVersion < :version""", Long.class)
                .setParameter("service", service).setParameter("project", projectId)
                .setParameter("version", version).getSingleResult();
    }

    /** How many secrets of a project each KEK version wraps, by version. */
    public Map<Integer, Long> secretsByKekVersion(String service, String projectId) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (Object[] row : em.createQuery("""
                        SELECT s.kekVersion, COUNT(s) FROM Secret s WHERE s.service = :service
                        AND s.projectId = :project AND s.kekVersion IS NOT NULL GROUP BY s.kekVersion""", Object[].class)
                .setParameter("service", service).setParameter("project", projectId).getResultList()) {
            counts.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The version new material of the project is wrapped under, or null when it has no KEK yet. */
    public Integer activeKekVersion(String service, String projectId) {
        return em.createQuery("""
                        SELECT MAX(k.version) FROM ProjectKek k WHERE k.service = :service
                        AND k.projectId = :project AND k.status = :active""", Integer.class)
                .setParameter("service", service).setParameter("project", projectId)
                .setParameter("active", ProjectKek.ACTIVE).getSingleResult();
    }

    /** Records a master-key rotation just provisioned online; done at once when the service has no KEK to rewrap. */
    public RotationProgress masterKeyProvisioned(String service, int from, int to) {
        long remaining = keksBelow(service, to);
        Rotation rotation = new Rotation(Rotation.MASTER_KEY, service, null, from, to, remaining, now());
        if (remaining == 0) {
            rotation.finish(0, 0, now());
        }
        em.persist(rotation);
        return new RotationProgress(rotation, remaining);
    }

    /**
     * Rotates a project's KEK: the next version becomes the active one, and a record says what is
     * left to rewrap. Refused with 404 when the project has no KEK, 409 on a concurrent rotation.
     */
    public RotationProgress startKekRotation(String service, String projectId) {
        Integer active = activeKekVersion(service, projectId);
        if (active == null) {
            throw new NotFoundException("The project has no KEK for service '" + service
                    + "': it gets one with its first secret.");
        }
        KeyEncryptionKeys.KekRotation kek = keks.rotate(service, projectId, active)
                .orElseThrow(() -> new ConflictException("The project's KEK was rotated by another request"
                        + " at the same time; its new version is in place."));
        long remaining = secretsBelow(service, projectId, kek.to());
        Rotation rotation = new Rotation(Rotation.KEK, service, projectId, kek.from(), kek.to(), remaining, now());
        em.persist(rotation);
        return new RotationProgress(rotation, remaining);
    }

    /**
     * The record of the rotation the sweep is about to work on, created when none exists (a version
     * the operator sealed before a restart, say) and running again when more was found to rewrap.
     */
    public RotationProgress begin(String kind, String service, String projectId, int to, long remaining) {
        Rotation rotation = latest(kind, service, projectId, to);
        if (rotation == null) {
            int from = Rotation.MASTER_KEY.equals(kind) ? lowestMasterKeyVersionBelow(service, to) : to - 1;
            rotation = new Rotation(kind, service, projectId, from, to, remaining, now());
            em.persist(rotation);
        } else if (remaining > 0 || !Rotation.DONE.equals(rotation.state())) {
            rotation.resume(remaining, now());
        }
        return new RotationProgress(rotation, remaining);
    }

    /**
     * After a sweep: every unfinished rotation of the target up to version {@code to} is done when
     * nothing is left under its older versions, or stalled when keys failed to rewrap.
     */
    public void finish(String kind, String service, String projectId, int to, long failed) {
        TypedQuery<Rotation> unfinished = em.createQuery("SELECT r FROM Rotation r WHERE r.kind = :kind"
                + " AND r.service = :service AND " + projectCondition(projectId)
                + " AND r.toVersion <= :to AND r.state <> :done", Rotation.class)
                .setParameter("kind", kind).setParameter("service", service).setParameter("to", to)
                .setParameter("done", Rotation.DONE);
        if (projectId != null) {
            unfinished.setParameter("project", projectId);
        }
        for (Rotation rotation : unfinished.getResultList()) {
            rotation.finish(remaining(rotation), failed, now());
        }
    }

    public RotationProgress find(String id) {
        Rotation rotation = em.find(Rotation.class, id);
        return rotation == null ? null : progress(rotation);
    }

    /** The most recent rotation of a service's master key (project null) or of a project's KEK. */
    public RotationProgress latest(String kind, String service, String projectId) {
        TypedQuery<Rotation> query = em.createQuery("SELECT r FROM Rotation r WHERE r.kind = :kind"
                        + " AND r.service = :service AND " + projectCondition(projectId)
                        + " ORDER BY r.started DESC, r.toVersion DESC", Rotation.class)
                .setParameter("kind", kind).setParameter("service", service).setMaxResults(1);
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        List<Rotation> found = query.getResultList();
        return found.isEmpty() ? null : progress(found.get(0));
    }

    /** Rotations, newest first, optionally only of one service, one project or in one state. */
    public List<RotationProgress> list(String service, String projectId, String state, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT r FROM Rotation r WHERE 1 = 1");
        if (service != null) {
            jpql.append(" AND r.service = :service");
        }
        if (projectId != null) {
            jpql.append(" AND r.projectId = :project");
        }
        if (state != null) {
            jpql.append(" AND r.state = :state");
        }
        TypedQuery<Rotation> query = em.createQuery(jpql.append(" ORDER BY r.started DESC, r.id").toString(),
                Rotation.class).setMaxResults(limit);
        if (service != null) {
            query.setParameter("service", service);
        }
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        if (state != null) {
            query.setParameter("state", state);
        }
        return query.getResultList().stream().map(this::progress).toList();
    }

    private RotationProgress progress(Rotation rotation) {
        return new RotationProgress(rotation, Rotation.DONE.equals(rotation.state()) ? 0 : remaining(rotation));
    }

    private long remaining(Rotation rotation) {
        return Rotation.MASTER_KEY.equals(rotation.kind())
                ? keksBelow(rotation.service(), rotation.toVersion())
                : secretsBelow(rotation.service(), rotation.projectId(), rotation.toVersion());
    }

    private Rotation latest(String kind, String service, String projectId, int to) {
        TypedQuery<Rotation> query = em.createQuery("SELECT r FROM Rotation r WHERE r.kind = :kind"
                        + " AND r.service = :service AND " + projectCondition(projectId)
                        + " AND r.toVersion = :to ORDER BY r.started DESC", Rotation.class)
                .setParameter("kind", kind).setParameter("service", service).setParameter("to", to)
                .setMaxResults(1);
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        List<Rotation> found = query.getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private int lowestMasterKeyVersionBelow(String service, int version) {
        Integer lowest = em.createQuery("""
                        SELECT MIN(k.masterKeyVersion) FROM ProjectKek k WHERE k.service = :service
                        AND k.masterKeyVersion < :version""", Integer.class)
                .setParameter("service", service).setParameter("version", version).getSingleResult();
        return lowest == null ? version - 1 : lowest;
    }

    private static String projectCondition(String projectId) {
        return projectId == null ? "r.projectId IS NULL" : "r.projectId = :project";
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
