package org.lockbox.rotation;

import java.util.List;
import java.util.logging.Logger;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.crypto.KeyEncryptionKeys;
import org.lockbox.crypto.MaterialVault;
import org.lockbox.crypto.ProjectKek;
import org.lockbox.crypto.UnwrapFailedException;
import org.lockbox.rootoftrust.MasterKey;
import org.lockbox.rootoftrust.MasterKeysUnavailableException;

/**
 * The background sweep's database work: finds what is wrapped under an older version, and
 * rewraps one KEK or one secret per short transaction, so that the sweep never holds more than one
 * row locked (a scan that counts the rows meanwhile cannot deadlock with it, even at repeatable
 * read). Every update is conditional on the version it read, so concurrent requests, a sweep on
 * another replica and a sweep resumed after a crash never lose or double-apply a rewrap.
 */
@Stateless
public class Rewrapper {

    private static final Logger LOG = Logger.getLogger(Rewrapper.class.getName());

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    MaterialVault vault;

    /** One version of one project's KEK. */
    public record KekRef(String service, String projectId, int version) {
    }

    /** A project's KEKs for one service. */
    public record ProjectRef(String service, String projectId) {
    }

    /** What became of one key. */
    public enum Outcome {
        /** Rewrapped under the newer version. */
        REWRAPPED,
        /** Nothing to do any more: another sweep rewrapped it, or it was deleted. */
        UNCHANGED,
        /** It failed its integrity check and stays as it is; the reason is logged. */
        FAILED
    }

    /** Up to {@code limit} KEKs of a service under a master-key version older than {@code version}, in key order after {@code after}. */
    public List<KekRef> keksBelow(String service, int version, KekRef after, int limit) {
        return em.createQuery("""
                        SELECT k.projectId, k.version FROM ProjectKek k WHERE k.service = :service
                        AND k.masterKeyVersion < :version
                        AND (k.projectId > :project OR (k.projectId = :project AND k.version > :kekVersion))
                        ORDER BY k.projectId, k.version""", Object[].class)
                .setParameter("service", service)
                .setParameter("version", version)
                .setParameter("project", after == null ? "" : after.projectId())
                .setParameter("kekVersion", after == null ? 0 : after.version())
                .setMaxResults(limit)
                .getResultList().stream()
                .map(row -> new KekRef(service, (String) row[0], ((Number) row[1]).intValue()))
                .toList();
    }

    /** Rewraps one KEK under {@code target}, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome rewrapKek(KekRef kek, MasterKey target) {
        List<Object[]> rows = em.createQuery("""
                        SELECT k.masterKeyVersion, k.wrappedKey FROM ProjectKek k WHERE k.service = :service
                        AND k.projectId = :project AND k.version = :version""", Object[].class)
                .setParameter("service", kek.service())
                .setParameter("project", kek.projectId())
                .setParameter("version", kek.version())
                .getResultList();
        if (rows.isEmpty() || ((Number) rows.get(0)[0]).intValue() >= target.version()) {
            return Outcome.UNCHANGED;
        }
        int from = ((Number) rows.get(0)[0]).intValue();
        byte[] rewrapped;
        try {
            rewrapped = keks.rewrapUnderMasterKey(kek.service(), kek.projectId(), kek.version(), from,
                    (byte[]) rows.get(0)[1], target);
        } catch (UnwrapFailedException | MasterKeysUnavailableException e) {
            LOG.warning("KEK version " + kek.version() + " of project " + kek.projectId() + " (service '"
                    + kek.service() + "') stays under its master-key version " + from + ": " + e.getMessage());
            return Outcome.FAILED;
        }
        int updated = em.createQuery("""
                        UPDATE ProjectKek k SET k.wrappedKey = :wrapped, k.masterKeyVersion = :to
                        WHERE k.service = :service AND k.projectId = :project AND k.version = :version
                        AND k.masterKeyVersion = :from""")
                .setParameter("wrapped", rewrapped)
                .setParameter("to", target.version())
                .setParameter("service", kek.service())
                .setParameter("project", kek.projectId())
                .setParameter("version", kek.version())
                .setParameter("from", from)
                .executeUpdate();
        return updated == 1 ? Outcome.REWRAPPED : Outcome.UNCHANGED;
    }

    /**
     * Projects with a superseded KEK that is still being retired or that some secret still refers
     * to (written by a replica that had not yet seen the rotation): their secrets are to be rewrapped.
     */
    public List<ProjectRef> projectsWithSupersededKeks() {
        return em.createQuery("""
                        SELECT DISTINCT k.service, k.projectId FROM ProjectKek k WHERE k.status <> :active
                        AND (k.status = :retiring OR EXISTS (SELECT s.id FROM Secret s WHERE s.service = k.service
                        AND s.projectId = k.projectId AND s.kekVersion = k.version))""", Object[].class)
                .setParameter("active", ProjectKek.ACTIVE)
                .setParameter("retiring", ProjectKek.RETIRING)
                .getResultList().stream()
                .map(row -> new ProjectRef((String) row[0], (String) row[1]))
                .toList();
    }

