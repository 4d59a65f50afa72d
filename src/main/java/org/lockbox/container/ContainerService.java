package org.lockbox.container;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.audit.RequestAudit;
import org.lockbox.error.ConflictException;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.AccessTarget;
import org.lockbox.policy.Action;
import org.lockbox.policy.Authorizer;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;
import org.lockbox.secret.SecretService;

/**
 * Creates, finds, lists, changes and deletes containers within the caller's project, and keeps
 * their consumers. Every secret a container refers to must exist in the caller's project.
 */
@Stateless
public class ContainerService {

    public static final String GENERIC = "generic";

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    @EJB
    QuotaService quotas;

    @Inject
    Authorizer authorizer;

    @Inject
    RequestAudit requestAudit;

    public SecretContainer create(Caller caller, String name, String type, List<SecretContainer.SecretRef> refs) {
        quotas.enforce(caller.projectId(), Quota.CONTAINERS, () -> count("SecretContainer", caller.projectId()));
        for (SecretContainer.SecretRef ref : refs) {
            if (!secrets.exists(caller, ref.secretId())) {
                throw new NotFoundException("Secret provided for '" + ref.name() + "' doesn't exist.");
            }
        }
        SecretContainer container = new SecretContainer(UUID.randomUUID().toString(), caller.projectId(), name,
                type, caller.userId(), refs, now());
        em.persist(container);
        return container;
    }

    /** A container of the caller's project, whatever its ACL: for what ACLs do not govern (members, consumers). */
    public SecretContainer get(Caller caller, String id) {
        SecretContainer container = find(id);
        requestAudit.keyProject(container.projectId());
        if (!container.projectId().equals(caller.projectId())) {
            throw AccessDeniedException.concealed("Secrets container not found.",
                    "the container belongs to another project");
        }
        return container;
    }

    /** A container the caller may perform the action on, by its project, roles and read ACL. */
    public SecretContainer accessible(Caller caller, String id, Action action) {
        SecretContainer container = find(id);
        AccessTarget target = ReadAcl.target(em.find(ReadAcl.class, ReadAcl.key(AclTarget.CONTAINER, id)),
                "Secrets container", container.projectId(), container.creatorId());
        requestAudit.keyProject(container.projectId());
        authorizer.requireOn(caller, action, target);
        return container;
    }

    private SecretContainer find(String id) {
        SecretContainer container = em.find(SecretContainer.class, id);
        if (container == null) {
            throw new NotFoundException("Secrets container not found.");
        }
        return container;
    }

    /** The project's containers, oldest first, optionally only those of one name and type. */
    public Page<SecretContainer> list(Caller caller, String name, String type, int offset, int limit) {
        String where = " WHERE c.projectId = :p" + (name == null ? "" : " AND c.name = :name")
                + (type == null ? "" : " AND c.type = :type");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM SecretContainer c" + where, Long.class);
        TypedQuery<SecretContainer> select = em.createQuery(
                "SELECT c FROM SecretContainer c" + where + " ORDER BY c.created, c.id", SecretContainer.class);
        for (TypedQuery<?> query : List.of(count, select)) {
            query.setParameter("p", caller.projectId());
            if (name != null) {
                query.setParameter("name", name);
            }
            if (type != null) {
                query.setParameter("type", type);
            }
        }
        long total = count.getSingleResult();
        List<SecretContainer> items = select.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    public void delete(Caller caller, String id) {
        SecretContainer container = accessible(caller, id, Action.CONTAINER_DELETE);
        Optional.ofNullable(em.find(ReadAcl.class, ReadAcl.key(AclTarget.CONTAINER, id))).ifPresent(em::remove);
        em.createQuery("DELETE FROM ContainerConsumer c WHERE c.container = :c").setParameter("c", container)
                .executeUpdate();
        em.remove(container);
    }

    /** Adds a secret to a generic container; the same secret may appear again only under another name. */
    public SecretContainer addSecret(Caller caller, String containerId, SecretContainer.SecretRef ref) {
        SecretContainer container = get(caller, containerId);
        requireGeneric(container);
        if (!secrets.exists(caller, ref.secretId())) {
            throw new NotFoundException("Secret provided doesn't exist.");
        }
        if (container.contains(ref.secretId(), ref.name())) {
            throw new ConflictException("Conflict. A secret with that name and ID is already stored in this"
                    + " container. The same secret can exist in a container as long as the name is unique.");
        }
        container.add(ref, now());
        return container;
    }

    /** Removes a secret, under exactly the given name (none when null), from a generic container. */
    public void removeSecret(Caller caller, String containerId, SecretContainer.SecretRef ref) {
        SecretContainer container = get(caller, containerId);
        requireGeneric(container);
        if (!secrets.exists(caller, ref.secretId())) {
            throw new NotFoundException("Secret '" + ref.name() + "' doesn't exist.");
        }
        if (!container.remove(ref.secretId(), ref.name(), now())) {
            throw new NotFoundException("Secret provided is not in the container.");
        }
    }

    public Page<ContainerConsumer> consumers(Caller caller, String containerId, int offset, int limit) {
        SecretContainer container = get(caller, containerId);
        long total = em.createQuery("SELECT COUNT(c) FROM ContainerConsumer c WHERE c.container = :c", Long.class)
                .setParameter("c", container).getSingleResult();
        List<ContainerConsumer> items = em.createQuery(
                        "SELECT c FROM ContainerConsumer c WHERE c.container = :c ORDER BY c.created, c.id",
                        ContainerConsumer.class)
                .setParameter("c", container).setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    /** Registers a consumer; registering the same name and URL again only refreshes it, as in Barbican. */
    public SecretContainer addConsumer(Caller caller, String containerId, String name, String url) {
        SecretContainer container = get(caller, containerId);
        var existing = container.consumer(name, url);
        if (existing.isPresent()) {
            existing.get().touch(now());
            return container;
        }
        quotas.enforce(caller.projectId(), Quota.CONSUMERS, () -> count("ContainerConsumer", caller.projectId()));
        ContainerConsumer consumer = new ContainerConsumer(UUID.randomUUID().toString(), container, name, url, now());
        em.persist(consumer);
        container.register(consumer);
        return container;
    }

    public SecretContainer removeConsumer(Caller caller, String containerId, String name, String url) {
        SecretContainer container = get(caller, containerId);
        ContainerConsumer consumer = container.consumer(name, url)
                .orElseThrow(() -> new NotFoundException("Consumer not found."));
        container.unregister(consumer);
        em.remove(consumer);
        return container;
    }

    private static void requireGeneric(SecretContainer container) {
        if (!GENERIC.equals(container.type())) {
            throw new InvalidRequestException("Only 'generic' containers can be modified.");
        }
    }

    private long count(String entity, String projectId) {
        return em.createQuery("SELECT COUNT(e) FROM " + entity + " e WHERE e.projectId = :p", Long.class)
                .setParameter("p", projectId).getSingleResult();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
