package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's admin pages for what admins did over REST only: the operator switches (investments and signups open or
 * closed), the waitlist with its CSV export, the startups (search, open round), and the jobs' schedules changed on the
 * jobs page; in Korean and English; an investor is refused each of them.
 */
@ExtendWith(RunningPlatform.class)
class AdminOperationsPagesIT {

    private static final List<String> PAGES = List.of("/admin/settings.xhtml", "/admin/waitlist.xhtml",
            "/admin/startups.xhtml");

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void anAdminRunsTheSwitchesTheWaitlistTheStartupsAndTheSchedulesFromThePages() throws Exception {
        String email = Accounts.email("waitlist-page");
        Http.post("/api/waitlist", "application/json", "{\"email\":\"" + email + "\",\"language\":\"en\",\"consent\":true}");
        var startup = Funding.startup("운영 페이지 Robotics");
        Funding.openRound(startup, "100", "1000", "1", 10_000, Funding.inDays(6));

        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/settings.xhtml");
        try {
            // settings, in Korean: close new investments, see it stored, open them again
            browser.await(By.id("switches"));
            assertThat(browser.text(By.id("page-title"))).isEqualTo("설정");
            assertThat(state("platform.investments-open").getText()).isEqualTo("열림");
            row("platform.investments-open").findElement(By.cssSelector("input.setting-close")).click();
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "설정을 바꿨습니다"));
            assertThat(state("platform.investments-open").getAttribute("data-value")).isEqualTo("false");
            assertThat(state("platform.investments-open").getText()).isEqualTo("닫힘");
            assertThat(setting("platform.investments-open")).isEqualTo("false");
            row("platform.investments-open").findElement(By.cssSelector("input.setting-open")).click();
            browser.await(ExpectedConditions.attributeToBe(By.cssSelector("tr.setting .setting-state"), "data-value", "true"));
            assertThat(setting("platform.investments-open")).isEqualTo("true");
            // the request metrics: on/off words, switched off and on again without a restart
            assertThat(state("observability.request-metrics").getText()).isEqualTo("켜짐");
            row("observability.request-metrics").findElement(By.cssSelector("input.setting-close")).click();
            Chromium.await(browser, 20, b -> "false".equals(state("observability.request-metrics")
                    .getAttribute("data-value")) ? Boolean.TRUE : null);
            assertThat(state("observability.request-metrics").getText()).isEqualTo("꺼짐");
            assertThat(row("observability.request-metrics").findElement(By.cssSelector("input.setting-open"))
                    .getAttribute("value")).isEqualTo("켜기");
            assertThat(setting("observability.request-metrics")).isEqualTo("false");
            row("observability.request-metrics").findElement(By.cssSelector("input.setting-open")).click();
            Chromium.await(browser, 20, b -> "true".equals(state("observability.request-metrics")
                    .getAttribute("data-value")) ? Boolean.TRUE : null);
            assertThat(setting("observability.request-metrics")).isEqualTo("true");
            browser.english();
            browser.await(ExpectedConditions.textToBe(By.id("page-title"), "Settings"));
            assertThat(state("platform.signups-open").getText()).isEqualTo("Open");
            assertThat(row("platform.signups-open").getText()).contains("New signups");
            assertThat(state("observability.access-log").getText()).isEqualTo("On");
            assertThat(row("observability.access-log").getText()).contains("Access log");

            // the waitlist, in English
            browser.open("/admin/waitlist.xhtml");
            browser.await(By.id("entries"));
            assertThat(browser.text(By.id("page-title"))).isEqualTo("Waitlist (admin)");
            assertThat(Long.parseLong(browser.text(By.id("waitlist-size")))).isPositive();
            assertThat(browser.text(By.id("entries"))).contains(email.toLowerCase()).contains("English");
            assertThat(browser.findElement(By.id("export-csv")).getAttribute("value")).isEqualTo("Download CSV");

