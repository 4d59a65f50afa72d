package org.lockbox.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Tools and tests see the server's settings by name: given values first, then the packaged defaults. */
class ConfigLookupTest {

    /** A settings class as the server's areas declare them. */
    @ConfigProperties(prefix = "lockbox.example")
    static class ExampleConfig {

        @ConfigProperty(name = "count")
        int count;

        @ConfigProperty(name = "enabled")
        boolean enabled;

        @ConfigProperty(name = "period")
        Duration period;

        @ConfigProperty(name = "names")
        List<String> names;

        @ConfigProperty(name = "dir")
        Optional<String> dir;

        @ConfigProperty(name = "seconds")
        long seconds;
    }

    @Test
    void givenValuesComeBeforeThePackagedDefaults() {
        ConfigLookup lookup = ConfigLookup.of(Map.of("lockbox.quota.secrets", "7", "lockbox.profile", " "));
        assertEquals(Optional.of("7"), lookup.apply("lockbox.quota.secrets"));
        assertEquals(Optional.of("-1"), lookup.apply("lockbox.quota.orders"));
        assertEquals(Optional.of("development"), lookup.apply("lockbox.profile"), "a blank value is unset");
        assertEquals(Optional.empty(), lookup.apply("lockbox.keystone.url"));
    }

    @Test
    void everyPackagedDefaultIsSeen() throws IOException {
        Properties packaged = new Properties();
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/microprofile-config.properties")) {
            packaged.load(in);
        }
        ConfigLookup lookup = ConfigLookup.of(Map.of("lockbox.data.dir", "/data"));
        for (String name : packaged.stringPropertyNames()) {
            assertTrue(lookup.apply(name).isPresent(), name);
        }
        assertEquals(Optional.of("lockbox-development-only"), lookup.apply("lockbox.sealer.passphrase"));
    }

    @Test
    void expressionsAreExpandedOrLeaveTheSettingUnset() {
        assertEquals(Optional.of("/data/tpm"),
                ConfigLookup.of(Map.of("lockbox.data.dir", "/data")).apply("lockbox.tpm.blob-dir"));
        assertEquals(Optional.of("/blobs"), ConfigLookup.of(Map.of("lockbox.tpm.blob-dir", "/blobs"))
                .apply("lockbox.tpm.blob-dir"));
        assertEquals(Optional.empty(), ConfigLookup.of(Map.of()).apply("lockbox.tpm.blob-dir"));
    }

    @Test
    void environmentVariablesAreNamedAsMicroProfileConfigMapsThem() {
        assertEquals("LOCKBOX_TPM_BLOB_DIR", ConfigLookup.environmentName("lockbox.tpm.blob-dir"));
        assertEquals("LOCKBOX_DEV_ISSUER_ENABLED", ConfigLookup.environmentName("lockbox.dev-issuer.enabled"));
        assertEquals("DB_KIND", ConfigLookup.environmentName("db.kind"));
    }

    @Test
    void aSettingsClassIsFilledByItsNamesAndTypes() {
        ExampleConfig config = ConfigLookup.of(Map.of("lockbox.example.count", "3",
                "lockbox.example.enabled", "true", "lockbox.example.period", "PT10M",
                "lockbox.example.names", "a, b,c", "lockbox.example.seconds", "600")).bind(ExampleConfig.class);
        assertEquals(3, config.count);
        assertTrue(config.enabled);
        assertEquals(Duration.ofMinutes(10), config.period);
        assertEquals(List.of("a", "b", "c"), config.names);
        assertEquals(Optional.empty(), config.dir);
        assertEquals(600, config.seconds);
    }

    @Test
    void aMissingSettingIsNamedWithItsVariable() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ConfigLookup.of(Map.of()).bind(ExampleConfig.class));
        assertTrue(missing.getMessage().startsWith("Set lockbox.example."), missing.getMessage());
        assertTrue(missing.getMessage().contains("(LOCKBOX_EXAMPLE_"), missing.getMessage());
    }

    @Test
    void anotherLookupIsWrappedOnceWithTheDefaults() {
        ConfigLookup lookup = ConfigLookup.over(name -> Optional.of("x").filter(v -> name.equals("lockbox.a")));
        assertEquals(Optional.of("x"), lookup.apply("lockbox.a"));
        assertEquals(Optional.of("software"), lookup.apply("lockbox.master-key.provider"));
        assertSame(lookup, ConfigLookup.over(lookup));
    }
}
