package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider is what configuration names, never a guess or a fallback. */
class MasterKeyProvidersTest {

    @TempDir
    Path sealed;

    private MasterKeyProvider provider(String name, String profile) {
        MasterKeyProviders providers = new MasterKeyProviders();
        providers.providerName = name;
        providers.profile = profile;
        providers.sealedDir = sealed.toString();
        providers.passphrase = "a passphrase";
        providers.random = new SecureRandom();
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
    void anUnknownProviderFailsClosedAndSaysWhatIsSupported() {
        SealingException refused = assertThrows(SealingException.class,
                () -> provider("hsm", "development").unseal("default", 1));
        assertTrue(refused.getMessage().contains("tpm-device, tpm-tcp"), refused.getMessage());
    }
}
