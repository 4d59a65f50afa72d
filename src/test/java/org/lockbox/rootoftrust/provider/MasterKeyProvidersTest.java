package org.lockbox.rootoftrust.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** The provider is what configuration names, never a guess or a fallback. */
class MasterKeyProvidersTest {

    @TempDir
    Path sealed;

    private MasterKeyProvider provider(String name, String profile) {
        return provider(name, profile, Map.of());
    }

    private MasterKeyProvider provider(String name, String profile, Map<String, String> settings) {
        MasterKeyProviders providers = new MasterKeyProviders();
        providers.random = new SecureRandom();
        Map<String, String> given = new HashMap<>(settings);
        given.put("lockbox.master-key.provider", name);
        given.put("lockbox.profile", profile);
        given.put("lockbox.sealed.dir", sealed.toString());
        given.put("lockbox.sealer.passphrase", "a passphrase");
        given.put("lockbox.tpm.blob-dir", sealed.toString());
        ConfigLookup config = ConfigLookup.of(given);
        providers.masterKeys = config.bind(MasterKeyConfig.class);
        providers.tpm = config.bind(TpmConfig.class);
        providers.replicas = config.bind(ReplicaConfig.class);
        providers.settings = config;
        return providers.provider();
    }

    @Test
    void theSoftwareSealerServesDevelopment() {
        assertInstanceOf(SoftwareSealer.class, provider("software", "development"));
    }

    @Test
    void productionRefusesTheSoftwareSealer() {
        SealingException refused = assertThrows(SealingException.class,
                () -> provider("software", "production").versions("default"));
        assertTrue(refused.getMessage().contains("development only"), refused.getMessage());
    }

    @Test
    void productionRefusesASimulatorTpmBeforeOpeningItAndNamesEveryUnsafeSetting() {
        MasterKeyProvider provider = provider("tpm-tcp", "production", Map.of("db.password", "not the default"));
        assertInstanceOf(MasterKeyProviders.UnavailableProvider.class, provider);
        UnsafeSettingsException refused = assertThrows(UnsafeSettingsException.class, () -> provider.versions("default"));
        for (String name : new String[] {"dev-issuer", "simulator-tpm", "resettable-pcr", "default-keystore-password",
                "http-port-open"}) {
            assertTrue(refused.getMessage().contains(name), refused.getMessage());
        }
        assertFalse(refused.getMessage().contains("default-db-password"), refused.getMessage());
    }

    @Test
    void developmentStillBuildsTheSimulatorTpmProvider() {
        assertInstanceOf(TpmSealer.class, provider("tpm-tcp", "development"));
    }

    @Test
    void aJoiningReplicaRefusesEveryMasterKeyUntilItHasJoined() {
        MasterKeyProvider provider = provider("tpm-tcp", "development", Map.of("lockbox.replica.join", "true"));
        assertInstanceOf(JoiningProvider.class, provider);
        SealingException refused = assertThrows(SealingException.class, () -> provider.versions("default"));
        assertTrue(refused.getMessage().contains("joining"), refused.getMessage());
        assertThrows(SealingException.class, () -> provider.provision("default"), "nothing is provisioned meanwhile");
    }

    @Test
    void onlyATpmProviderJoins() {
        MasterKeyProvider provider = provider("software", "development", Map.of("lockbox.replica.join", "true"));
        SealingException refused = assertThrows(SealingException.class, () -> provider.versions("default"));
        assertTrue(refused.getMessage().contains("needs a TPM provider"), refused.getMessage());
    }

    @Test
    void productionWithSafeSettingsBuildsTheTpmDeviceProvider() {
        assertInstanceOf(TpmSealer.class, provider("tpm-device", "production", Map.of(
                "lockbox.dev-issuer.enabled", "false", "db.password", "p1", "lockbox.keystore.password", "p2",
                "lockbox.http.port", "-1", "lockbox.tpm.policy", "pcr:7")));
    }

    @Test
    void anUnknownProviderFailsClosedAndSaysWhatIsSupported() {
        SealingException refused = assertThrows(SealingException.class,
                () -> provider("hsm", "development").unseal("default", 1));
        assertTrue(refused.getMessage().contains("tpm-device, tpm-tcp"), refused.getMessage());
    }
}
