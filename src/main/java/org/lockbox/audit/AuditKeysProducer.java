package org.lockbox.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.lockbox.rootoftrust.MasterKeys;

/** The server's audit keys, from the master keys it unsealed at startup (and versions provisioned since). */
@ApplicationScoped
public class AuditKeysProducer {

    @Inject
    MasterKeys masterKeys;

    @Produces
    @Singleton
    AuditKeys auditKeys() {
        return new AuditKeys(() -> masterKeys.current(AuditKeys.MASTER_KEY_SERVICE).version(),
                version -> masterKeys.version(AuditKeys.MASTER_KEY_SERVICE, version).key());
    }
}
