package org.lockbox.secret;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Action;
import org.lockbox.policy.KeyAccess;
import org.lockbox.policy.ScopePolicy;

/**
 * Keeps the caller's project's key groups: a key belongs to at most one group, and a group with
 * members cannot be deleted (keys pending deletion do not count, and leave the group with it). Clones
 * join their source's group on their own; putting a key in a group or taking it out needs the right to
 * change the key, and a group lists only the members the scope table shows the caller.
 */
@Stateless
public class KeyGroupService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    /** A group and its members, oldest first. */
    public record Members(KeyGroup group, List<Secret> secrets) {
        public Members {
            secrets = List.copyOf(secrets);
        }
    }

    /** A group with how many keys it holds, for listings. */
    public record Summary(KeyGroup group, long size) {
    }

    public KeyGroup create(Caller caller, String name, List<String> secretIds) {
        KeyGroup group = new KeyGroup(UUID.randomUUID().toString(), caller.projectId(), name, caller.userId(),
                SecretService.now());
        em.persist(group);
        for (String secretId : secretIds) {
            join(caller, group, secretId);
        }
        return group;
    }

    public Members get(Caller caller, String groupId) {
        KeyGroup group = find(caller, groupId);
        return new Members(group, em.createQuery("SELECT s FROM Secret s WHERE s.groupId = :g ORDER BY s.created, s.id",
                Secret.class).setParameter("g", group.id()).getResultList().stream()
                .filter(s -> !s.expiredAt(SecretService.now()) && !s.pendingDeletion())
                .filter(s -> visibleTo(caller, s)).toList());
    }

    public Page<Summary> list(Caller caller, int offset, int limit) {
        long total = em.createQuery("SELECT COUNT(g) FROM KeyGroup g WHERE g.projectId = :p", Long.class)
                .setParameter("p", caller.projectId()).getSingleResult();
        List<Summary> items = em.createQuery("SELECT g FROM KeyGroup g WHERE g.projectId = :p ORDER BY g.created, g.id",
                        KeyGroup.class).setParameter("p", caller.projectId())
                .setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(g -> new Summary(g, size(g))).toList();
        return new Page<>(items, total, offset, limit);
    }

    public KeyGroup addSecret(Caller caller, String groupId, String secretId) {
        KeyGroup group = find(caller, groupId);
        join(caller, group, secretId);
        return group;
    }

    public void removeSecret(Caller caller, String groupId, String secretId) {
        KeyGroup group = find(caller, groupId);
        Secret secret = secrets.get(caller, secretId, Action.GROUP_MANAGE);
        if (!group.id().equals(secret.groupId())) {
            throw new NotFoundException("The secret is not in this group.");
        }
        LocalDateTime now = SecretService.now();
        secret.joinGroup(null, now);
        group.touch(now);
    }

    public void delete(Caller caller, String groupId) {
        KeyGroup group = find(caller, groupId);
        long size = size(group);
        if (size > 0) {
            throw new ConflictException("The group still holds " + size + " key(s): remove them first.");
        }
        em.createQuery("UPDATE Secret s SET s.groupId = NULL WHERE s.groupId = :g").setParameter("g", group.id())
                .executeUpdate();
        em.remove(group);
    }

    private void join(Caller caller, KeyGroup group, String secretId) {
        Secret secret = secrets.get(caller, secretId, Action.GROUP_MANAGE);
        if (!secret.projectId().equals(group.projectId())) {
            throw new AccessDeniedException("A key joins a group of its own project only.");
        }
        if (group.id().equals(secret.groupId())) {
            return;
        }
        if (secret.groupId() != null) {
            throw new ConflictException("Secret " + secretId + " already belongs to another group: remove it from"
                    + " that group first.");
        }
        LocalDateTime now = SecretService.now();
        secret.joinGroup(group.id(), now);
        group.touch(now);
    }

    /** A member another user keeps to themselves (a user key) is listed only to whom the scope table shows it. */
    private static boolean visibleTo(Caller caller, Secret secret) {
        KeyAccess.Key key = secret.accessFacts();
        return ScopePolicy.visible(key.scope(), KeyAccess.relation(caller, key), caller.roles());
    }

    private long size(KeyGroup group) {
        return em.createQuery("SELECT COUNT(s) FROM Secret s WHERE s.groupId = :g AND s.status <> :pending", Long.class)
                .setParameter("g", group.id()).setParameter("pending", Secret.PENDING_DELETION).getSingleResult();
    }

    private KeyGroup find(Caller caller, String groupId) {
        KeyGroup group = em.find(KeyGroup.class, groupId);
        if (group == null) {
            throw new NotFoundException("Key group not found.");
        }
        if (!group.projectId().equals(caller.projectId())) {
            throw AccessDeniedException.concealed("Key group not found.", "the key group belongs to another project");
        }
        return group;
    }
}
