package org.lockbox.secret;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
