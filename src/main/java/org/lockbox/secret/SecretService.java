package org.lockbox.secret;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CommonAbstractCriteria;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.audit.RequestAudit;
import org.lockbox.crypto.MaterialVault;
import org.lockbox.crypto.XorShares;
import org.lockbox.error.ConflictException;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.error.TooLargeException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Action;
import org.lockbox.policy.KeyAccess;
import org.lockbox.policy.Scope;
import org.lockbox.policy.ScopePolicy;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;

/**
 * Stores, finds and deletes secrets. Every use of a key passes the layered checks of
 * {@link KeyAccess} (delegation and Barbican's read ACL, scope, ownership by service, dual lock); a
 * key of another project that neither its scope nor its ACL opens, or one that has expired or is
 * pending deletion, does not exist as far as the caller can tell.
 */
@Stateless
public class SecretService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    MaterialVault vault;

    @EJB
    QuotaService quotas;

    @Inject
    GrantLookup grants;

    @Inject
    SecretReads reads;

    @Inject
    Event<SecretDeletionRequested> deletionRequested;

    @Inject
    SecureRandom random;

    @Inject
    @ConfigProperty(name = "lockbox.max-secret-bytes")
    int maxSecretBytes;

    @Inject
    RequestAudit requestAudit;

    @Inject
    @ConfigProperties
    DeletionConfig deletion;

    public Secret create(Caller caller, NewSecret spec) {
        return create(caller, spec, AccessTerms.BARBICAN);
    }

    /**
     * Stores a key on Lockbox's access terms: its scope, dual lock, and the project it is for (another
     * project only under that project's write-only grant to the caller's service).
     */
    public Secret create(Caller caller, NewSecret spec, AccessTerms terms) {
        LocalDateTime now = now();
        if (spec.expiration() != null && !spec.expiration().withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime().isAfter(now)) {
            throw new InvalidRequestException("'expiration' is in the past");
        }
        String project = ownerProject(caller, terms);
        requestAudit.keyProject(project);
        checkTerms(caller, terms);
        enforceSecretsQuota(project);
        Secret secret = new Secret(UUID.randomUUID().toString(), project, caller.service(),
                caller.userId(), project.equals(caller.projectId()) ? caller.projectDomainId() : null, spec, terms, now);
        if (spec.payload() != null) {
            store(secret, spec.contentType(), spec.payload(), now);
        }
        em.persist(secret);
        return secret;
    }

    /** The project a new key belongs to: the caller's, or another whose write-only grant lets the caller's service. */
    private String ownerProject(Caller caller, AccessTerms terms) {
        if (terms.forProject() == null || terms.forProject().equals(caller.projectId())) {
            return caller.projectId();
        }
        if (!grants.letsCreate(caller, terms.forProject())) {
            throw new AccessDeniedException("No write-only grant of that project lets the '" + caller.service()
                    + "' service create keys there.");
        }
        return terms.forProject();
    }

    /** Scopes wider than the project need the scope table's consent; a dual lock needs both parts present. */
    private static void checkTerms(Caller caller, AccessTerms terms) {
        boolean forOtherProject = terms.forProject() != null && !terms.forProject().equals(caller.projectId());
        if (forOtherProject && (terms.scope() == Scope.USER || terms.scope() == Scope.DOMAIN || terms.dualLock())) {
            throw new InvalidRequestException("A key created under a write-only grant is project- or entity-scoped and"
                    + " not dual-locked.");
        }
        if (terms.scope() == Scope.DOMAIN) {
            if (!ScopePolicy.mayCreate(Scope.DOMAIN, caller.roles())) {
                throw new AccessDeniedException("Only the project's admin may create a domain-scoped key.");
            }
            if (caller.projectDomainId() == null) {
                throw new InvalidRequestException("The token does not say its project's domain, so a domain-scoped key"
                        + " cannot be created with it.");
            }
        }
        if (terms.dualLock() && (Caller.DEFAULT_SERVICE.equals(caller.service())
                || !KeyAccess.carriesBothParts(caller, caller.service()))) {
            throw new InvalidRequestException("A dual-locked key is created by a request carrying both the tenant's"
                    + " token (or a trust from the tenant) and the service's X-Service-Token.");
        }
    }

    /**
     * A key the caller may see, for what read ACLs do not govern (user metadata, consumers): the
     * layered checks without the ACL.
     */
    public Secret get(Caller caller, String id) {
        Secret secret = find(id);
        reads.check(caller, secret, Action.SECRET_READ_METADATA, null);
        return secret;
    }

    /** A key the caller may perform the action on (the same as {@link #accessible}). */
    public Secret get(Caller caller, String id, Action action) {
        return accessible(caller, id, action);
    }

    /**
     * A key, once the layered checks with its read ACL allow the caller the action on it. An unknown
     * or expired key is not found; one the caller may not know of is refused as not found; one it
     * may see but not use this way is refused (403).
     */
    public Secret accessible(Caller caller, String id, Action action) {
        Secret secret = find(id);
        reads.check(caller, secret, action, SecretReads.target(em, secret));
        return secret;
    }

    /** Whether the caller's project holds this (unexpired) secret. */
    public boolean exists(Caller caller, String id) {
        Secret secret = em.find(Secret.class, id);
        return secret != null && secret.projectId().equals(caller.projectId()) && !secret.expiredAt(now())
                && !secret.pendingDeletion();
    }

    /**
     * Uploads the payload of a secret stored without one. The upload is read only once the caller's access
     * is settled, so that a refusal never depends on what was sent.
     */
    public void putPayload(Caller caller, String id, Supplier<Payload> upload) {
        Secret secret = accessible(caller, id, Action.SECRET_UPDATE);
        if (secret.hasPayload()) {
            throw new ConflictException("Secret already has data, cannot modify it.");
        }
        Payload payload = upload.get();
        store(secret, payload.contentType(), payload.bytes(), now());
    }

    /**
     * Deletes a secret as the caller sees it: its consumers and its places in containers go at once,
     * and the secret becomes pending deletion (see {@link #requestDeletion}). A secret that services
     * have registered as in use is kept (409) unless the caller forces the deletion.
     */
    public void delete(Caller caller, String id, boolean force) {
        Secret secret = accessible(caller, id, Action.SECRET_DELETE);
        refuseIfCloned(secret, force);
        if (!force && !secret.consumers().isEmpty()) {
            throw new ConflictException("Secret has consumers: remove them first (DELETE .../consumers) or delete"
                    + " with force=true.");
        }
        em.createQuery("DELETE FROM SecretConsumer c WHERE c.secret = :s").setParameter("s", secret).executeUpdate();
        requestDeletion(caller, secret);
    }

    /**
     * Hides the secret and records the request with the id of its audit event; DeletionSweep destroys
     * it after the grace period. Its places in containers are set aside (Barbican's clients see them
     * gone) and come back if an admin restores it.
     */
    private void requestDeletion(Caller caller, Secret secret) {
        LocalDateTime now = now();
        deletionRequested.fire(new SecretDeletionRequested(secret.id()));
        secret.markPendingDeletion(now);
        em.persist(new SecretDeletion(secret, caller.userId(), now, now.plus(deletion.grace), requestAudit.eventId()));
    }

    /** What the secrets quota counts: the project's secrets, except those pending deletion. */
    public long countTowardsQuota(String projectId) {
        return em.createQuery("SELECT COUNT(s) FROM Secret s WHERE s.projectId = :p AND s.status <> :pending",
                        Long.class)
                .setParameter("p", projectId).setParameter("pending", Secret.PENDING_DELETION).getSingleResult();
    }

    /**
     * A new secret with the same material as one the caller may read, in the source's project,
     * service and key group (a group is made for the source on its first clone). The material is
     * unwrapped and wrapped anew under the clone's own binding; it never leaves the server. The clone
     * keeps the source's scope, owner service, dual lock and read ACL, so it is never readable by
     * anyone the source is not (the scope table is the ceiling).
     */
    public Secret clone(Caller caller, String sourceId, String name) {
        Secret source = accessible(caller, sourceId, Action.SECRET_CLONE);
        if (!source.hasPayload()) {
            throw new ConflictException("The secret has no payload yet: there is nothing to clone.");
        }
        enforceSecretsQuota(source.projectId());
        LocalDateTime now = now();
        if (source.groupId() == null) {
            KeyGroup group = new KeyGroup(UUID.randomUUID().toString(), source.projectId(), source.name(),
                    caller.userId(), now);
            em.persist(group);
            source.joinGroup(group.id(), now);
        }
        Secret clone = source.cloneAs(UUID.randomUUID().toString(), caller.userId(), name, now);
        byte[] material = reads.material(source);
        try {
            store(clone, source.contentType(), material, now);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
        em.persist(clone);
        ReadAcl acl = em.find(ReadAcl.class, ReadAcl.key(AclTarget.SECRET, source.id()));
        if (acl != null) {
            em.persist(acl.copyFor(clone.id(), now));
        }
        return clone;
    }

    public Page<Secret> list(Caller caller, SecretQuery query) {
        return list(caller, query, null);
    }

    /** The keys the caller may see in its project (or by ACL), optionally only those protecting one entity. */
    public Page<Secret> list(Caller caller, SecretQuery query, String entityId) {
        CriteriaBuilder cb = em.getCriteriaBuilder();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Secret> countRoot = count.from(Secret.class);
        count.select(cb.count(countRoot)).where(filters(cb, count, countRoot, caller, query, entityId));
        long total = em.createQuery(count).getSingleResult();

        CriteriaQuery<Secret> select = cb.createQuery(Secret.class);
        Root<Secret> root = select.from(Secret.class);
        List<Order> orders = new ArrayList<>();
        for (SecretQuery.Sort sort : query.sorts()) {
            Expression<?> field = root.get(SecretQuery.attribute(sort.field()));
            orders.add(sort.ascending() ? cb.asc(field) : cb.desc(field));
        }
        orders.add(cb.asc(root.get("id")));
        select.select(root).where(filters(cb, select, root, caller, query, entityId)).orderBy(orders);
        List<Secret> items = em.createQuery(select)
                .setFirstResult(query.offset())
                .setMaxResults(query.limit())
                .getResultList();
        return new Page<>(items, total, query.offset(), query.limit());
    }

    private Predicate[] filters(CriteriaBuilder cb, CommonAbstractCriteria criteria, Root<Secret> root, Caller caller,
                                SecretQuery query, String entityId) {
        List<Predicate> where = new ArrayList<>();
        if (query.aclOnly()) {
            Subquery<String> listed = criteria.subquery(String.class);
            Root<ReadAcl> acl = listed.from(ReadAcl.class);
            Join<ReadAcl, String> user = acl.join("users");
            listed.select(acl.get("resourceId")).where(cb.equal(acl.get("resourceKind"), AclTarget.SECRET.column()),
                    cb.equal(user, caller.userId()));
            where.add(root.get("id").in(listed));
        } else {
            where.add(cb.equal(root.get("projectId"), caller.projectId()));
            where.addAll(visibility(cb, root, caller));
        }
        if (entityId != null) {
            where.add(cb.equal(root.get("entityId"), entityId));
        }
        where.add(cb.notEqual(root.get("status"), Secret.PENDING_DELETION));
        where.add(cb.or(cb.isNull(root.get("expiration")), cb.greaterThan(root.get("expiration"), now())));
        if (query.name() != null) {
            where.add(cb.equal(root.get("name"), query.name()));
        }
        if (query.algorithm() != null) {
            where.add(cb.equal(cb.lower(root.get("algorithm")), query.algorithm().toLowerCase()));
        }
        if (query.mode() != null) {
            where.add(cb.equal(cb.lower(root.get("mode")), query.mode().toLowerCase()));
        }
        if (query.bits() != null) {
            where.add(cb.equal(root.get("bitLength"), query.bits()));
        }
        if (query.type() != null) {
            where.add(cb.equal(root.get("secretType"), query.type().wireName()));
        }
        for (SecretQuery.DateFilter filter : query.dateFilters()) {
            Expression<LocalDateTime> field = root.get(SecretQuery.attribute(filter.field()));
            where.add(switch (filter.comparison()) {
                case EQ -> cb.equal(field, filter.value());
                case GT -> cb.greaterThan(field, filter.value());
                case GTE -> cb.greaterThanOrEqualTo(field, filter.value());
                case LT -> cb.lessThan(field, filter.value());
                case LTE -> cb.lessThanOrEqualTo(field, filter.value());
            });
        }
        return where.toArray(Predicate[]::new);
    }

    /** Other users' keys of a scope the caller may not see are not listed. */
    private static List<Predicate> visibility(CriteriaBuilder cb, Root<Secret> root, Caller caller) {
        List<String> hidden = ScopePolicy.hiddenFromOtherUsers(caller.roles()).stream().map(Scope::wireName).toList();
        return hidden.isEmpty() ? List.of()
                : List.of(cb.or(cb.not(root.get("scope").in(hidden)), cb.equal(root.get("creatorId"), caller.userId())));
    }

    private void enforceSecretsQuota(String projectId) {
        quotas.enforce(projectId, Quota.SECRETS, () -> countTowardsQuota(projectId));
    }

    /** A secret that others were cloned from stays while they exist, unless the deletion is forced. */
    private void refuseIfCloned(Secret secret, boolean force) {
        long clones = em.createQuery("SELECT COUNT(s) FROM Secret s WHERE s.clonedFrom = :id AND s.status <> :pending",
                        Long.class)
                .setParameter("id", secret.id()).setParameter("pending", Secret.PENDING_DELETION).getSingleResult();
        if (clones > 0 && !force) {
            throw new ConflictException("Secret is referenced by " + clones + " clone(s) (snapshots or images made"
                    + " from it): delete them first or delete with force=true.");
        }
    }

    private Secret find(String id) {
        Secret secret = em.find(Secret.class, id);
        if (secret == null || !SecretReads.visible(secret)) {
            throw new NotFoundException("Secret not found.");
        }
        return secret;
    }

    private void store(Secret secret, String normalisedContentType, byte[] material, LocalDateTime now) {
        if (material.length == 0) {
            throw new InvalidRequestException("The payload is empty.");
        }
        if (material.length > maxSecretBytes) {
            throw new TooLargeException("Could not add secret data as it was too large: the limit is "
                    + maxSecretBytes + " bytes.");
        }
        if (!secret.dualLock()) {
            secret.storeMaterial(normalisedContentType,
                    vault.wrap(secret.id(), secret.projectId(), secret.service(), material), now);
            return;
        }
        XorShares shares = XorShares.split(material, random);
        try {
            secret.storeShares(normalisedContentType,
                    vault.wrap(secret.id(), secret.projectId(), secret.service(), shares.first()),
                    vault.wrapTenantShare(secret.id(), secret.projectId(), shares.second()), now);
        } finally {
            shares.clear();
        }
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
