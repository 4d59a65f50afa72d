package org.lockbox.rootoftrust.provider;

import java.nio.file.Path;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lockbox.rootoftrust.MasterKeyProvider;
import org.lockbox.rootoftrust.SealingException;
import org.lockbox.rootoftrust.SoftwareSealer;
import org.lockbox.rootoftrust.UnsafeSettingsException;
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

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "lockbox.profile", defaultValue = "development")
    String profile;

    /** Looks settings up by name; configuration in the server, a map in unit tests. */
    Function<String, Optional<String>> settings;

    @Produces
    @Singleton
    MasterKeyProvider provider() {
        List<UnsafeSetting> unsafe = ProductionSafety.evaluate(this::setting);
        if (!unsafe.isEmpty()) {
            // Refused before any sealer is built: the TPM is not even opened.
            return new UnavailableProvider(providerName, ProductionSafety.refusal(unsafe), true);
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
                    .formatted(sealedDir));
            if (DEVELOPMENT_PASSPHRASE.equals(passphrase)) {
                LOG.warning("The software sealer uses the built-in development passphrase"
                        + " (set LOCKBOX_SEALER_PASSPHRASE to change it).");
            }
            return new SoftwareSealer(Path.of(sealedDir), passphrase.toCharArray(), random);
        }
        if (providerName.startsWith("tpm-")) {
            try {
                TpmSettings tpm = TpmSettings.from(providerName, this::setting);
                LOG.info(() -> "Master keys are sealed by the " + tpm);
                return new TpmSealer(tpm, random);
            } catch (IllegalArgumentException e) {
                return new UnavailableProvider(providerName, "Bad TPM configuration: " + e.getMessage(), false);
            }
        }
        return new UnavailableProvider(providerName, "Unknown master-key provider '" + providerName
                + "' (LOCKBOX_MASTER_KEY_PROVIDER); supported: tpm-device, tpm-tcp, software (development only)", false);
    }

    /**
     * The provider the server would build, for tools that run beside it without CDI (such as the
     * audit check): the same settings, read through {@code config} (names as in
     * microprofile-config.properties, e.g. lockbox.master-key.provider).
     */
    public static MasterKeyProvider fromSettings(Function<String, Optional<String>> config) {
        String name = config.apply("lockbox.master-key.provider").orElse("software");
        if ("software".equals(name)) {
            Path dir = config.apply("lockbox.sealed.dir").map(Path::of)
                    .or(() -> config.apply("lockbox.data.dir").map(d -> Path.of(d, "sealed")))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Set LOCKBOX_DATA_DIR (or LOCKBOX_SEALED_DIR) to the server's data directory"));
            return new SoftwareSealer(dir, config.apply("lockbox.sealer.passphrase").orElse(DEVELOPMENT_PASSPHRASE)
                    .toCharArray(), new SecureRandom());
        }
        if (name.startsWith("tpm-")) {
            return new TpmSealer(TpmSettings.from(name, config), new SecureRandom());
        }
        throw new IllegalArgumentException("Unknown master-key provider '" + name
                + "' (LOCKBOX_MASTER_KEY_PROVIDER); supported: tpm-device, tpm-tcp, software (development only)");
    }

    private Optional<String> setting(String name) {
        return switch (name) {
            case ProductionSafety.PROFILE -> Optional.of(profile);
            case ProductionSafety.PROVIDER -> Optional.of(providerName);
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
