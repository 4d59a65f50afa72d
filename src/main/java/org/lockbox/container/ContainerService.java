package org.lockbox.container;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.api.ApiException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;

/** Creates, finds, lists and deletes containers within the caller's project. */
@Stateless
public class ContainerService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    public SecretContainer create(Caller caller, String name, String type, List<SecretContainer.SecretRef> refs) {
        SecretContainer container = new SecretContainer(UUID.randomUUID().toString(), caller.projectId(), name,
                type, caller.userId(), refs, LocalDateTime.now(ZoneOffset.UTC));
        em.persist(container);
        return container;
    }

    public SecretContainer get(Caller caller, String id) {
        SecretContainer container = em.find(SecretContainer.class, id);
        if (container == null || !container.projectId().equals(caller.projectId())) {
            throw ApiException.notFound("Container not found.");
        }
        return container;
    }

    public Page<SecretContainer> list(Caller caller, int offset, int limit) {
        long total = em.createQuery("SELECT COUNT(c) FROM SecretContainer c WHERE c.projectId = :p", Long.class)
                .setParameter("p", caller.projectId()).getSingleResult();
        List<SecretContainer> items = em.createQuery(
                        "SELECT c FROM SecretContainer c WHERE c.projectId = :p ORDER BY c.created, c.id",
                        SecretContainer.class)
                .setParameter("p", caller.projectId())
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    public void delete(Caller caller, String id) {
        em.remove(get(caller, id));
    }
}
