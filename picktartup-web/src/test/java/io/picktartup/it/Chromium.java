package io.picktartup.it;

import io.picktartup.launcher.Ports;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Debian's headless Chromium with its driver, as the page tests drive it; a fresh profile each time. */
final class Chromium {

    private Chromium() {
    }

    /** A browser whose preferred language is {@code lang} (e.g. {@code ko-KR}), sent as Accept-Language. */
    static WebDriver open(String lang, String acceptLanguages) {
        var options = new ChromeOptions();
        options.setBinary(executable("PICKTARTUP_CHROMIUM", "/usr/bin/chromium"));
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--password-store=basic",
                    "--user-data-dir=" + profile(), "--lang=" + lang,
                    "--window-size=1280,1000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages,
                "credentials_enable_service", false));
        // the console, so tests see what the Content Security Policy refused
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // the driver's port from the tests' reserved range: Selenium's own pick (PortProber) draws from the same
        // range below the ephemeral ports without the reservation, so it could meet a port given to a server of this
        // or another test part that has not bound it yet
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("PICKTARTUP_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingPort(Ports.free())
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * A fresh profile in the build's target directory, removed with it (in /tmp they were never removed, and every
     * run left a few hundred behind).
     */
    private static java.nio.file.Path profile() throws IOException {
        var target = java.nio.file.Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        return Files.createTempDirectory(target, "chromium-profile");
    }

    /**
     * The console messages since the last call that say the Content Security Policy refused something (an inline
     * script without the nonce, an eval, a script from elsewhere): a page that needs them is broken under the policy.
     */
    static List<String> cspViolations(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")).toList();
    }

    /**
     * Waits until {@code condition} gives a value other than null or false. A Faces Ajax update replaces the nodes a
     * condition has just found; reading such a node fails with a stale reference or, from Chromium's inspector, with
     * "Node with given id does not belong to the document": both mean "look again", not a failure.
     */
    static <T> T await(WebDriver browser, int seconds, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).until(b -> {
            try {
                return condition.apply(b);
            } catch (StaleElementReferenceException e) {
                return null;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static String executable(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