            // the startups: a search finds the one with its open round
            browser.open("/admin/startups.xhtml");
            browser.await(By.id("q"));
            assertThat(browser.text(By.id("page-title"))).isEqualTo("Startups (admin)");
            browser.findElement(By.id("q")).sendKeys("운영 페이지");
            browser.findElement(By.id("find")).click();
            var found = Chromium.await(browser, 30, b -> b.findElements(By.cssSelector("tr.admin-startup")).stream()
                    .filter(r -> r.getText().contains(startup.name())).findFirst().orElse(null));
            assertThat(found.findElement(By.cssSelector(".startup-round")).getAttribute("data-status")).isEqualTo("OPEN");
            assertThat(found.getText()).contains("0%");

            // the schedules on the jobs page: a wrong time is refused, "off" is stored, then the time comes back
            browser.korean();
            browser.open("/admin/jobs.xhtml");
            browser.await(By.id("schedules"));
            WebElement news = schedule("news-crawl");
            String original = news.findElement(By.cssSelector(".schedule-at")).getAttribute("data-at");
            type(news, "25:00");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "HH:mm"));
            assertThat(schedule("news-crawl").findElement(By.cssSelector(".schedule-at")).getAttribute("data-at")).isEqualTo(original);
            type(schedule("news-crawl"), "off");
            browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "일정을 바꿨습니다"));
            assertThat(schedule("news-crawl").findElement(By.cssSelector(".schedule-at")).getText()).isEqualTo("꺼짐");
            assertThat(schedule("news-crawl").findElement(By.cssSelector(".schedule-at")).getAttribute("data-at")).isEqualTo("off");
            assertThat(schedule("news-crawl").findElement(By.cssSelector(".schedule-next")).getText()).isBlank();
            type(schedule("news-crawl"), original);
            Chromium.await(browser, 30, b -> original.equals(schedule("news-crawl")
                    .findElement(By.cssSelector(".schedule-at")).getAttribute("data-at")) ? Boolean.TRUE : null);
        } finally {
            for (String key : List.of("platform.investments-open", "platform.signups-open", "observability.request-metrics")) {
                Accounts.call("PUT", "/api/admin/settings/" + key, Funding.admin(), Accounts.body("value", "true"));
            }
        }
        var schedules = Accounts.call("GET", "/api/admin/jobs/schedules", Funding.admin(), null).body();
        assertThat(schedules).doesNotContain("\"at\":\"off\"");
    }

    @Test
    void anInvestorIsRefusedTheOperationsPages() {
        var investor = Accounts.Session.open("ops-pages-investor");
        browser.logIn(investor.email(), Accounts.PASSWORD, "/my/index.xhtml");
        browser.await(By.id("wallet-address"));
        for (String page : PAGES) {
            browser.open(page);
            browser.await(By.cssSelector("body.error-page"));
            assertThat(browser.getPageSource()).as(page).contains("403").doesNotContain("page-title");
        }
    }

    private static WebElement row(String key) {
        return Chromium.await(browser, 20, b -> b.findElements(By.cssSelector("tr.setting")).stream()
                .filter(r -> r.findElement(By.cssSelector(".setting-name")).getAttribute("data-key").equals(key))
                .findFirst().orElse(null));
    }

    private static WebElement state(String key) {
        return row(key).findElement(By.cssSelector(".setting-state"));
    }

    private static WebElement schedule(String job) {
        return Chromium.await(browser, 20, b -> b.findElements(By.cssSelector("tr.schedule")).stream()
                .filter(r -> r.findElement(By.cssSelector(".schedule-job")).getAttribute("data-job").equals(job))
                .findFirst().orElse(null));
    }

    private static void type(WebElement scheduleRow, String time) {
        var input = scheduleRow.findElement(By.cssSelector("input.schedule-input"));
        input.clear();
        input.sendKeys(time);
        scheduleRow.findElement(By.cssSelector("input.schedule-save")).click();
    }

    private static String setting(String key) {
        var body = Accounts.call("GET", "/api/admin/settings", Funding.admin(), null).body();
        return jakarta.json.Json.createReader(new StringReader(body)).readArray().stream()
                .map(v -> v.asJsonObject()).filter(o -> o.getString("key").equals(key)).findFirst().orElseThrow()
                .getString("value");
    }
}
