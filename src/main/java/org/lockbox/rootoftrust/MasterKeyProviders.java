package org.lockbox.rootoftrust;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the master-key provider named by configuration; it never guesses or falls back. */
@ApplicationScoped
public class MasterKeyProviders {

    static final String DEVELOPMENT_PASSPHRASE = "lockbox-development-only";
    private static final Logger LOG = Logger.getLogger(MasterKeyProviders.class.getName());

    @Inject
    @ConfigProperty(name = "lockbox.master-key.provider", defaultValue = "software")
    String providerName;

    @Inject
    @ConfigProperty(name = "lockbox.sealed.dir")
    String sealedDir;

    @Inject
    @ConfigProperty(name = "lockbox.sealer.passphrase", defaultValue = DEVELOPMENT_PASSPHRASE)
    String passphrase;

    @Inject
    SecureRandom random;

    @Produces
    @Singleton
    MasterKeyProvider provider() {
        if ("software".equals(providerName)) {
            LOG.warning("""
                    
                    ************************************************************************
                    * LOCKBOX IS USING THE SOFTWARE MASTER-KEY SEALER.                      *
                    * Master keys are NOT protected by a TPM: anyone who can read           *
                    * %s
                    * and knows the sealer passphrase can unwrap every key.                *
                    * Use it for development only.                                         *
                    ************************************************************************"""
                    .formatted(sealedDir));
            if (DEVELOPMENT_PASSPHRASE.equals(passphrase)) {
                LOG.warning("The software sealer uses the built-in development passphrase"
                        + " (set LOCKBOX_SEALER_PASSPHRASE to change it).");
            }
            return new SoftwareSealer(Path.of(sealedDir), passphrase.toCharArray(), random);
        }
        return new UnavailableProvider(providerName);
    }

    /** Stands in for a provider that cannot be built, so that startup fails closed with the reason. */
    record UnavailableProvider(String name) implements MasterKeyProvider {

        @Override
        public java.util.List<Integer> versions(String service) throws SealingException {
            throw new SealingException("Unknown master-key provider '" + name
                    + "' (LOCKBOX_MASTER_KEY_PROVIDER); supported: software");
        }

        @Override
        public javax.crypto.SecretKey unseal(String service, int version) throws SealingException {
            throw new SealingException("Unknown master-key provider '" + name + "'");
        }

        @Override
        public int provision(String service) throws SealingException {
            throw new SealingException("Unknown master-key provider '" + name + "'");
        }
    }
}
