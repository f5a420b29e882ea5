package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup catalogue and a startup's page in a real browser: a Korean partial word finds a startup (and not its
 * neighbour), its page draws the SSI, MAU, revenue and headcount charts from real data and lists the team, the
 * funding history and the news (web links only); a sector filter and the result pages work through plain GET URLs.
 */
@ExtendWith(RunningPlatform.class)
class StartupPagesIT {

    private static final YearMonth LAST_MONTH = YearMonth.now(ZoneId.of("Asia/Seoul")).minusMonths(1);
    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void aKoreanPartialWordFindsAStartupWhosePageChartsItsFigures() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        // "달빛고래" and "별빛나무" share the syllable 빛, but only the first has the two-syllable piece 빛고
        var whale = Funding.startup("달빛고래");
        var tree = Funding.startup("별빛나무");
        describe(whale, "Moonwhale " + tag, "Logistics", "SERIES_A");
        describe(tree, "Startree " + tag, "HealthTech", "SEED");
        team(whale, "김달빛 (Dalbit Kim)", "CEO", "이고래 (Gorae Lee)", "CTO", "박바다 (Bada Park)", "CFO");
        team(tree, "최별 (Byul Choi)", "CEO", "정나무 (Namu Jung)", "CTO", "한숲 (Soop Han)", "COO");
        figures(whale, 14, 1_000, 40_000_000);
        figures(tree, 14, 500, 10_000_000);
        var outside = Accounts.call("POST", "/api/startups/" + whale.id() + "/external-rounds", whale.ceo().accessToken(),
                Accounts.body("roundName", "Seed", "announcedOn", LAST_MONTH.minusMonths(10).atDay(5).toString(),
                        "amountKrw", "1500000000", "investors", "한빛벤처스"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(201);
        var round = Funding.openRound(whale, "200", "1000", "10", 10_000, Funding.inDays(14));
        // two articles as the news crawl stores them (NewsIT tests the crawl): one with a hostile link
        article(whale, "https://news.example.com/moonwhale-series-a", "달빛고래, 시리즈 A 유치", 2);
        article(whale, "javascript:alert(1)", "수상한 링크의 기사", 1);
        scoreEveryStartup();

        // the catalogue: type two syllables from the middle of a Korean name
        browser.get(RunningPlatform.uri("/startups/").toString());
        browser.await(30, ExpectedConditions.presenceOfElementLocated(By.id("q")));
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("스타트업");
        browser.findElement(By.id("q")).sendKeys("빛고");
        browser.findElement(By.id("search-submit")).click();
        browser.await(20, ExpectedConditions.urlContains("q="));
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("result-count")));
        assertThat(names()).contains(whale.name()).doesNotContain(tree.name());
        assertThat(browser.findElement(By.id("q")).getAttribute("value")).isEqualTo("빛고");
        var card = card(whale.name());
        assertThat(card.getText()).contains("Moonwhale " + tag).contains("시리즈 A").contains("Logistics")
                .contains(round.getString("name"));
        assertThat(card.findElement(By.cssSelector(".ssi-badge")).getText()).matches("SSI \\d{1,3}(\\.\\d)?");

