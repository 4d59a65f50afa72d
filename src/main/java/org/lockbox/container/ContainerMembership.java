package org.lockbox.container;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.secret.SecretDeletionRequested;
import org.lockbox.secret.SecretRestored;

/**
 * Keeps containers' references in step with their secrets, in the transaction that changes the
 * secret: set aside when it is deleted (Barbican's clients see them gone), back when an admin
 * restores it. When it is destroyed, the set-aside places go with its row (the schema cascades).
 */
@Stateless
public class ContainerMembership {

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    public void setAside(@Observes SecretDeletionRequested deleted) {
        em.createNativeQuery("INSERT INTO deleted_container_member (secret_id, container_id, name)"
                + " SELECT secret_id, container_id, name FROM container_secret WHERE secret_id = ?")
                .setParameter(1, deleted.secretId()).executeUpdate();
        em.createNativeQuery("DELETE FROM container_secret WHERE secret_id = ?").setParameter(1, deleted.secretId())
                .executeUpdate();
    }

    public void restore(@Observes SecretRestored restored) {
        em.createNativeQuery("INSERT INTO container_secret (container_id, secret_id, name)"
                + " SELECT container_id, secret_id, name FROM deleted_container_member WHERE secret_id = ?")
                .setParameter(1, restored.secretId()).executeUpdate();
        em.createNativeQuery("DELETE FROM deleted_container_member WHERE secret_id = ?")
                .setParameter(1, restored.secretId()).executeUpdate();
    }
}
