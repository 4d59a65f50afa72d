package org.lockbox.secret;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.lockbox.acl.AclTarget;
import org.lockbox.acl.ReadAcl;
import org.lockbox.audit.AuditEvent;
import org.lockbox.audit.AuditTrail;
import org.lockbox.audit.EventFields;
import org.lockbox.error.ConflictException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.AccessDeniedException;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;

/**
 * Secrets pending deletion: listed for admins, restored within the grace period, destroyed after
 * it. A secret is destroyed only when the audit trail holds the granted DELETE request its
 * deletion row names; otherwise it is kept and the log says why.
 */
@Stateless
public class SecretDeletions {

    /** The action the audit trail records for a DELETE of a secret (resource and method name). */
    public static final String REQUEST_ACTION = "secrets.delete";
    public static final String DESTROY_ACTION = "secrets.destroy";
    private static final String NOT_PENDING = "No secret pending deletion with this id.";

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    QuotaService quotas;

    @EJB
    SecretService secrets;

    @EJB
    AuditTrail trail;

    @Inject
    Event<SecretRestored> restored;

    @Inject
    Event<SecretDestroyed> destroyed;

    /** What became of one due deletion. */
    public record Outcome(boolean destroyed, String keptBecause) {
    }

    /** Pending deletions, newest request first: of one project, or of every project when projectId is null. */
    public Page<PendingDeletion> list(String projectId, int offset, int limit) {
        String where = projectId == null ? "" : " AND d.projectId = :p";
        var count = em.createQuery("SELECT COUNT(d) FROM SecretDeletion d, Secret s WHERE s.id = d.secretId" + where,
                Long.class);
        var select = em.createQuery("SELECT d, s FROM SecretDeletion d, Secret s WHERE s.id = d.secretId" + where
                + " ORDER BY d.requestedAt DESC, d.secretId", Object[].class);
        if (projectId != null) {
            count.setParameter("p", projectId);
            select.setParameter("p", projectId);
        }
        List<PendingDeletion> items = select.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(row -> view((SecretDeletion) row[0], (Secret) row[1])).toList();
        return new Page<>(items, count.getSingleResult(), offset, limit);
    }

    /**
     * Brings a pending secret back, with its places in containers that still exist. Refused when
     * the project's secrets quota has filled up meanwhile (a pending secret does not count).
     */
    public Secret restore(Caller caller, String secretId, boolean anyProject) {
        SecretDeletion deletion = em.find(SecretDeletion.class, secretId, LockModeType.PESSIMISTIC_WRITE);
        if (deletion == null) {
            throw new NotFoundException(NOT_PENDING);
        }
        if (!anyProject && !deletion.projectId().equals(caller.projectId())) {
            throw AccessDeniedException.concealed(NOT_PENDING, "the secret pending deletion belongs to another project");
        }
        Secret secret = em.find(Secret.class, secretId);
        int limit = quotas.effective(secret.projectId()).get(Quota.SECRETS);
        if (limit >= 0 && secrets.countTowardsQuota(secret.projectId()) >= limit) {
            throw new ConflictException("The secret cannot be restored: its project's secrets quota (" + limit
                    + ") is full.");
        }
        restored.fire(new SecretRestored(secretId));
        em.remove(deletion);
        secret.restore(now());
        return secret;
    }

    /** The ids of secrets whose grace period is over, oldest first. */
    public List<String> due(int max) {
        return em.createQuery("SELECT d.secretId FROM SecretDeletion d WHERE d.destroyAfter <= :now"
                        + " ORDER BY d.destroyAfter, d.secretId", String.class)
                .setParameter("now", now()).setMaxResults(max).getResultList();
    }

    /**
     * Destroys one due secret in a transaction of its own: wipes its wrapped material, deletes its row
     * and records the destruction, naming the request event, in the same transaction. The deletion row
     * is locked first, so a replica running the same sweep, or an admin restoring, waits and then
     * finds nothing to do.
     */
    public Outcome destroy(String secretId) {
        SecretDeletion deletion = em.find(SecretDeletion.class, secretId, LockModeType.PESSIMISTIC_WRITE);
        if (deletion == null || deletion.destroyAfter().isAfter(now())) {
            return new Outcome(false, null);
        }
        Optional<AuditEvent> request = trail.find(deletion.requestEventId());
        String problem = requestProblem(deletion, request);
        if (problem != null) {
            return new Outcome(false, problem);
        }
        Secret secret = em.find(Secret.class, secretId);
        secret.wipeMaterial();
        em.flush();
        destroyed.fire(new SecretDestroyed(secretId));
        Optional.ofNullable(em.find(ReadAcl.class, ReadAcl.key(AclTarget.SECRET, secretId))).ifPresent(em::remove);
        em.remove(deletion);
        em.remove(secret);
        em.flush();
        AuditEvent event = request.orElseThrow();
        trail.recordWithin(AuditTrail.systemEvent(DESTROY_ACTION, secret.service(), secret.projectId(), secretId,
                EventFields.ALLOWED, "destroyed after its grace period; deletion requested by audit event "
                        + event.id() + " (request " + event.requestId() + ", user " + event.userId() + ", at "
                        + event.time() + ")"));
        return new Outcome(true, null);
    }

    /** Why the recorded request does not justify destroying the secret, or null when it does. */
    static String requestProblem(SecretDeletion deletion, Optional<AuditEvent> request) {
        if (request.isEmpty()) {
            return "its deletion request (audit event " + deletion.requestEventId() + ") is not in the audit trail";
        }
        AuditEvent event = request.get();
        if (!REQUEST_ACTION.equals(event.action()) || !deletion.secretId().equals(event.keyId())
                || !EventFields.ALLOWED.equals(event.outcome()) || !deletion.projectId().equals(event.projectId())) {
            return "audit event " + event.id() + " does not record a granted deletion of this secret (it records "
                    + event.action() + " of " + event.keyId() + ", " + event.outcome() + ")";
        }
        return null;
    }

    private static PendingDeletion view(SecretDeletion d, Secret s) {
        return new PendingDeletion(d.secretId(), d.projectId(), s.service(), s.name(),
                d.requestedAt().atOffset(ZoneOffset.UTC), d.requestedBy(), d.destroyAfter().atOffset(ZoneOffset.UTC),
                d.requestEventId());
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