        // its page: profile, charts with data, team, funding history with the Picktartup round linked
        card.findElement(By.cssSelector(".startup-link")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("team")));
        assertThat(browser.findElement(By.id("page-title")).getText()).contains(whale.name());
        for (String chart : List.of("ssi-pillars-chart", "ssi-history-chart", "mau-chart", "revenue-chart",
                "headcount-chart")) {
            var canvas = browser.findElement(By.cssSelector("#" + chart + " canvas"));
            assertThat(canvas.isDisplayed()).as(chart).isTrue();
            browser.await(20, (ExpectedCondition<Boolean>) driver -> pointsIn(chart) > 0);
            assertThat(((Number) js("return document.querySelector('#" + chart + " canvas').width")).intValue())
                    .as(chart + " width").isPositive();
        }
        assertThat(pointsIn("mau-chart")).isEqualTo(14);
        assertThat(pointsIn("ssi-pillars-chart")).isEqualTo(4);
        assertThat(browser.findElement(By.id("ssi-explanation")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("ssi-overall")).getText()).matches("\\d{1,3}(\\.\\d)?");
        assertThat(browser.findElements(By.id("ssi-none"))).as("no 'not enough data' beside a score").isEmpty();
        assertThat(browser.findElements(By.cssSelector("#team .member-name"))).extracting(WebElement::getText)
                .containsExactly("김달빛 (Dalbit Kim)", "이고래 (Gorae Lee)", "박바다 (Bada Park)");
        assertThat(browser.findElement(By.id("funding")).getText()).contains("한빛벤처스").contains("₩1,500,000,000");
        assertThat(browser.findElement(By.cssSelector(".funding-round-link")).getAttribute("href"))
                .contains("/rounds/round.xhtml?id=" + round.getString("id"));
        assertThat(browser.findElement(By.id("invest")).getAttribute("href")).contains("round=" + round.getString("id"));
        var articles = browser.findElements(By.cssSelector("#news-list .news-link"));
        assertThat(articles).extracting(WebElement::getText).containsExactly("수상한 링크의 기사", "달빛고래, 시리즈 A 유치");
        assertThat(articles.get(1).getAttribute("href")).isEqualTo("https://news.example.com/moonwhale-series-a");
        assertThat(articles.get(0).getAttribute("href")).doesNotStartWith("javascript:");
        screenshot("startup-page");

        // switching the language (a post back to the same page) keeps the startup on screen
        browser.findElement(By.id("lang-en")).click();
        browser.await(20, ExpectedConditions.textToBe(By.id("team-heading"), "Team"));
        assertThat(browser.findElement(By.id("page-title")).getText()).contains(whale.name());
        browser.await(20, (ExpectedCondition<Boolean>) driver -> pointsIn("mau-chart") == 14);
        browser.findElement(By.id("lang-ko")).click();
        browser.await(20, ExpectedConditions.textToBe(By.id("team-heading"), "팀"));

        // a sector filter, chosen from the sectors the catalogue lists, narrows an English search
        browser.get(RunningPlatform.uri("/startups/index.xhtml?q=" + tag).toString());
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("result-count")));
        assertThat(names()).contains(whale.name(), tree.name());
        new Select(browser.findElement(By.id("sector"))).selectByValue("HealthTech");
        browser.findElement(By.id("filter-submit")).click();
        browser.await(20, ExpectedConditions.urlContains("sector=HealthTech"));
        assertThat(names()).containsExactly(tree.name());
        screenshot("catalogue-filtered");
    }

    @Test
    void resultsComeInPagesWhoseLinksKeepTheSearch() throws Exception {
        String tag = "pg" + UUID.randomUUID().toString().substring(0, 6);
        var first = Funding.startup("페이지 " + tag);
        // one CEO may lead several startups: thirteen more cost no sign-ups
        for (int i = 1; i <= 13; i++) {
            var created = Accounts.call("POST", "/api/admin/startups", Funding.admin(), Accounts.body(
                    "name", "페이지 " + tag + " " + i, "pitch", "pagination " + tag, "description", "목록 " + tag,
                    "sector", "EdTech", "foundedOn", "2022-01-0" + (1 + i % 9), "ceoAccountId", first.ceo().id(),
                    "walletAddress", first.wallet()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        browser.get(RunningPlatform.uri("/startups/index.xhtml?q=" + tag + "&sort=newest").toString());
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("pagination")));
        assertThat(browser.findElement(By.id("result-count")).getText()).contains("14");
        var firstPage = names();
        assertThat(firstPage).hasSize(12);
        browser.findElement(By.id("page-next")).click();
        browser.await(20, ExpectedConditions.urlContains("page=1"));
        var secondPage = names();
        assertThat(secondPage).hasSize(2).doesNotContainAnyElementsOf(firstPage);
        assertThat(browser.getCurrentUrl()).contains("sort=newest").contains("q=" + tag);

        // a startup without figures has no index and no charts, and says so
        browser.findElement(By.cssSelector("#results .startup-link")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("ssi-none")));
        assertThat(browser.findElement(By.id("ssi-none")).getText()).isEqualTo("데이터 부족");
        assertThat(browser.findElements(By.cssSelector("#ssi-pillars-chart, #mau-chart"))).isEmpty();
        assertThat(browser.findElement(By.id("no-figures")).isDisplayed()).isTrue();

    }

    private static void describe(Funding.Startup startup, String nameEn, String sector, String stage) {
        var response = Accounts.call("PUT", "/api/startups/" + startup.id() + "/profile", startup.ceo().accessToken(),
                Accounts.body("name", startup.name(), "nameEn", nameEn, "pitch", "한 줄 소개 / " + nameEn,
                        "description", startup.name() + "의 소개입니다.\n\nAbout " + nameEn + ".", "sector", sector,
                        "stage", stage, "foundedOn", "2021-03-02", "website", "https://www.example.com"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void team(Funding.Startup startup, String... namesAndRoles) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (int i = 0; i < namesAndRoles.length; i += 2) {
            members.add(Json.createObjectBuilder().add("name", namesAndRoles[i]).add("role", namesAndRoles[i + 1])
                    .add("joinedOn", "2021-03-02"));
        }
        var response = Accounts.call("PUT", "/api/startups/" + startup.id() + "/team", startup.ceo().accessToken(),
                members.build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** {@code months} of growing figures ending last month. */
    private static void figures(Funding.Startup startup, int months, long mau, long revenue) {
        JsonArrayBuilder figures = Json.createArrayBuilder();
        for (int i = 0; i < months; i++) {
            double growth = Math.pow(1.08, i);
            figures.add(Json.createObjectBuilder()
                    .add("period", LAST_MONTH.minusMonths(months - 1L - i).toString())
                    .add("headcount", 8 + i / 2).add("mau", Math.round(mau * growth)).add("retention", 0.45)
                    .add("revenueKrw", Math.round(revenue * growth))
                    .add("operatingProfitKrw", Math.round(revenue * growth) - 60_000_000)
                    .add("cashKrw", 2_000_000_000L - i * 30_000_000L).add("burnKrw", 30_000_000));
        }
        var response = Accounts.call("PUT", "/api/startups/" + startup.id() + "/figures", startup.ceo().accessToken(),
                figures.build().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void article(Funding.Startup startup, String url, String title, int daysAgo) throws Exception {
        try (var connection = RunningPlatform.database(); var insert = connection.prepareStatement("""
                insert into news_article (id, startup_id, url, title, title_normalised, source_name, published_at,
                                          summary, fetched_at)
                values (?, ?, ?, ?, ?, '테스트 뉴스', now() - make_interval(days => ?), '요약 / summary', now())""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.fromString(startup.id()));
            insert.setString(3, url);
            insert.setString(4, title);
            insert.setString(5, title.replaceAll("\\W", "").toLowerCase());
            insert.setInt(6, daysAgo);
            insert.executeUpdate();
        }
    }

    /** Runs the SSI job now, as an admin would, and waits for it to end well. */
    private static void scoreEveryStartup() throws Exception {
        var started = Accounts.call("POST", "/api/admin/jobs/ssi-scoring", Funding.admin(), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        var ended = SettlementIT.awaitJob(Http.json(started).getJsonNumber("id").longValue());
        assertThat(ended.getString("batchStatus")).as(ended.toString()).isEqualTo("COMPLETED");
    }

    private static List<String> names() {
        return browser.findElements(By.cssSelector("#results .startup-link")).stream().map(WebElement::getText).toList();
    }

    private static WebElement card(String name) {
        return browser.findElements(By.cssSelector("#results .startup-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".startup-link")).getText().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The number of data points in the chart's first data set, as Chart.js holds them (0 if not drawn yet). */
    private static long pointsIn(String chart) {
        Object points = js("var c = window.Chart && Chart.getChart(document.querySelector('#" + chart + " canvas'));"
                + " return c ? c.data.datasets[0].data.filter(function (v) { return v !== null; }).length : 0;");
        return ((Number) points).longValue();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "StartupPagesIT-" + name + ".png");
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
