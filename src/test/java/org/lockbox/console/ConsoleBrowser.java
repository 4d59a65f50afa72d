package org.lockbox.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.lockbox.testing.Lockbox;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths so that
 * Selenium never looks for (or downloads) a browser of its own. It records every request the
 * page makes (Chromium's performance log) so tests can say what the console asked the server.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    static final int WIDTH = 1366;
    static final int HEIGHT = 768;

    /** One request the page sent: its method, URL and headers. */
    record SentRequest(String method, String url, Map<String, String> headers) {
    }

    final ChromeDriver driver;
    private final Path profile;
    private final List<SentRequest> requests = new ArrayList<>();

    ConsoleBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The console tests need Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `apt-get install chromium chromium-driver` (scripts/test does).");
        }
        profile = Files.createTempDirectory("lockbox-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                "--hide-scrollbars", "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // Headless Chromium keeps room for a window frame: grow the window until the page itself is 1366x768.
        driver.get("about:blank");
        long innerWidth = (Long) driver.executeScript("return window.innerWidth;");
        long innerHeight = (Long) driver.executeScript("return window.innerHeight;");
        org.openqa.selenium.Dimension outer = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                outer.getWidth() + WIDTH - (int) innerWidth, outer.getHeight() + HEIGHT - (int) innerHeight));
    }

    void open(String pathAndHash) {
        driver.get(Lockbox.URL + pathAndHash);
    }

    WebElement await(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void awaitText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    void awaitGone(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    /** Waits until no spinner is left on the page. */
    void settle() {
        awaitGone(By.cssSelector(".state.loading"));
    }

    void signIn(String token) {
        WebElement input = await(By.id("signin-token"));
        input.clear();
        input.sendKeys(token);
        driver.findElement(By.id("signin-submit")).click();
    }

    String sessionStorage(String key) {
        return (String) driver.executeScript("return window.sessionStorage.getItem(arguments[0]);", key);
    }

    /** Saves the viewport as NAME.png in the screenshot folder, without a notice left over from a step before. */
    void screenshot(String name) throws IOException {
        settle();
        driver.executeScript("const t = document.getElementById('toast');"
                + " if (t) { t.style.transition = 'none'; t.classList.remove('shown'); }");
        Files.createDirectories(SCREENSHOTS);
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every request the page has sent so far (read from Chromium's performance log). */
    List<SentRequest> requests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = Json.createReader(new java.io.StringReader(entry.getMessage())).readObject()
                    .getJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.getString("method", ""))) {
                JsonObject request = message.getJsonObject("params").getJsonObject("request");
                Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                request.getJsonObject("headers").forEach((name, value) -> headers.put(name,
                        value.getValueType() == jakarta.json.JsonValue.ValueType.STRING
                                ? ((jakarta.json.JsonString) value).getString() : value.toString()));
                requests.add(new SentRequest(request.getString("method"), request.getString("url"), headers));
            }
        }
        return List.copyOf(requests);
    }

    /** What the page wrote to the browser's console. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
