package io.picktartup.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators' job controls (issue 16, item 5): a finished execution cannot be stopped (409 job.state, nothing
 * changed), can be abandoned, and an abandoned one cannot be restarted; an investor may do none of it; the jobs page
 * abandons through its button, in Korean too.
 */
@ExtendWith(RunningPlatform.class)
class JobOperationsIT {

    private static WebDriver korean;

    @BeforeAll
    static void openBrowser() {
        korean = Chromium.open("ko-KR", "ko-KR,ko");
    }

    @AfterAll
    static void closeBrowser() {
        if (korean != null) {
            korean.quit();
        }
    }

    private static long finishedHeartbeat(String admin) throws Exception {
        var started = Accounts.call("POST", "/api/admin/jobs/heartbeat", admin, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = Http.json(started).getJsonNumber("id").longValue();
        ChainIT.await("the heartbeat execution completes", () -> "COMPLETED".equals(Http.json(
                Accounts.call("GET", "/api/admin/jobs/executions/" + id, admin, null)).getString("batchStatus")),
                Duration.ofSeconds(60));
        return id;
    }

    @Test
    void aFinishedExecutionIsAbandonedNotStoppedAndThenNeverRestarted() throws Exception {
        String admin = AccountLifecycleIT.adminToken();
        long id = finishedHeartbeat(admin);

        var stop = Accounts.call("POST", "/api/admin/jobs/executions/" + id + "/stop", admin, null);
        assertThat(stop.statusCode()).isEqualTo(409);
        assertThat(Http.json(stop).getString("code")).isEqualTo("job.state");
        assertThat(Http.json(Accounts.call("GET", "/api/admin/jobs/executions/" + id, admin, null))
                .getString("batchStatus")).isEqualTo("COMPLETED");

        var abandon = Accounts.call("POST", "/api/admin/jobs/executions/" + id + "/abandon", admin, null);
        assertThat(abandon.statusCode()).as(abandon.body()).isEqualTo(200);
        assertThat(Http.json(abandon).getString("batchStatus")).isEqualTo("ABANDONED");

        var restart = Accounts.call("POST", "/api/admin/jobs/executions/" + id + "/restart", admin, null);
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(409);
        assertThat(Http.json(restart).getString("code")).isEqualTo("job.state");

        assertThat(Accounts.call("POST", "/api/admin/jobs/executions/999999999/abandon", admin, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anInvestorMayNotOperateJobs() throws Exception {
        String admin = AccountLifecycleIT.adminToken();
        long id = finishedHeartbeat(admin);
        var investor = Accounts.Session.open("not-a-job-operator");
        for (String operation : new String[]{"stop", "abandon", "restart"}) {
            assertThat(Accounts.call("POST", "/api/admin/jobs/executions/" + id + "/" + operation,
                    investor.accessToken(), null).statusCode()).isEqualTo(403);
        }
        assertThat(Http.json(Accounts.call("GET", "/api/admin/jobs/executions/" + id, admin, null))
                .getString("batchStatus")).isEqualTo("COMPLETED");
    }

    @Test
    void theJobsPageAbandonsAnExecutionInKorean() throws Exception {
        String admin = AccountLifecycleIT.adminToken();
        long id = finishedHeartbeat(admin);
        korean.get(RunningPlatform.uri("/admin/jobs.xhtml").toString());
        Chromium.await(korean, 20, ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        korean.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        korean.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        korean.findElement(By.id("login:submit")).click();
        Chromium.await(korean, 20, ExpectedConditions.presenceOfElementLocated(By.id("executions")));
        assertThat(korean.findElement(By.id("page-title")).getText()).isEqualTo("배치 작업");
        assertThat(korean.findElement(By.id("schedules")).getText()).contains("매일 실행 시각");
        // the newest execution is the first row: ours
        var row = korean.findElements(By.cssSelector("#executions tr.execution")).get(0);
        assertThat(row.getText()).startsWith(Long.toString(id));
        row.findElement(By.cssSelector("input.abandon")).click();
        Chromium.await(korean, 20, ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "실행 " + id + "을(를) 포기했습니다"));
        assertThat(Http.json(Accounts.call("GET", "/api/admin/jobs/executions/" + id, admin, null))
                .getString("batchStatus")).isEqualTo("ABANDONED");
    }
}
