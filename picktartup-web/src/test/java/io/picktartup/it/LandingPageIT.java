package io.picktartup.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The landing page in headless Chromium (Debian's chromium and chromium-driver): language switch, waitlist form. */
@ExtendWith(RunningPlatform.class)
class LandingPageIT {

    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Chromium.open("ko-KR", "ko-KR,ko");
    }

    @AfterEach
    void nothingRefusedByTheContentSecurityPolicy() {
        assertThat(Chromium.cspViolations(browser)).isEmpty();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void landingPageSpeaksKoreanFirstAndSwitchesToEnglishAndBack() {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        assertThat(title()).isEqualTo("믿는 스타트업에 1,000원부터 투자하세요");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ko");
        assertThat(browser.findElement(By.id("nav-home")).getText()).isEqualTo("홈");

        browser.findElement(By.id("lang-en")).click();
        wait(ExpectedConditions.textToBe(By.id("hero-title"), "Invest in startups you believe in, from ₩1,000"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("nav-home")).getText()).isEqualTo("Home");

        // the choice sticks for the session, also on a fresh GET
        browser.get(RunningPlatform.uri("/").toString());
        assertThat(title()).isEqualTo("Invest in startups you believe in, from ₩1,000");

        browser.findElement(By.id("lang-ko")).click();
        wait(ExpectedConditions.textToBe(By.id("hero-title"), "믿는 스타트업에 1,000원부터 투자하세요"));
    }

    @Test
    void visitorJoinsTheWaitlistFromThePage() throws SQLException {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        browser.findElement(By.id("waitlist:email")).sendKeys("browser.visitor@example.com");
        browser.findElement(By.id("waitlist:join")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("waitlist:messages"), "감사합니다"));
        try (var connection = RunningPlatform.database();
             var rs = connection.createStatement().executeQuery(
                     "select language from waitlist_entry where email = 'browser.visitor@example.com'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ko");
        }
    }

    @Test
    void invalidEmailIsRefusedOnThePage() {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        var field = browser.findElement(By.id("waitlist:email"));
        // bypass the browser's own type=email check, so the server-side validation is what answers
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].type='text'", field);
        field.sendKeys("no-at-sign");
        browser.findElement(By.id("waitlist:join")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        assertThat(browser.findElement(By.cssSelector(".field-error")).getText()).isNotBlank();
        assertThat(browser.findElements(By.id("waitlist:email"))).hasSize(1);
    }

    private static String title() {
        return browser.findElement(By.id("hero-title")).getText();
    }

    private static void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }

}
