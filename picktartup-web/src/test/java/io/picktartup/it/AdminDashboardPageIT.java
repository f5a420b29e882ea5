package io.picktartup.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console's live dashboard in Korean and English: eight charts drawn (canvases) from the application's own
 * samples (no Prometheus configured in the test platform), the jobs' latest executions; an investor is refused.
 */
@ExtendWith(RunningPlatform.class)
class AdminDashboardPageIT {

    private static WebDriver english;
    private static WebDriver korean;

    @BeforeAll
    static void openBrowsers() throws Exception {
        english = Chromium.open("en-US", "en-US,en");
        korean = Chromium.open("ko-KR", "ko-KR,ko");
    }

    @AfterEach
    void nothingRefusedByTheContentSecurityPolicy() {
        assertThat(Chromium.cspViolations(english)).isEmpty();
        assertThat(Chromium.cspViolations(korean)).isEmpty();
    }

    @AfterAll
    static void closeBrowsers() {
        for (var browser : List.of(english, korean)) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void anAdminSeesTheLiveChartsAndTheJobs() throws Exception {
        // traffic for the samples (one every 10 s)
        for (int i = 0; i < 10; i++) {
            Http.get("/api/platform");
        }
        ChainIT.await("two samples of the application's own figures", () -> {
            logIn(english);
            english.get(RunningPlatform.uri("/admin/").toString());
            Chromium.await(english, 20, ExpectedConditions.presenceOfElementLocated(By.id("page-title")));
            return english.findElements(By.cssSelector("figure.dashboard-chart canvas")).size() == 8
                    && english.findElement(By.id("source")).getText().contains("own samples");
        }, Duration.ofSeconds(60));
        assertThat(english.findElement(By.id("page-title")).getText()).isEqualTo("Operations dashboard");
        assertThat(english.findElement(By.id("chart-traffic")).getText()).contains("Traffic (requests/s)");
        assertThat(english.findElement(By.id("chart-latency")).getText()).contains("Latency (ms)");
        assertThat(english.findElement(By.id("dashboard:jobs")).getText()).contains("heartbeat").contains("COMPLETED");
        assertThat(english.findElement(By.id("relayer-balance")).getText()).matches("[0-9.E]+");

        logIn(korean);
        korean.get(RunningPlatform.uri("/admin/").toString());
        Chromium.await(korean, 20, ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("figure.dashboard-chart canvas"), 8));
        assertThat(korean.findElement(By.id("page-title")).getText()).isEqualTo("운영 대시보드");
        assertThat(korean.findElement(By.id("chart-traffic")).getText()).contains("트래픽");
        assertThat(korean.findElement(By.id("source")).getText()).contains("자체 샘플");
    }

    @Test
    void anInvestorMayNotOpenIt() {
        var investor = Accounts.Session.open("not-a-dashboard-reader");
        var page = Http.get("/admin/", java.util.Map.of());
        // anonymous: the login page, never the figures
        assertThat(page.body()).doesNotContain("dashboard-chart");
        var asInvestor = Http.get("/admin/index.xhtml", Accounts.bearer(investor.accessToken()));
        assertThat(asInvestor.body()).doesNotContain("dashboard-chart");
    }

    private static void logIn(WebDriver browser) {
        if (!browser.findElements(By.id("nav-logout")).isEmpty()) {
            return;
        }
        browser.get(RunningPlatform.uri("/login.xhtml").toString());
        Chromium.await(browser, 20, ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        browser.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        browser.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        Chromium.await(browser, 20, ExpectedConditions.presenceOfElementLocated(By.id("nav-logout")));
    }
}
