package org.lockbox.access;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.secret.SecretDestroyed;

/** Drops a destroyed secret's grants in the transaction that destroys it. */
@Stateless
public class GrantCleanup {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    public void drop(@Observes SecretDestroyed destroyed) {
        em.createNativeQuery("DELETE FROM access_grant WHERE secret_id = ?").setParameter(1, destroyed.secretId())
                .executeUpdate();
    }
}
