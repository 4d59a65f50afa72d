package org.lockbox.secret;

import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.policy.Action;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;

/**
 * The services registered as users of a secret (Barbican's secret consumers, API 1.1). Whoever may
 * see a secret sees its consumers; registering or removing one needs the right to change the secret.
 */
@Stateless
public class SecretConsumerService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    @EJB
    QuotaService quotas;

    public Page<SecretConsumer> list(Caller caller, String secretId, int offset, int limit) {
        Secret secret = secrets.get(caller, secretId);
        long total = em.createQuery("SELECT COUNT(c) FROM SecretConsumer c WHERE c.secret = :s", Long.class)
                .setParameter("s", secret).getSingleResult();
        List<SecretConsumer> items = em.createQuery(
                        "SELECT c FROM SecretConsumer c WHERE c.secret = :s ORDER BY c.created, c.id",
                        SecretConsumer.class)
                .setParameter("s", secret).setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    /** Registers a consumer and returns the secret; registering the same one again only refreshes it. */
    public Secret add(Caller caller, String secretId, String service, String resourceType, String resourceId) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_CONSUMER_CREATE);
        var existing = secret.consumer(service, resourceType, resourceId);
        if (existing.isPresent()) {
            existing.get().touch(SecretService.now());
            return secret;
        }
        quotas.enforce(caller.projectId(), Quota.CONSUMERS, () -> em.createQuery(
                        "SELECT COUNT(c) FROM SecretConsumer c WHERE c.projectId = :p", Long.class)
                .setParameter("p", caller.projectId()).getSingleResult());
        SecretConsumer consumer = new SecretConsumer(UUID.randomUUID().toString(), secret, service, resourceType,
                resourceId, SecretService.now());
        em.persist(consumer);
        secret.register(consumer);
        return secret;
    }

    /** Removes a consumer and returns the secret. */
    public Secret remove(Caller caller, String secretId, String service, String resourceType, String resourceId) {
        Secret secret = secrets.get(caller, secretId, Action.SECRET_CONSUMER_DELETE);
        SecretConsumer consumer = secret.consumer(service, resourceType, resourceId)
                .orElseThrow(() -> new NotFoundException("Consumer not found."));
        secret.unregister(consumer);
        em.remove(consumer);
        return secret;
    }
}
