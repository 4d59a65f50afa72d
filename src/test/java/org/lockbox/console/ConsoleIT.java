package org.lockbox.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lockbox.testing.Lockbox;
import org.lockbox.testing.Reply;
import org.lockbox.testing.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real headless Chromium against the live server: sign-in and denial,
 * dashboard, keys browser with filters and paging, a key's page, the audit viewer with chain
 * verification, restoring a pending deletion, grants and trusts; and throughout, no request for
 * key material and the token nowhere in the page, its URL or its console log. Screenshots of the
 * main pages (1366x768) go to target/console-screenshots, or where -Dconsole.screenshots says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String SUFFIX = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 3);
    private static final String PROD = "acme-prod-" + SUFFIX;
    private static final String DEV = "acme-dev-" + SUFFIX;
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    private static ConsoleBrowser browser;
    private static final List<String> tokensUsed = new ArrayList<>();
    private static String serviceAdmin;
    private static String creator;
    private static String keyWithConsumers;
    private static String keyToDelete;

    @BeforeAll
    static void storeKeysAndOpenTheBrowser() throws IOException {
        // The server creates the development issuer's key pair when it first checks a token.
        Lockbox.get("/v1/lockbox/inventory/caller", "not-a-token");
        creator = Tokens.token("alice", PROD, "creator");
        String cinder = Tokens.serviceToken("volume", "cinder", PROD, "creator");
        String swift = Tokens.serviceToken("object", "swift", PROD, "creator");
        for (int i = 1; i <= 18; i++) {
            Lockbox.secretRef(cinder, String.format("volume-%02d-luks", i));
        }
        for (int i = 1; i <= 4; i++) {
            Lockbox.secretRef(swift, String.format("bucket-%02d-sse", i));
        }
        String glance = Tokens.serviceToken("image", "glance", PROD, "creator");
        keyWithConsumers = Lockbox.storeBinary(glance, new byte[32],
                "\"name\":\"image-signing-key\",\"algorithm\":\"aes\",\"bit_length\":256,\"mode\":\"gcm\"");
        String signingRef = Lockbox.URL + "/v1/secrets/" + keyWithConsumers;
        assertEquals(200, Lockbox.putJson("/v1/secrets/" + keyWithConsumers + "/acl", glance,
                "{\"read\":{\"users\":[\"carol-ci\"],\"project-access\":true}}").status());
        assertEquals(201, Lockbox.postJson("/v1/lockbox/groups", glance,
                "{\"name\":\"image-signing-keys\",\"secret_refs\":[\"" + signingRef + "\"]}").status());
        assertEquals(200, Lockbox.send(Lockbox.request("/v1/secrets/" + keyWithConsumers + "/consumers", glance)
                .header("Content-Type", "application/json").header("OpenStack-API-Version", "key-manager 1.1")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"service\":\"image\",\"resource_type\":\"image\",\"resource_id\":\"img-7f3a\"}"))).status());
        assertEquals(201, Lockbox.putJson("/v1/secrets/" + keyWithConsumers + "/metadata", glance,
                "{\"metadata\":{\"owner\":\"imaging-team\",\"tier\":\"gold\"}}").status());
        assertEquals(201, Lockbox.postJson("/v1/containers", glance, "{\"name\":\"image-signing\",\"type\":\"generic\","
                + "\"secret_refs\":[{\"name\":\"signing\",\"secret_ref\":\"" + Lockbox.URL + "/v1/secrets/"
                + keyWithConsumers + "\"}]}").status());
        keyToDelete = Lockbox.storeBinary(creator, new byte[32], "\"name\":\"retired-backup-key\"");
        String dev = Tokens.token("bob", DEV, "creator");
        for (int i = 1; i <= 3; i++) {
            Lockbox.secretRef(dev, String.format("dev-volume-%02d", i));
        }
        serviceAdmin = Tokens.serviceAdmin();
        browser = new ConsoleBrowser();
    }

    @AfterAll
    static void closeTheBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void isServedFromTheWarWithStrictHeaders() {
        Reply bare = Lockbox.send(Lockbox.request("/console").GET());
        assertEquals(302, bare.status(), bare.toString());
        assertTrue(bare.header("Location").endsWith("/console/"), bare.header("Location"));

        Reply index = Lockbox.send(Lockbox.request("/console/").GET());
        assertEquals(200, index.status(), index.toString());
        assertTrue(index.contentType().startsWith("text/html"), index.contentType());
        String csp = index.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                && csp.contains("connect-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("DENY", index.header("X-Frame-Options"));
        assertEquals("nosniff", index.header("X-Content-Type-Options"));
        assertFalse(INLINE_SCRIPT.matcher(index.text()).find(), "no inline script in index.html");
        assertTrue(index.text().contains("src=\"js/app.js\""));

        Reply module = Lockbox.send(Lockbox.request("/console/js/app.js").GET());
        assertEquals(200, module.status());
        assertTrue(module.contentType().startsWith("text/javascript"), module.contentType());
        assertTrue(Lockbox.send(Lockbox.request("/console/console.css").GET()).contentType().startsWith("text/css"));

        for (String path : List.of("/console/missing.js", "/console/../WEB-INF/beans.xml", "/console/%2e%2e/WEB-INF/web.xml",
                "/console/.hidden", "/console/WEB-INF/beans.xml")) {
            Reply missing = Lockbox.send(Lockbox.request(path).GET());
            assertTrue(missing.status() == 404 || missing.status() == 400, path + " " + missing);
            assertFalse(missing.text().contains("<html"), path + " answers JSON, not HTML: " + missing.text());
        }
        Reply post = Lockbox.send(Lockbox.request("/console/").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, post.status());
        assertEquals(405, post.json().getInt("code"));

        Reply api = Lockbox.get("/v1/lockbox/inventory/summary", serviceAdmin);
        assertEquals(200, api.status(), api.toString());
        assertEquals("no-store", api.header("Cache-Control"));
        assertEquals("nosniff", api.header("X-Content-Type-Options"));
    }

    @Test
    @Order(2)
    void refusesATokenWithoutAConsoleRoleClearly() throws IOException {
        browser.open("/console/");
        browser.signIn("not-a-token");
        assertTrue(browser.await(By.id("signin-invalid")).getText().contains("Token not accepted"));
        assertNull(browser.sessionStorage("lockbox.console.token"));

        signIn(creator);
        WebElement denied = browser.await(By.id("signin-denied"));
        assertTrue(denied.getText().contains("Access denied"), denied.getText());
        assertTrue(denied.getText().contains("admin, audit and key-manager:service-admin"), denied.getText());
        assertNull(browser.sessionStorage("lockbox.console.token"), "a refused token is not kept");
        assertTrue(browser.driver.findElements(By.id("nav-dashboard")).isEmpty(), "no page behind the denial");
        browser.screenshot("signin-denied");
    }

    @Test
    @Order(3)
    void showsTheDashboardToAServiceAdmin() throws IOException {
        browser.open("/console/");
        signIn(serviceAdmin);
        browser.await(By.id("stat-keys"));
        browser.settle();
        assertTrue(browser.await(By.id("stat-sealer")).getText().contains("Ready"));
        assertTrue(Integer.parseInt(browser.driver.findElement(By.cssSelector("#stat-projects .stat-value")).getText()
                .replace(",", "")) >= 2);
        String projects = browser.driver.findElement(By.id("dashboard-projects")).getText();
        assertTrue(projects.contains(PROD) || projects.contains("more project"), projects);
        String masterKeys = browser.driver.findElement(By.id("dashboard-master-keys")).getText();
        assertTrue(masterKeys.contains("volume") && masterKeys.contains("v1"), masterKeys);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/#/dashboard"), browser.driver.getCurrentUrl());
        browser.screenshot("dashboard");
    }

    @Test
    @Order(4)
    void browsesKeysWithFiltersAndPaging() throws IOException {
        browser.open("/console/#/keys");
        browser.await(By.id("keys-filters"));
        WebElement project = browser.await(By.id("filter-project"));
        project.sendKeys(PROD);
        browser.driver.findElement(By.id("keys-apply")).click();
        browser.awaitText(By.cssSelector("#keys-results .pager"), "1–20 of 24");
        assertEquals(20, browser.driver.findElements(By.cssSelector("#keys-results tbody tr")).size());
        browser.screenshot("keys");
        browser.driver.findElements(By.cssSelector("#keys-results .pager button")).get(1).click();
        browser.awaitText(By.cssSelector("#keys-results .pager"), "21–24 of 24");

        browser.open("/console/#/keys?project_id=" + PROD + "&service=object");
        browser.awaitText(By.cssSelector("#keys-results .pager"), "1–4 of 4");
        browser.open("/console/#/keys?name=SIGNING&project_id=" + PROD);
        browser.awaitText(By.cssSelector("#keys-results .pager"), "1–1 of 1");
        browser.open("/console/#/keys?name=no-such-key-" + SUFFIX);
        browser.awaitText(By.id("keys-results"), "No key matches these filters");
    }

    @Test
    @Order(5)
    void opensAKeyWithItsConsumersContainersAndHistory() throws IOException {
        browser.open("/console/#/keys?name=image-signing&project_id=" + PROD);
        browser.await(By.cssSelector("#keys-results a.key-link")).click();
        browser.awaitText(By.id("key-title"), "image-signing-key");
        browser.settle();
        assertTrue(browser.driver.getCurrentUrl().endsWith("#/keys/" + keyWithConsumers));
        String page = browser.driver.findElement(By.id("key-body")).getText();
        for (String expected : List.of("img-7f3a", "image-signing", "imaging-team", PROD, "aes", "256", "gcm",
                "Audit history", "Access control list", "carol-ci", "image-signing-keys")) {
            assertTrue(page.contains(expected), expected + " in " + page);
        }
        browser.screenshot("key");

        browser.open("/console/#/keys/" + UUID.randomUUID());
        browser.awaitText(By.id("key-body"), "No such key");
    }

    @Test
    @Order(6)
    void viewsTheAuditTrailAndVerifiesTheChain() throws IOException {
        browser.open("/console/#/audit?key_id=" + keyWithConsumers);
        browser.await(By.id("audit-filters"));
        browser.settle();
        String events = browser.driver.findElement(By.id("audit-results")).getText();
        assertFalse(events.contains("not available on this server"), "the audit trail is served: " + events);
        assertTrue(events.toLowerCase(Locale.ROOT).contains("allowed"), events);
        browser.open("/console/#/audit");
        browser.await(By.id("verify-chain")).click();
        WebElement intact = browser.await(By.id("chain-intact"));
        assertTrue(intact.getText().contains("Chain intact"), intact.getText());
        assertTrue(intact.getText().matches("(?s).*\\b[1-9][0-9,]* events checked.*"), intact.getText());
        browser.screenshot("audit");
    }

    @Test
    @Order(7)
    void restoresAPendingDeletion() throws IOException {
        Reply deleted = Lockbox.delete("/v1/secrets/" + keyToDelete, creator);
        assertEquals(204, deleted.status(), deleted.toString());
        assertEquals(404, Lockbox.get("/v1/secrets/" + keyToDelete, creator).status(), "pending deletion is unreadable");

        browser.open("/console/#/deletions");
        By row = By.cssSelector("#deletions-results tr.deletion-" + keyToDelete);
        assertTrue(browser.await(row).getText().contains("retired-backup-key"));
        browser.screenshot("deletions");
        browser.driver.findElement(row).findElement(By.cssSelector("button.restore")).click();
        browser.driver.findElement(row).findElement(By.cssSelector("button.confirm-restore")).click();
        browser.awaitText(By.id("toast"), "Restored");
        browser.awaitGone(row);
        Reply restored = Lockbox.get("/v1/secrets/" + keyToDelete, creator);
        assertEquals(200, restored.status(), "restored and readable again: " + restored);
    }

    @Test
    @Order(8)
    void showsGrantsAndTrusts() throws IOException {
        Reply grant = Lockbox.postJson("/v1/lockbox/grants", Tokens.token("dana", PROD, "admin"),
                "{\"service\":\"compute\",\"access\":\"write-only\"}");
        assertEquals(201, grant.status(), grant.toString());
        Reply underTrust = Lockbox.get("/v1/secrets", Tokens.trustToken("cinder", "alice", PROD, true, 3600L, "creator"));
        assertEquals(200, underTrust.status(), "a trust in force is seen: " + underTrust);

        browser.open("/console/#/access");
        browser.await(By.id("access-grants"));
        browser.settle();
        String page = browser.driver.findElement(By.id("view")).getText();
        assertFalse(page.contains("not available on this server"), page);
        String grants = browser.driver.findElement(By.id("access-grants")).getText();
        assertTrue(grants.contains("compute") && grants.contains("write-only") && grants.contains(PROD), grants);
        String trusts = browser.driver.findElement(By.id("access-trusts")).getText();
        assertTrue(trusts.contains("alice") && trusts.contains("cinder"), trusts);
        browser.screenshot("access");
    }

    @Test
    @Order(9)
    void showsAProjectAdminItsProjectOnly() throws IOException {
        signOut();
        String admin = Tokens.token("dana", PROD, "admin");
        int total = Lockbox.get("/v1/lockbox/inventory/secrets", admin).json().getInt("total");
        signIn(admin);
        browser.await(By.id("nav-dashboard")).click();
        browser.await(By.id("stat-keys"));
        browser.settle();
        assertEquals("1", browser.driver.findElement(By.cssSelector("#stat-projects .stat-value")).getText());
        String projects = browser.driver.findElement(By.id("dashboard-projects")).getText();
        assertTrue(projects.contains(PROD) && !projects.contains(DEV), projects);
        browser.open("/console/#/keys");
        assertFalse(browser.await(By.id("filter-project")).isEnabled());
        browser.awaitText(By.cssSelector("#keys-results .pager"), "of " + total);

        signOut();
        signIn(Tokens.token("audrey", PROD, "audit"));
        browser.await(By.id("nav-dashboard")).click();
        browser.await(By.id("stat-keys"));
        browser.open("/console/#/keys/" + keyWithConsumers);
        browser.awaitText(By.id("key-title"), "image-signing-key");
    }

    @Test
    @Order(10)
    void neverAsksForMaterialAndNeverExposesTheToken() {
        int before = browser.requests().size();
        visitEveryPage();
        List<ConsoleBrowser.SentRequest> requests = browser.requests();
        long calls = requests.subList(before, requests.size()).stream().filter(r -> r.url().contains("/v1/")).count();
        assertTrue(calls >= 8, "the console called the API on each page just visited: " + calls);
        List<ConsoleBrowser.SentRequest> api = requests.stream().filter(r -> r.url().contains("/v1/")).toList();
        for (ConsoleBrowser.SentRequest request : requests) {
            assertFalse(request.url().toLowerCase(Locale.ROOT).contains("/payload"), "material was requested: " + request.url());
            for (String token : tokensUsed) {
                assertFalse(request.url().contains(token), "a token in a URL: " + request.url());
            }
        }
        for (ConsoleBrowser.SentRequest request : api) {
            assertEquals("application/json", request.headers().get("Accept"), request.url());
            assertTrue(request.url().startsWith(Lockbox.URL + "/v1/"), "only this server: " + request.url());
        }
        String source = browser.driver.getPageSource();
        List<String> console = browser.consoleMessages();
        for (String token : tokensUsed) {
            assertFalse(source.contains(token), "the token is in the page");
            assertFalse(browser.driver.getCurrentUrl().contains(token));
            assertTrue(console.stream().noneMatch(m -> m.contains(token)), "the token is in the console log");
        }
        assertEquals(0L, (Long) browser.driver.executeScript("return window.localStorage.length;"));
        assertTrue(browser.driver.manage().getCookies().isEmpty());

        signOut();
        assertNull(browser.sessionStorage("lockbox.console.token"));
        assertTrue(browser.await(By.id("signin-outcome")).getText().contains("signed out"));
        browser.open("/console/#/keys");
        browser.await(By.id("signin-token"));
    }

    /** Signs in afresh as the service administrator and opens each page, so the API calls counted are this test's own. */
    private static void visitEveryPage() {
        browser.open("/console/");
        browser.driver.executeScript("window.sessionStorage.clear();");
        browser.open("/console/");
        signIn(serviceAdmin);
        browser.await(By.id("stat-keys"));
        browser.settle();
        browser.open("/console/#/keys?project_id=" + PROD);
        browser.await(By.cssSelector("#keys-results .pager"));
        browser.open("/console/#/keys/" + keyWithConsumers);
        browser.awaitText(By.id("key-title"), "image-signing-key");
        browser.settle();
        browser.open("/console/#/audit?key_id=" + keyWithConsumers);
        browser.await(By.id("audit-filters"));
        browser.settle();
        browser.open("/console/#/access");
        browser.await(By.id("access-grants"));
        browser.settle();
        browser.open("/console/#/deletions");
        browser.await(By.id("deletions-results"));
        browser.settle();
    }

    private static void signIn(String token) {
        tokensUsed.add(token);
        browser.signIn(token);
    }

    private static void signOut() {
        browser.await(By.id("sign-out")).click();
        browser.await(By.id("signin-token"));
    }
}
