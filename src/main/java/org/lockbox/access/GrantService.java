package org.lockbox.access;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.policy.Action;
import org.lockbox.policy.Authorizer;
import org.lockbox.policy.Ceiling;
import org.lockbox.policy.KeyGrant;
import org.lockbox.policy.PolicyTable;
import org.lockbox.secret.Secret;
import org.lockbox.secret.SecretService;

/**
 * A project's grants: write-only grants letting a service create keys for the project without
 * reading any, read grants letting another service read the project's (or one) key, and per-key
 * delegations letting one user read one key while acting under a trust from the granting user.
 */
@Stateless
public class GrantService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    @Inject
    Authorizer authorizer;

    @Inject
    @ConfigProperty(name = "lockbox.services")
    List<String> services;

    /** A validated request for a grant. */
    public record NewGrant(String service, KeyGrant.Access access, String secretId, String grantee,
                           OffsetDateTime expiresAt) {
    }

    public Grant create(Caller caller, NewGrant spec) {
        if (!services.contains(spec.service()) || Caller.DEFAULT_SERVICE.equals(spec.service())) {
            throw new InvalidRequestException("'service' must be one of the services " + services.stream()
                    .filter(s -> !Caller.DEFAULT_SERVICE.equals(s)).toList() + ".");
        }
        LocalDateTime now = now();
        if (spec.expiresAt() != null && !utc(spec.expiresAt()).isAfter(now)) {
            throw new InvalidRequestException("'expires_at' is in the past.");
        }
        String trustor = null;
        if (spec.grantee() != null) {
            if (spec.access() != KeyGrant.Access.READ || spec.secretId() == null) {
                throw new InvalidRequestException("A grant to a 'grantee' lets that user read one key: it needs"
                        + " 'access' read and a 'secret_id'.");
            }
            requireDelegator(caller, spec.secretId());
            trustor = caller.userId();
        } else {
            authorizer.require(caller, Action.GRANT_PROJECT_CREATE);
            if (spec.access() == KeyGrant.Access.WRITE_ONLY && spec.secretId() != null) {
                throw new InvalidRequestException(
                        "A write-only grant is for the whole project: it takes no 'secret_id'.");
            }
            if (spec.access() == KeyGrant.Access.READ) {
                requireReadGrantor(caller, spec.secretId());
            }
        }
        Grant grant = new Grant(UUID.randomUUID().toString(), caller.projectId(), spec.service(), spec.access(),
                spec.secretId(), spec.grantee(), trustor, caller.userId(), caller.service(), now,
                spec.expiresAt() == null ? null : utc(spec.expiresAt()));
        em.persist(grant);
        return grant;
    }

    /**
     * Only the key's own user (its creator) or the project's admin, with their own token rather than
     * under a trust, may delegate reading a key, and only one they may read by right themselves: a
     * user key's own user alone, a key a service owns only speaking for that service.
     */
    private void requireDelegator(Caller caller, String secretId) {
        if (caller.trust() != null) {
            throw new AccessDeniedException("A delegation is made by the key's user with their own token, not"
                    + " under a trust.");
        }
        Secret secret = secrets.get(caller, secretId, Action.SECRET_READ_METADATA);
        if (!secret.creatorId().equals(caller.userId()) && !PolicyTable.includesAdmin(caller.roles())) {
            throw new AccessDeniedException("Only the key's user or the project's admin may delegate reading it.");
        }
        Ceiling.requirePassOn(caller, secret.accessFacts(), "delegate reading it");
    }

    /**
     * A read grant lets another service read what its maker may: one key the maker reads by right, or
     * every key of the project owned by the service the maker speaks for (so it is made with that
     * service's X-Service-Token).
     */
    private void requireReadGrantor(Caller caller, String secretId) {
        if (secretId != null) {
            Ceiling.requirePassOn(caller, secrets.get(caller, secretId).accessFacts(), "let another service read it");
        } else if (Caller.DEFAULT_SERVICE.equals(caller.service())) {
            throw new AccessDeniedException("A read grant on every key of the project passes on what the granting"
                    + " service owns: make it speaking for that service (X-Service-Token).");
        }
    }

    public Page<Grant> list(Caller caller, boolean everyProject, String secretId, int offset, int limit) {
        String where = (everyProject ? "1 = 1" : "g.projectId = :project")
                + (secretId == null ? "" : " AND g.secretId = :secret");
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(g) FROM Grant g WHERE " + where, Long.class);
        TypedQuery<Grant> select = em.createQuery("SELECT g FROM Grant g WHERE " + where
                + " ORDER BY g.created DESC, g.id", Grant.class);
        if (!everyProject) {
            count.setParameter("project", caller.projectId());
            select.setParameter("project", caller.projectId());
        }
        if (secretId != null) {
            count.setParameter("secret", secretId);
            select.setParameter("secret", secretId);
        }
        List<Grant> items = select.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, count.getSingleResult(), offset, limit);
    }

    public Grant get(Caller caller, String id) {
        Grant grant = em.find(Grant.class, id);
        if (grant == null) {
            throw new NotFoundException("Grant not found.");
        }
        if (!grant.projectId().equals(caller.projectId()) && !authorizer.allowsServiceWide(caller, Action.GRANT_LIST)) {
            throw AccessDeniedException.concealed("Grant not found.", "the grant belongs to another project");
        }
        return grant;
    }

    /** Withdraws a grant: the project's admin any, another user only those they made. */
    public void delete(Caller caller, String id) {
        Grant grant = em.find(Grant.class, id);
        if (grant == null) {
            throw new NotFoundException("Grant not found.");
        }
        if (!grant.projectId().equals(caller.projectId())) {
            throw AccessDeniedException.concealed("Grant not found.", "the grant belongs to another project");
        }
        if (!grant.createdBy().equals(caller.userId()) && !PolicyTable.includesAdmin(caller.roles())) {
            throw new AccessDeniedException("Only the project's admin or the grant's maker may withdraw it.");
        }
        em.remove(grant);
    }

    private static LocalDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
