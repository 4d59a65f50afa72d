package org.lockbox.access;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.lockbox.identity.Trust;
import org.lockbox.persistence.Page;

/** Records the trusts valid tokens act under, and lists them. */
@Stateless
public class TrustRegistry {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    /** Records a trust in force (or its latest use), in its own transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(Trust trust, String projectId) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        LocalDateTime expiry = trust.expiresAt() == null ? null
                : trust.expiresAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        SeenTrust seen = em.find(SeenTrust.class, trust.id());
        if (seen == null) {
            em.persist(new SeenTrust(trust.id(), trust.trustorId(), trust.trusteeId(), projectId,
                    trust.impersonation(), expiry, now));
        } else {
            seen.used(now, expiry);
        }
        em.flush();
    }

    public Page<SeenTrust> list(String projectId, int offset, int limit) {
        String where = projectId == null ? "" : " WHERE t.projectId = :project";
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(t) FROM SeenTrust t" + where, Long.class);
        TypedQuery<SeenTrust> select = em.createQuery("SELECT t FROM SeenTrust t" + where
                + " ORDER BY t.lastUsed DESC, t.id", SeenTrust.class);
        if (projectId != null) {
            count.setParameter("project", projectId);
            select.setParameter("project", projectId);
        }
        List<SeenTrust> items = select.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page<>(items, count.getSingleResult(), offset, limit);
    }
}
