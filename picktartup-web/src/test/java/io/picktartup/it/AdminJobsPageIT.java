package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' jobs page: executions with their status and step metrics, starting the settlement, the alert. */
@ExtendWith(RunningPlatform.class)
class AdminJobsPageIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("en-US", "en-US,en");

    @Test
    void anAdminSeesTheJobsAndStartsTheSettlement() throws Exception {
        browser.get(RunningPlatform.uri("/admin/jobs.xhtml").toString());
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        browser.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(By.id("executions"));
        // the alert counts rounds whose latest verdict is a mismatch (another class may have made one on purpose)
        assertThat(browser.findElement(By.id("mismatches")).getText()).isEqualTo(Long.toString(ChainIT.mismatchedRounds()));
        assertThat(browser.findElement(By.id("executions")).getText()).contains("heartbeat").contains("Completed");
        // each job's own schedule (none configured in the tests: the nightly default, in the batch zone)
        assertThat(browser.findElement(By.id("schedules")).getText()).contains("round-settlement 02:30")
                .contains("ssi-scoring 02:30").contains("Asia/Seoul");

        browser.findElement(By.id("jobs:settle")).click();
        Chromium.await(browser, 20, 
                ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Started execution"));
        ChainIT.await("the settlement execution completes", () -> {
            browser.get(RunningPlatform.uri("/admin/jobs.xhtml").toString());
            return browser.findElements(By.cssSelector("tr.execution")).stream().anyMatch(row ->
                    !row.findElements(By.cssSelector("[data-job='round-settlement']")).isEmpty()
                    && !row.findElements(By.cssSelector("[data-status='COMPLETED']")).isEmpty()
                    && !row.findElements(By.cssSelector("[data-exit^='SETTLED']")).isEmpty());
        }, Duration.ofSeconds(60));
    }

    @Test
    void anInvestorMayNotOpenIt() {
        var investor = Accounts.Session.open("not-an-operator");
        var page = Http.get("/api/admin/jobs/round-settlement", Accounts.bearer(investor.accessToken()));
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(Http.get("/api/admin/jobs/round-settlement", Map.of()).statusCode()).isEqualTo(401);
    }
}
