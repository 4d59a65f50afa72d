package org.lockbox.rootoftrust.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Production refuses each unsafe setting on its own, by name; development refuses nothing. */
class ProductionSafetyTest {

    /** A production configuration with nothing to refuse. */
    private static Map<String, String> safe() {
        Map<String, String> settings = new HashMap<>();
        settings.put("lockbox.profile", "production");
        settings.put("lockbox.dev-issuer.enabled", "false");
        settings.put("lockbox.master-key.provider", "tpm-device");
        settings.put("lockbox.tpm.policy", "pcr:0,2,4,7");
        settings.put("db.password", "a-real-database-password");
        settings.put("lockbox.keystore.password", "a-real-keystore-password");
        settings.put("lockbox.keystone.url", "https://keystone.example:5000/v3");
        settings.put("lockbox.http.port", "-1");
        return settings;
    }

    private static List<String> refusedNames(Map<String, String> settings) {
        return ProductionSafety.evaluate(name -> Optional.ofNullable(settings.get(name)))
                .stream().map(UnsafeSetting::name).toList();
    }

    private static Map<String, String> safeWith(String name, String value) {
        Map<String, String> settings = safe();
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
        return settings;
    }

    @Test
    void aSafeProductionConfigurationIsNotRefused() {
        assertEquals(List.of(), refusedNames(safe()));
    }

    static Stream<Arguments> eachUnsafeSettingAlone() {
        return Stream.of(
                Arguments.of("lockbox.dev-issuer.enabled", "true", "dev-issuer"),
                Arguments.of("lockbox.dev-issuer.enabled", null, "dev-issuer"),
                Arguments.of("lockbox.master-key.provider", "software", "software-sealer"),
                Arguments.of("lockbox.master-key.provider", null, "software-sealer"),
                Arguments.of("lockbox.master-key.provider", "tpm-tcp", "simulator-tpm"),
                Arguments.of("lockbox.tpm.policy", "pcr:23", "resettable-pcr"),
                Arguments.of("lockbox.tpm.policy", "pcr:7,16", "resettable-pcr"),
                Arguments.of("lockbox.tpm.policy", "auth", "empty-tpm-auth"),
                Arguments.of("db.password", "lockbox", "default-db-password"),
                Arguments.of("db.password", null, "default-db-password"),
                Arguments.of("db.password", "  ", "default-db-password"),
                Arguments.of("lockbox.keystore.password", "lockbox-development-keystore", "default-keystore-password"),
                Arguments.of("lockbox.keystore.password", null, "default-keystore-password"),
                Arguments.of("lockbox.keystone.url", "http://keystone.example:5000/v3", "keystone-http"),
                Arguments.of("lockbox.keystone.url", "HTTP://keystone.example:5000/v3", "keystone-http"),
                Arguments.of("lockbox.http.port", "9311", "http-port-open"),
                Arguments.of("lockbox.http.port", null, "http-port-open"),
                Arguments.of("lockbox.profile", "prod", "profile"));
    }

    @ParameterizedTest(name = "{0}={1} is refused as {2}")
    @MethodSource
    void eachUnsafeSettingAlone(String name, String value, String refusedAs) {
        assertEquals(List.of(refusedAs), refusedNames(safeWith(name, value)));
    }

    @Test
    void aSimulatorTpmWithItsDefaultPolicyIsRefusedForBoth() {
        Map<String, String> settings = safeWith("lockbox.master-key.provider", "tpm-tcp");
        settings.remove("lockbox.tpm.policy");
        assertEquals(List.of("simulator-tpm", "resettable-pcr"), refusedNames(settings));
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 17, 18, 19, 20, 21, 22, 23})
    void everyResettablePcrIsRefused(int pcr) {
        assertEquals(List.of("resettable-pcr"), refusedNames(safeWith("lockbox.tpm.policy", "pcr:7," + pcr)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 11, 15})
    void pcrsOfTheBootChainAreAccepted(int pcr) {
        assertEquals(List.of(), refusedNames(safeWith("lockbox.tpm.policy", "pcr:" + pcr)));
    }

    @Test
    void anAuthPolicyWithAValueIsAccepted() {
        Map<String, String> settings = safeWith("lockbox.tpm.policy", "auth");
        settings.put("lockbox.tpm.auth", "an authorization value");
        assertEquals(List.of(), refusedNames(settings));
    }

    @Test
    void theSealingPolicyMattersOnlyToATpm() {
        Map<String, String> settings = safeWith("lockbox.master-key.provider", "software");
        settings.put("lockbox.tpm.policy", "pcr:23");
        assertEquals(List.of("software-sealer"), refusedNames(settings));
    }

    @Test
    void developmentRefusesNothingEvenWithEveryDefault() {
        assertEquals(List.of(), refusedNames(Map.of()));
        assertEquals(List.of(), refusedNames(Map.of("lockbox.profile", "development",
                "lockbox.master-key.provider", "tpm-tcp", "lockbox.keystone.url", "http://k:5000/v3")));
    }

    @Test
    void productionWithEveryDefaultRefusesEachAndTheRefusalNamesThemAll() {
        Map<String, String> defaults = Map.of("lockbox.profile", "production",
                "lockbox.keystore.password", ProductionSafety.DEFAULT_KEYSTORE_PASSWORD,
                "db.password", ProductionSafety.DEFAULT_DB_PASSWORD,
                "lockbox.keystone.url", "http://keystone:5000/v3", "lockbox.http.port", "9311");
        List<UnsafeSetting> unsafe = ProductionSafety.evaluate(name -> Optional.ofNullable(defaults.get(name)));
        assertEquals(List.of("dev-issuer", "software-sealer", "default-db-password", "default-keystore-password",
                "keystone-http", "http-port-open"), unsafe.stream().map(UnsafeSetting::name).toList());
        String refusal = ProductionSafety.refusal(unsafe);
        unsafe.forEach(setting -> assertTrue(refusal.contains(setting.name()), refusal));
        assertTrue(refusal.startsWith("the production profile refuses 6 unsafe settings: "), refusal);
        assertFalse(refusal.contains(ProductionSafety.DEFAULT_KEYSTORE_PASSWORD), "no password value: " + refusal);
        assertFalse(refusal.contains("'" + ProductionSafety.DEFAULT_DB_PASSWORD + "'"), refusal);
    }

    @Test
    void theDefaultsCheckedAreTheOnesTheServerShipsWith() throws Exception {
        Element server = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src/main/liberty/config/server.xml").toFile()).getDocumentElement();
        Map<String, String> variables = new HashMap<>();
        NodeList nodes = server.getElementsByTagName("variable");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element variable = (Element) nodes.item(i);
            variables.put(variable.getAttribute("name"), variable.getAttribute("defaultValue"));
        }
        assertEquals(ProductionSafety.DEFAULT_DB_PASSWORD, variables.get("db.password"));
        assertEquals(ProductionSafety.DEFAULT_KEYSTORE_PASSWORD, variables.get("lockbox.keystore.password"));
        assertTrue(Integer.parseInt(variables.get("lockbox.http.port")) > 0, "the development HTTP port is open");

        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(in);
        }
        assertEquals("development", defaults.getProperty("lockbox.profile"));
        // With the shipped defaults alone, production refuses every development convenience.
        Map<String, String> shipped = new HashMap<>();
        defaults.stringPropertyNames().forEach(name -> shipped.put(name, defaults.getProperty(name)));
        shipped.putAll(variables);
        shipped.put("lockbox.profile", "production");
        assertEquals(List.of("dev-issuer", "software-sealer", "default-db-password", "default-keystore-password",
                "http-port-open"), refusedNames(shipped));
    }
}
