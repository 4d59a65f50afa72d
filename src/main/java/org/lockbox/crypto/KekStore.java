package org.lockbox.crypto;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads and inserts wrapped project KEKs; a first KEK is inserted in its own transaction. */
@Stateless
public class KekStore {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    public ProjectKek find(String service, String projectId, int version) {
        return em.find(ProjectKek.class, new ProjectKek.Key(service, projectId, version));
    }

    public ProjectKek latest(String service, String projectId) {
        List<ProjectKek> keks = em.createQuery("""
                        SELECT k FROM ProjectKek k WHERE k.service = :service AND k.projectId = :project
                        AND k.status = 'ACTIVE' ORDER BY k.version DESC""", ProjectKek.class)
                .setParameter("service", service)
                .setParameter("project", projectId)
                .setMaxResults(1)
                .getResultList();
        return keks.isEmpty() ? null : keks.get(0);
    }

    /** The project's KEK versions for a service, oldest first. */
    public List<ProjectKek> all(String service, String projectId) {
        return em.createQuery("""
                        SELECT k FROM ProjectKek k WHERE k.service = :service AND k.projectId = :project
                        ORDER BY k.version""", ProjectKek.class)
                .setParameter("service", service)
                .setParameter("project", projectId)
                .getResultList();
    }

    /**
     * Makes {@code next} the project's active KEK in place of {@code previous}, in the caller's
     * transaction. False, with nothing written, when {@code previous} is no longer the active one
     * (a concurrent rotation got there first).
     */
    public boolean supersede(int previous, ProjectKek next) {
        int updated = em.createQuery("""
                        UPDATE ProjectKek k SET k.status = :retiring WHERE k.service = :service
                        AND k.projectId = :project AND k.version = :previous AND k.status = :active""")
                .setParameter("retiring", ProjectKek.RETIRING)
                .setParameter("service", next.service())
                .setParameter("project", next.projectId())
                .setParameter("previous", previous)
                .setParameter("active", ProjectKek.ACTIVE)
                .executeUpdate();
        if (updated != 1) {
            return false;
        }
        em.persist(next);
        em.flush();
        return true;
    }

    /** Inserts and commits at once, so that a concurrent creator's insert fails on the primary key. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void insert(ProjectKek kek) {
        em.persist(kek);
        em.flush();
    }
}
