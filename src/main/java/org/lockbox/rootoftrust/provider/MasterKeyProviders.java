package org.lockbox.rootoftrust.provider;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.lockbox.config.ConfigLookup;
import org.lockbox.rootoftrust.MasterKeyConfig;
import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.SoftwareSealer;
import org.lockbox.rootoftrust.UnsafeSettingsException;
import org.lockbox.rootoftrust.enrollment.JoiningProvider;
import org.lockbox.rootoftrust.enrollment.ReplicaConfig;
import org.lockbox.rootoftrust.tpm.TpmConfig;
import org.lockbox.rootoftrust.tpm.TpmSealer;
import org.lockbox.rootoftrust.tpm.TpmSettings;

/**
 * Chooses the master-key provider named by configuration (tpm-device, tpm-tcp, or software for
 * development); it never guesses and never falls back to another.
 */
@ApplicationScoped
public class MasterKeyProviders {

    static final String DEVELOPMENT_PASSPHRASE = "lockbox-development-only";
    private static final Logger LOG = Logger.getLogger(MasterKeyProviders.class.getName());

    @Inject
    @ConfigProperties
    MasterKeyConfig masterKeys;

    @Inject
    @ConfigProperties
    TpmConfig tpm;

    @Inject
    @ConfigProperties
    ReplicaConfig replicas;

    @Inject
    SecureRandom random;

    /** Every other setting the production profile checks, by name. */
    @Inject
    Config config;

    /** Looks settings up by name; configuration in the server, a map in unit tests. */
    Function<String, Optional<String>> settings;

    @Produces
    @Singleton
    MasterKeyProvider provider() {
        String providerName = masterKeys.provider();
        List<UnsafeSetting> unsafe = ProductionSafety.evaluate(this::setting);
        if (!unsafe.isEmpty()) {
            // Refused before any sealer is built: the TPM is not even opened.
            return new UnavailableProvider(providerName, ProductionSafety.refusal(unsafe), true);
        }
        if (replicas.join() && !providerName.startsWith("tpm-")) {
            return new UnavailableProvider(providerName, "lockbox.replica.join=true needs a TPM provider (tpm-device or"
                    + " tpm-tcp): master keys reach a joining replica only TPM to TPM", false);
        }
        if ("software".equals(providerName)) {
            LOG.warning("""
                    
                    ************************************************************************
                    * LOCKBOX IS USING THE SOFTWARE MASTER-KEY SEALER.                      *
                    * Master keys are NOT protected by a TPM: anyone who can read           *
                    * %s
                    * and knows the sealer passphrase can unwrap every key.                *
                    * Use it for development only.                                         *
                    ************************************************************************"""
                    .formatted(masterKeys.sealedDir()));
            if (DEVELOPMENT_PASSPHRASE.equals(masterKeys.passphrase())) {
                LOG.warning("The software sealer uses the built-in development passphrase"
                        + " (set LOCKBOX_SEALER_PASSPHRASE to change it).");
            }
            return softwareSealer(masterKeys, random);
        }
        if (providerName.startsWith("tpm-")) {
            try {
                TpmSettings tpmSettings = TpmSettings.from(providerName, tpm);
                LOG.info(() -> "Master keys are sealed by the " + tpmSettings);
                TpmSealer sealer = new TpmSealer(tpmSettings, random);
                return replicas.join() ? new JoiningProvider(sealer, replicas.pollInterval()) : sealer;
            } catch (IllegalArgumentException e) {
                return new UnavailableProvider(providerName, "Bad TPM configuration: " + e.getMessage(), false);
            }
        }
        return new UnavailableProvider(providerName, unknownProvider(providerName), false);
    }

    /**
     * The provider the server would build, for tools that run beside it without CDI (such as the
     * audit check): the same settings, looked up by their names in microprofile-config.properties
     * (e.g. lockbox.master-key.provider), whose defaults apply where {@code settings} has none.
     */
    public static MasterKeyProvider fromSettings(Function<String, Optional<String>> settings) {
        ConfigLookup config = ConfigLookup.over(settings);
        MasterKeyConfig masterKeys = config.bind(MasterKeyConfig.class);
        String name = masterKeys.provider();
        if ("software".equals(name)) {
            return softwareSealer(masterKeys, new SecureRandom());
        }
        if (name.startsWith("tpm-")) {
            return new TpmSealer(TpmSettings.from(name, config.bind(TpmConfig.class)), new SecureRandom());
        }
        throw new IllegalArgumentException(unknownProvider(name));
    }

    private static String unknownProvider(String name) {
        return "Unknown master-key provider '" + name
                + "' (LOCKBOX_MASTER_KEY_PROVIDER); supported: tpm-device, tpm-tcp, software (development only)";
    }

    private static SoftwareSealer softwareSealer(MasterKeyConfig masterKeys, SecureRandom random) {
        return new SoftwareSealer(masterKeys.sealedDir(), masterKeys.passphrase().toCharArray(), random);
    }

    private Optional<String> setting(String name) {
        return switch (name) {
            case ProductionSafety.PROFILE -> Optional.of(masterKeys.profile());
            case ProductionSafety.PROVIDER -> Optional.of(masterKeys.provider());
            default -> settings != null ? settings.apply(name) : config.getOptionalValue(name, String.class);
        };
    }

    /**
     * Stands in for a provider that cannot be built, or that the profile refuses, so that startup
     * fails closed with the reason.
     */
    record UnavailableProvider(String name, String reason, boolean refusedByProfile) implements MasterKeyProvider {

        @Override
        public List<Integer> versions(String service) throws SealingException {
            throw failure();
        }

        @Override
        public SecretKey unseal(String service, int version) throws SealingException {
            throw failure();
        }

        @Override
        public int provision(String service) throws SealingException {
            throw failure();
        }

        private SealingException failure() {
            return refusedByProfile ? new UnsafeSettingsException(reason) : new SealingException(reason);
        }
    }
}
