package org.lockbox.store;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Registers Lockbox's secret store once the schema is up to date, as Barbican syncs its
 * configured stores into its database at startup. Replicas starting together may race to
 * insert it; the loser finds it there.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecretStoreRegistration {

    private static final Logger LOG = Logger.getLogger(SecretStoreRegistration.class.getName());

    @EJB
    SecretStoreService stores;

    @PostConstruct
    void register() {
        try {
            if (stores.registerLockboxStore()) {
                LOG.info("Registered the secret store " + SecretStoreService.LOCKBOX_STORE_NAME);
            }
        } catch (RuntimeException raced) {
            if (stores.all().isEmpty()) {
                throw raced;
            }
        }
    }
}
