package org.lockbox.order;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.container.ContainerService;
import org.lockbox.container.SecretContainer;
import org.lockbox.crypto.KeyMaterialGenerator;
import org.lockbox.error.InvalidRequestException;
import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;
import org.lockbox.persistence.Page;
import org.lockbox.quota.Quota;
import org.lockbox.quota.QuotaService;
import org.lockbox.secret.NewSecret;
import org.lockbox.secret.PayloadContentType;
import org.lockbox.secret.SecretService;
import org.lockbox.secret.SecretType;

/**
 * Fulfils orders at once: generates the key (or key pair) from the DRBG, stores it wrapped, and
 * records the order as ACTIVE with a reference to what it produced, all in one transaction.
 */
@Stateless
public class OrderService {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    @EJB
    SecretService secrets;

    @EJB
    ContainerService containers;

    @Inject
    KeyMaterialGenerator generator;

    @EJB
    QuotaService quotas;

    public KeyOrder place(Caller caller, OrderSpec spec) {
        quotas.enforce(caller.projectId(), Quota.ORDERS, () -> em.createQuery(
                        "SELECT COUNT(o) FROM KeyOrder o WHERE o.projectId = :p", Long.class)
                .setParameter("p", caller.projectId()).getSingleResult());
        String secretId = null;
        String containerId = null;
        if (OrderSpec.KEY.equals(spec.type())) {
            byte[] key = generator.symmetric(spec.bitLength());
            try {
                secretId = secrets.create(caller, new NewSecret(spec.name(), SecretType.SYMMETRIC,
                        spec.algorithm(), spec.bitLength(), spec.mode(), spec.expiration(),
                        PayloadContentType.OCTET_STREAM, key)).id();
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } else if (OrderSpec.ASYMMETRIC.equals(spec.type())) {
            KeyMaterialGenerator.PemKeyPair pair = generator.rsa(spec.bitLength());
            String privateId = secrets.create(caller, new NewSecret(spec.name(), SecretType.PRIVATE,
                    spec.algorithm(), spec.bitLength(), null, spec.expiration(),
                    PayloadContentType.OCTET_STREAM, pair.privateKeyPem())).id();
            String publicId = secrets.create(caller, new NewSecret(spec.name(), SecretType.PUBLIC,
                    spec.algorithm(), spec.bitLength(), null, spec.expiration(),
                    PayloadContentType.OCTET_STREAM, pair.publicKeyPem())).id();
            Arrays.fill(pair.privateKeyPem(), (byte) 0);
            containerId = containers.create(caller, spec.name(), "rsa", List.of(
                    new SecretContainer.SecretRef("private_key", privateId),
                    new SecretContainer.SecretRef("public_key", publicId))).id();
        } else {
            throw new InvalidRequestException("Unsupported order type '" + spec.type() + "'");
        }
        KeyOrder order = new KeyOrder(UUID.randomUUID().toString(), caller.projectId(), spec.type(),
                spec.metaJson(), caller.userId(), secretId, containerId, LocalDateTime.now(ZoneOffset.UTC));
        em.persist(order);
        return order;
    }

    public KeyOrder get(Caller caller, String id) {
        KeyOrder order = em.find(KeyOrder.class, id);
        if (order == null || !order.projectId().equals(caller.projectId())) {
            throw new NotFoundException("Order not found.");
        }
        return order;
    }

    public Page<KeyOrder> list(Caller caller, int offset, int limit) {
        long total = em.createQuery("SELECT COUNT(o) FROM KeyOrder o WHERE o.projectId = :p", Long.class)
                .setParameter("p", caller.projectId()).getSingleResult();
        List<KeyOrder> items = em.createQuery(
                        "SELECT o FROM KeyOrder o WHERE o.projectId = :p ORDER BY o.created, o.id", KeyOrder.class)
                .setParameter("p", caller.projectId())
                .setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, total, offset, limit);
    }

    public void delete(Caller caller, String id) {
        em.remove(get(caller, id));
    }

    /** Deletes finished (ACTIVE or ERROR) orders last changed before the cutoff; returns how many. */
    public int deleteFinishedBefore(LocalDateTime cutoff) {
        return em.createQuery("DELETE FROM KeyOrder o WHERE o.status IN ('ACTIVE', 'ERROR') AND o.updated < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate();
    }
}
