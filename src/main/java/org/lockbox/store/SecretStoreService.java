package org.lockbox.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.lockbox.error.NotFoundException;
import org.lockbox.identity.Caller;

/**
 * Lockbox's secret stores. There is one: every secret is wrapped by its project's KEK under the
 * service's master key and kept in the database. It is the global default, and a project may
 * name it as its preferred store, as Barbican's multiple-back-end API lets it.
 */
@Stateless
public class SecretStoreService {

    /** Lockbox's store, with the same id in every deployment. */
    public static final String LOCKBOX_STORE_ID = UUID.nameUUIDFromBytes(
            "lockbox:store_crypto:lockbox_aes_256_gcm".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    static final String LOCKBOX_STORE_NAME = "Lockbox wrapped store";
    static final String STORE_PLUGIN = "store_crypto";
    static final String CRYPTO_PLUGIN = "lockbox_aes_256_gcm";

    @PersistenceContext(unitName = "lockbox")
    EntityManager em;

    public List<SecretStore> all() {
        return em.createQuery("SELECT s FROM SecretStore s ORDER BY s.created, s.id", SecretStore.class)
                .getResultList();
    }

    public SecretStore get(String id) {
        SecretStore store = em.find(SecretStore.class, id);
        if (store == null) {
            throw new NotFoundException("Not Found. Secret store not found.");
        }
        return store;
    }

    public SecretStore globalDefault() {
        return em.createQuery("SELECT s FROM SecretStore s WHERE s.globalDefault = TRUE", SecretStore.class)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No global default secret store is registered"));
    }

    public SecretStore preferred(Caller caller) {
        ProjectSecretStore preference = em.find(ProjectSecretStore.class, caller.projectId());
        if (preference == null) {
            throw new NotFoundException("Not Found. No preferred secret store defined for this project.");
        }
        return preference.store();
    }

    public void prefer(Caller caller, String storeId) {
        SecretStore store = get(storeId);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        ProjectSecretStore preference = em.find(ProjectSecretStore.class, caller.projectId());
        if (preference == null) {
            em.persist(new ProjectSecretStore(caller.projectId(), store, now));
        } else {
            preference.prefer(store, now);
        }
    }

    /** Removes the project's preference, whichever store it names (as Barbican does). */
    public void removePreference(Caller caller, String storeId) {
        get(storeId);
        ProjectSecretStore preference = em.find(ProjectSecretStore.class, caller.projectId());
        if (preference == null) {
            throw new NotFoundException("Not Found. No preferred secret store defined for this project.");
        }
        em.remove(preference);
    }

    /** Registers Lockbox's store unless it is already there; true when this call inserted it. */
    public boolean registerLockboxStore() {
        if (em.find(SecretStore.class, LOCKBOX_STORE_ID) != null) {
            return false;
        }
        em.persist(new SecretStore(LOCKBOX_STORE_ID, LOCKBOX_STORE_NAME, STORE_PLUGIN, CRYPTO_PLUGIN, true,
                LocalDateTime.now(ZoneOffset.UTC)));
        em.flush();
        return true;
    }
}