    /** Up to {@code limit} ids of the project's secrets under a KEK version older than {@code to}, in order after {@code afterId}. */
    public List<String> secretsBelow(ProjectRef project, int to, String afterId, int limit) {
        return em.createQuery("""
                        SELECT s.id FROM Secret s WHERE s.service = :service AND s.projectId = :project
                        AND s.kekVersion < :to AND s.id > :after ORDER BY s.id""", String.class)
                .setParameter("service", project.service())
                .setParameter("project", project.projectId())
                .setParameter("to", to)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Rewraps one secret's material under KEK version {@code to} of its project, in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome rewrapSecret(ProjectRef project, String id, int to) {
        List<Object[]> rows = em.createQuery("""
                        SELECT s.kekVersion, s.wrappedMaterial FROM Secret s WHERE s.id = :id
                        AND s.service = :service AND s.projectId = :project""", Object[].class)
                .setParameter("id", id)
                .setParameter("service", project.service())
                .setParameter("project", project.projectId())
                .getResultList();
        if (rows.isEmpty() || rows.get(0)[0] == null || ((Number) rows.get(0)[0]).intValue() >= to) {
            return Outcome.UNCHANGED;
        }
        int from = ((Number) rows.get(0)[0]).intValue();
        byte[] rewrapped;
        try {
            rewrapped = vault.rewrap(id, project.projectId(), project.service(),
                    new MaterialVault.Wrapped(from, (byte[]) rows.get(0)[1]), to);
        } catch (UnwrapFailedException | MasterKeysUnavailableException e) {
            LOG.warning("Secret " + id + " of project " + project.projectId() + " (service '" + project.service()
                    + "') stays under KEK version " + from + ": " + e.getMessage());
            return Outcome.FAILED;
        }
        int updated = em.createQuery("""
                        UPDATE Secret s SET s.wrappedMaterial = :wrapped, s.kekVersion = :to
                        WHERE s.id = :id AND s.kekVersion = :from""")
                .setParameter("wrapped", rewrapped)
                .setParameter("to", to)
                .setParameter("id", id)
                .setParameter("from", from)
                .executeUpdate();
        return updated == 1 ? Outcome.REWRAPPED : Outcome.UNCHANGED;
    }

    /** Marks RETIRED the project's superseded KEKs that no secret refers to any more; returns how many. */
    public int retireUnusedKeks(ProjectRef project) {
        return em.createNativeQuery("""
                        UPDATE project_kek SET status = ? WHERE service = ? AND project_id = ? AND status = ?
                        AND NOT EXISTS (SELECT 1 FROM secret s WHERE s.service = project_kek.service
                        AND s.project_id = project_kek.project_id AND s.kek_version = project_kek.kek_version)""")
                .setParameter(1, ProjectKek.RETIRED)
                .setParameter(2, project.service())
                .setParameter(3, project.projectId())
                .setParameter(4, ProjectKek.RETIRING)
                .executeUpdate();
    }
}
