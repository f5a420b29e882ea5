package io.picktartup.it;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

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
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"), "--lang=" + lang,
                    "--window-size=1280,1000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages,
                "credentials_enable_service", false));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("PICKTARTUP_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .build();
        return new ChromeDriver(service, options);
    }

    private static String executable(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
