package org.lockbox.secret;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.audit.RequestAudit;
import org.lockbox.crypto.MaterialVault;
import org.lockbox.crypto.UnwrapFailedException;
import org.lockbox.crypto.XorShares;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.policy.AccessTarget;
import org.lockbox.policy.Action;
import org.lockbox.policy.KeyAccess;

/**
 * The key reads, metadata and payload, and the layered checks every use of a key passes. A read
 * needs no transaction: it takes the secret and its ACL from {@link SecretReadCache} when an entry
 * is young enough, else from the database, and checks grants (never cached), scope, ownership, dual
 * lock and ACL on every request. {@link SecretService} uses the same checks on keys it reads afresh.
 */
@ApplicationScoped
public class SecretReads {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @Inject
    SecretReadCache cache;

    @Inject
    GrantLookup grants;

    @Inject
    MaterialVault vault;

    @Inject
    RequestAudit requestAudit;

    /** A key the caller may perform the read on, from the read cache when it is fresh enough. */
    public Secret readable(Caller caller, String id, Action action) {
        SecretReadCache.Entry entry = entry(id);
        check(caller, entry.secret(), action, entry.acl());
        return entry.secret();
    }

    /** A key's material for the caller, unwrapped; a cached row that no longer unwraps is read again. */
    public Payload payload(Caller caller, String id) {
        Optional<SecretReadCache.Entry> cached = cache.fresh(id).filter(e -> visible(e.secret()));
        SecretReadCache.Entry entry = cached.orElseGet(() -> load(id));
        check(caller, entry.secret(), Action.SECRET_READ_PAYLOAD, entry.acl());
        Secret secret = entry.secret();
        if (!secret.hasPayload()) {
            throw new NotFoundException("Secret payload not found: the secret has no payload yet.");
        }
        try {
            return new Payload(secret.contentType(), material(secret));
        } catch (RuntimeException e) {
            if (cached.isEmpty()) {
                throw e;
            }
            // e.g. rewrapped under a new KEK on another replica since it was cached, the old KEK retired
            cache.changed(id);
            return payload(caller, id);
        }
    }

    private SecretReadCache.Entry entry(String id) {
        return cache.fresh(id).filter(e -> visible(e.secret())).orElseGet(() -> load(id));
    }

    private SecretReadCache.Entry load(String id) {
        long mark = cache.mark();
        long readAt = cache.clock.getAsLong();
        Secret secret = em.find(Secret.class, id);
        if (secret == null) {
            throw new NotFoundException("Secret not found.");
        }
        AccessTarget acl = target(em, secret);
        cache.keep(secret, acl, mark, readAt);
        if (!visible(secret)) {
            throw new NotFoundException("Secret not found.");
        }
        return new SecretReadCache.Entry(secret, acl, readAt);
    }

    /** Whether the secret exists for its callers: neither expired nor pending deletion. */
    static boolean visible(Secret secret) {
        return !secret.expiredAt(LocalDateTime.now(ZoneOffset.UTC)) && !secret.pendingDeletion();
    }

    /** What the read ACL (or the default one) lets, for the layered checks. */
    static AccessTarget target(EntityManager em, Secret secret) {
        return ReadAcl.target(em.find(ReadAcl.class, ReadAcl.key(AclTarget.SECRET, secret.id())), "Secret",
                secret.projectId(), secret.creatorId());
    }

    /**
     * The layered checks of {@link KeyAccess} for the action (the ACL, when given, with them); grants
     * are read from the database when they matter, so a revoked grant takes effect at once.
     */
    void check(Caller caller, Secret secret, Action action, AccessTarget acl) {
        requestAudit.keyProject(secret.projectId());
        boolean grantsMatter = caller.trust() != null || !Caller.DEFAULT_SERVICE.equals(secret.service())
                && !secret.service().equals(caller.service());
        KeyAccess.check(caller, secret.accessFacts(), action,
                grantsMatter ? grants.readGrantsFor(secret.projectId(), secret.id()) : List.of(), acl,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** A key's material in clear: unwrapped, and for a dual-locked key both shares unwrapped and combined. */
    byte[] material(Secret secret) {
        byte[] material = vault.unwrap(secret.id(), secret.projectId(), secret.service(), secret.wrapped());
        return secret.dualLock() ? combineShares(secret, material) : material;
    }

    /** A dual-locked key's material from the service's share (already unwrapped) and the tenant's. */
    private byte[] combineShares(Secret secret, byte[] serviceShare) {
        MaterialVault.Wrapped stored = secret.wrappedTenantShare();
        if (stored == null) {
            Arrays.fill(serviceShare, (byte) 0);
            throw new UnwrapFailedException("The tenant's share of a dual-locked key is missing");
        }
        byte[] tenantShare = vault.unwrapTenantShare(secret.id(), secret.projectId(), stored);
        try {
            return XorShares.combine(serviceShare, tenantShare);
        } finally {
            Arrays.fill(serviceShare, (byte) 0);
            Arrays.fill(tenantShare, (byte) 0);
        }
    }
}
