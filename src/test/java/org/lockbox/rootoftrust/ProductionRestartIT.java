package org.lockbox.rootoftrust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lockbox.testing.LibertyServer;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;

/**
 * Restarts the real server with LOCKBOX_PROFILE=production, first with every setting safe, then
 * applies one unsafe setting at a time. Each unsafe setting alone is refused by name: readiness is
 * DOWN, the API answers 503 JSON naming it over HTTPS with HSTS, no payload is served and the log
 * says so once, without a password. To keep it short, the server starts twice in production (the
 * keystore password needs a start of its own); the other settings are changed in its configuration
 * while it runs, which makes Liberty restart the application, so that it evaluates them afresh.
 * Runs in the restart execution, and leaves the server as it found it (development profile, its
 * own keystore).
 *
 * <p>This machine has no TPM device, so the safe baseline names {@code tpm-device} with a device
 * path that does not exist: it is refused too, but only for the missing TPM, which no setting
 * names. A setting named in a refusal is therefore refused because of that setting alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionRestartIT {

    private static final String KEYSTORE_PASSWORD = "production-it-keystore-" + Long.toHexString(new SecureRandom().nextLong());
    private static final String DB_PASSWORD = "production-it-database";
    private static final int HTTP_PORT = Integer.getInteger("lockbox.http.port", 9311);
    private static final int HTTPS_PORT = Integer.getInteger("lockbox.https.port", 9312);
    private static final boolean POSTGRES = "postgres".equals(System.getenv("DB_KIND"));

    private static final Path OVERRIDE = LibertyServer.directory().resolve("configDropins/overrides/production-it.xml");
    private static final Path KEYSTORE = LibertyServer.directory().resolve("resources/security/key.p12");
    private static final Path LOG = LibertyServer.directory().resolve("logs/messages.log");

    private static byte[] developmentKeystore;
    private static final Map<String, byte[]> keystores = new java.util.HashMap<>();
    private static String keystorePasswordInUse;
    private static String token;
    private static String secretId;
    private static byte[] material;
    private static int generation;

    @BeforeAll
    static void storeAKeyInDevelopment() throws Exception {
        LibertyServer.awaitReady();
        token = Tokens.token("alice", Tokens.newProject(), "creator");
        material = new byte[32];
        new SecureRandom().nextBytes(material);
        secretId = Lockbox.storeBinary(token, material, "\"name\":\"production-restart\"");
        assertEquals(200, Lockbox.get("/v1/secrets/" + secretId + "/payload", token).status());
        developmentKeystore = Files.readAllBytes(KEYSTORE);
    }

    @AfterAll
    static void restoreDevelopment() throws Exception {
        LibertyServer.stop();
        Files.deleteIfExists(OVERRIDE);
        if (developmentKeystore != null) {
            Files.write(KEYSTORE, developmentKeystore);
        }
        LibertyServer.start();
        LibertyServer.awaitReady();
        assertEquals(200, Lockbox.get("/v1/secrets/" + secretId + "/payload", token).status(),
                "the development profile serves again");
    }

    /** Everything production asks for, except a TPM this machine does not have. */
    private static Map<String, String> safe() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lockbox.profile", "production");
        settings.put("lockbox.dev-issuer.enabled", "false");
        settings.put("lockbox.master-key.provider", "tpm-device");
        settings.put("lockbox.tpm.device", LibertyServer.directory().resolve("no-tpm-device").toString());
        settings.put("lockbox.tpm.policy", "pcr:7");
        if (!POSTGRES) {
            // On PostgreSQL the run's own password (DB_PASSWORD) is already not the default.
            settings.put("db.password", DB_PASSWORD);
        }
        settings.put("lockbox.keystore.password", KEYSTORE_PASSWORD);
        settings.put("lockbox.keystone.url", "https://127.0.0.1:" + System.getenv().getOrDefault(
                "LOCKBOX_TEST_KEYSTONE_PORT", "5000") + "/v3");
        settings.put("lockbox.http.port", "-1");
        return settings;
    }

    @Test
    @Order(1)
    void withEverySettingSafeNothingIsNamedAndThePlainHttpPortIsClosed() throws Exception {
        startInProduction(safe());
        JsonObject masterKeys = awaitMasterKeysCheck();
        assertEquals("DOWN", masterKeys.getString("status"), "no TPM device here: " + masterKeys);
        String detail = masterKeys.getJsonObject("data").getString("detail");
        assertFalse(detail.contains("production profile refuses"), detail);
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", HTTP_PORT).close(),
                "LOCKBOX_HTTP_PORT=-1 closes the plain HTTP port");

        Reply refused = https("/v1/secrets/" + secretId + "/payload");
        assertEquals(503, refused.status(), refused.toString());
        assertEquals("max-age=31536000", refused.header("Strict-Transport-Security"), "HTTPS answers with HSTS");
    }


    @Test
    @Order(3)
    void theDevelopmentIssuerAloneIsRefused() throws Exception {
        refusedAlone("dev-issuer", "lockbox.dev-issuer.enabled", "true");
    }

    @Test
    @Order(4)
    void aSimulatorTpmAloneIsRefused() throws Exception {
        refusedAlone("simulator-tpm", "lockbox.master-key.provider", "tpm-tcp");
    }

    @Test
    @Order(5)
    void theSoftwareSealerAloneIsRefused() throws Exception {
        refusedAlone("software-sealer", "lockbox.master-key.provider", "software");
    }

    @Test
    @Order(6)
    void aResettablePcrAloneIsRefused() throws Exception {
        refusedAlone("resettable-pcr", "lockbox.tpm.policy", "pcr:7,23");
    }

    @Test
    @Order(7)
    void anEmptyAuthPolicyAloneIsRefused() throws Exception {
        refusedAlone("empty-tpm-auth", "lockbox.tpm.policy", "auth");
    }

    @Test
    @Order(8)
    void theDefaultDatabasePasswordAloneIsRefused() throws Exception {
        // The run's PostgreSQL refuses any password but its own, so this case is shown by the Derby
        // pass and reported as skipped (not passed) in the PostgreSQL pass.
        assumeFalse(POSTGRES, "PostgreSQL would refuse the connection itself; the Derby pass shows this one");
        refusedAlone("default-db-password", "db.password", "lockbox");
    }

    @Test
    @Order(9)
    void keystoneOverPlainHttpAloneIsRefused() throws Exception {
        refusedAlone("keystone-http", "lockbox.keystone.url", "http://127.0.0.1:" + System.getenv()
                .getOrDefault("LOCKBOX_TEST_KEYSTONE_PORT", "5000") + "/v3");
    }

    @Test
    @Order(10)
    void anOpenPlainHttpPortAloneIsRefused() throws Exception {
        refusedAlone("http-port-open", "lockbox.http.port", String.valueOf(HTTP_PORT));
        Reply overPlainHttp = Lockbox.get("/v1/secrets/" + secretId + "/payload", token);
        assertEquals(503, overPlainHttp.status(), "the plain HTTP port is open, and refuses too: " + overPlainHttp);
        assertFalse(contains(overPlainHttp.body(), material));
        assertEquals(null, overPlainHttp.header("Strict-Transport-Security"), "HSTS is for HTTPS answers");
    }

    @Test
    @Order(11)
    void theDefaultKeystorePasswordAloneIsRefused() throws Exception {
        Map<String, String> settings = safe();
        settings.put("lockbox.keystore.password", "lockbox-development-keystore");
        startInProduction(settings);
        assertRefusedAlone("default-keystore-password");
    }

    private static void refusedAlone(String name, String setting, String unsafeValue) throws Exception {
        Map<String, String> settings = safe();
        settings.put(setting, unsafeValue);
        reconfigure(settings);
        assertRefusedAlone(name);
    }

    private static void assertRefusedAlone(String name) throws Exception {

        JsonObject masterKeys = awaitMasterKeysCheck();
        assertEquals("DOWN", masterKeys.getString("status"), masterKeys.toString());
        String detail = masterKeys.getJsonObject("data").getString("detail");
        assertTrue(detail.startsWith("the production profile refuses 1 unsafe setting: " + name + " ("), detail);

        Reply payload = https("/v1/secrets/" + secretId + "/payload");
        assertEquals(503, payload.status(), payload.toString());
        assertTrue(payload.contentType().startsWith("application/json"), payload.toString());
        assertTrue(payload.json().getString("description").contains(name), payload.toString());
        assertFalse(contains(payload.body(), material), "no key material");
        assertEquals("max-age=31536000", payload.header("Strict-Transport-Security"));
        Reply list = https("/v1/secrets");
        assertEquals(503, list.status(), list.toString());
        assertEquals(200, https("/v1").status(), "version discovery still answers");

        String line = "LOCKBOX WILL NOT SERVE KEYS: the production profile refuses 1 unsafe setting: " + name + " (";
        String log = awaitLog(line);
        assertEquals(1, count(log, line), "the log says it once");
        for (String password : new String[] {KEYSTORE_PASSWORD, DB_PASSWORD, "lockbox-development-keystore"}) {
            assertFalse(log.contains(password), "no password in the log");
        }
    }

    /** Restarts the server with the settings (a keystore password other than the one in use needs a start). */
    private static void startInProduction(Map<String, String> settings) throws Exception {
        LibertyServer.stop();
        writeOverride(settings);
        useKeystoreFor(settings.get("lockbox.keystore.password"));
        LibertyServer.start(); // Liberty starts a new messages.log
    }

    /**
     * Applies the settings to the running server: Liberty reads its changed configuration, opens or
     * closes the HTTP port, and restarts the application, which evaluates its settings afresh.
     */
    private static void reconfigure(Map<String, String> settings) throws Exception {
        String updated = "CWWKZ0003I: The application lockbox updated";
        int before = count(Files.readString(LOG, StandardCharsets.UTF_8), updated);
        writeOverride(settings);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (count(Files.readString(LOG, StandardCharsets.UTF_8), updated) == before) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the application was not restarted with the new settings within 180 s");
            }
            Thread.sleep(250);
        }
    }

    /**
     * Writes the settings as server.xml variables, which beat the environment, with an application
     * property that changes every time, so that each change restarts the application.
     */
    private static void writeOverride(Map<String, String> settings) throws IOException {
        generation++;
        Files.writeString(OVERRIDE, settings.entrySet().stream()
                .map(e -> "    <variable name=\"" + e.getKey() + "\" value=\"" + e.getValue() + "\"/>")
                .collect(Collectors.joining("\n", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n",
                        "\n    <webApplication id=\"lockbox\" location=\"lockbox.war\" contextRoot=\"/\">\n"
                        + "        <appProperties><property name=\"lockbox.it.generation\" value=\"" + generation
                        + "\"/></appProperties>\n    </webApplication>\n</server>\n")));
    }

    /**
     * Liberty creates its keystore with the configured password when none exists: each password
     * gets a keystore of its own, created by the server; the original one is put back at the end.
     */
    private static void useKeystoreFor(String password) throws IOException {
        if (password.equals(keystorePasswordInUse)) {
            return;
        }
        if (keystorePasswordInUse != null && Files.exists(KEYSTORE)) {
            keystores.put(keystorePasswordInUse, Files.readAllBytes(KEYSTORE));
        }
        byte[] keystore = keystores.get(password);
        if (keystore == null) {
            Files.deleteIfExists(KEYSTORE);
        } else {
            Files.write(KEYSTORE, keystore);
        }
        keystorePasswordInUse = password;
    }

    private static String awaitLog(String line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        while (!log.contains(line) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            log = Files.readString(LOG, StandardCharsets.UTF_8);
        }
        return log;
    }

    /** Polls readiness over HTTPS until the application's master-key check reports. */
    private static JsonObject awaitMasterKeysCheck() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = https("/health/ready");
                if (last.contentType().startsWith("application/json")) {
                    Map<String, JsonObject> checks = last.json().getJsonArray("checks").stream()
                            .map(JsonValue::asJsonObject).collect(Collectors.toMap(c -> c.getString("name"), c -> c));
                    if (checks.containsKey("master-keys")) {
                        assertEquals(503, last.status(), last.toString());
                        assertEquals("DOWN", last.json().getString("status"));
                        return checks.get("master-keys");
                    }
                }
            } catch (IOException | GeneralSecurityFailure notListeningYet) {
                // HTTPS is not open yet, or the keystore is still being created.
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness did not report the master keys within 180 s; last: " + last);
    }

    private static Reply https(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(trustingTheServer())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + HTTPS_PORT + path))
                .header("X-Auth-Token", token).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response);
    }

    /** Trusts exactly the certificate in the server's keystore; its name is not checked (it is 127.0.0.1 here). */
    private static SSLContext trustingTheServer() {
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, keystorePasswordInUse.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(keystore);
            X509TrustManager pinned = (X509TrustManager) factory.getTrustManagers()[0];
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {new PinnedCertificate(pinned)}, null);
            return context;
        } catch (Exception e) {
            throw new GeneralSecurityFailure(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** The keystore could not be read yet (Liberty creates it while starting). */
    private static final class GeneralSecurityFailure extends RuntimeException {
        GeneralSecurityFailure(Exception cause) {
            super(cause);
        }
    }

    /** Checks the chain against the pinned certificate, without the host name check. */
    private static final class PinnedCertificate extends X509ExtendedTrustManager {
        private final X509TrustManager pinned;

        PinnedCertificate(X509TrustManager pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            assertNotNull(chain);
            pinned.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pinned.getAcceptedIssuers();
        }
    }
}
