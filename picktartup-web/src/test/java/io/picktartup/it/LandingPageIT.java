package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page in headless Chromium (Debian's chromium and chromium-driver): language switch, the rounds open now and
 * the platform's totals, the new-rounds mail form.
 */
@ExtendWith(RunningPlatform.class)
class LandingPageIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void landingPageSpeaksKoreanFirstAndSwitchesToEnglishAndBack() {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        assertThat(title()).isEqualTo("믿는 스타트업에 1,000원부터 투자하세요");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ko");
        assertThat(browser.findElement(By.id("nav-home")).getText()).isEqualTo("홈");

        browser.findElement(By.id("lang-en")).click();
        browser.await(ExpectedConditions.textToBe(By.id("hero-title"), "Invest in startups you believe in, from ₩1,000"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("nav-home")).getText()).isEqualTo("Home");

        // the choice sticks for the session, also on a fresh GET
        browser.get(RunningPlatform.uri("/").toString());
        assertThat(title()).isEqualTo("Invest in startups you believe in, from ₩1,000");

        browser.findElement(By.id("lang-ko")).click();
        browser.await(ExpectedConditions.textToBe(By.id("hero-title"), "믿는 스타트업에 1,000원부터 투자하세요"));
    }

    @Test
    void visitorJoinsTheWaitlistFromThePage() throws SQLException {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        browser.findElement(By.id("waitlist:email")).sendKeys("browser.visitor@example.com");
        browser.findElement(By.id("waitlist:join")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("waitlist:messages"), "감사합니다"));
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
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        assertThat(browser.findElement(By.cssSelector(".field-error")).getText()).isNotBlank();
        assertThat(browser.findElements(By.id("waitlist:email"))).hasSize(1);
    }

    @Test
    void theFrontDoorShowsOpenRoundsAndTotalsAndNoWaitlistOnceRoundsExist() throws Exception {
        var startup = Funding.startup("Front Door 프론트");
        Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        browser.findElement(By.id("lang-en")).click();
        browser.await(ExpectedConditions.textToBe(By.id("hero-title"), "Invest in startups you believe in, from ₩1,000"));

        long open = Long.parseLong(browser.findElement(By.id("total-open")).getText());
        assertThat(open).isEqualTo(openRoundsNow());
        var cards = browser.findElements(By.cssSelector("#open-rounds .round-card"));
        assertThat(cards).hasSize((int) Math.min(3, open));
        assertThat(browser.findElements(By.id("no-open-rounds"))).isEmpty();
        // each card leads to its round
        assertThat(browser.findElements(By.cssSelector("#open-rounds a.round-link")))
                .allSatisfy(link -> assertThat(link.getDomAttribute("href")).contains("/rounds/round.xhtml?id="));
        assertThat(Long.parseLong(browser.findElement(By.id("total-funded")).getText())).isNotNegative();
        assertThat(Long.parseLong(browser.findElement(By.id("total-investors")).getText())).isNotNegative();
        assertThat(browser.findElement(By.id("total-invested")).getText()).contains("PKN").contains("₩");
        // rounds exist: no "the first rounds open soon", no dead menu item
        assertThat(browser.findElement(By.id("waitlist-title")).getText()).isEqualTo("New rounds by email");
        assertThat(browser.getPageSource()).doesNotContain("open soon").doesNotContain("coming soon");
        assertThat(browser.findElements(By.cssSelector("nav .soon"))).isEmpty();

        browser.findElement(By.id("lang-ko")).click();
        browser.await(ExpectedConditions.textToBe(By.id("waitlist-title"), "새 라운드 이메일 알림"));
        assertThat(browser.findElement(By.id("open-rounds")).getText()).contains("지금 투자할 수 있는 라운드");
        if (!cards.isEmpty()) {
            // time left the Korean way
            assertThat(browser.findElement(By.id("open-rounds")).getText()).containsPattern("\\d+(일|시간|분)");
        }
    }

    /** Rounds taking investments at business time now, straight from the database. */
    private static long openRoundsNow() throws SQLException {
        try (var connection = RunningPlatform.database();
             var statement = connection.prepareStatement(
                     "select count(*) from funding_round where status = 'OPEN' and deadline > ?")) {
            statement.setObject(1, java.time.OffsetDateTime.ofInstant(TimeTravel.now(), java.time.ZoneOffset.UTC));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String title() {
        return browser.findElement(By.id("hero-title")).getText();
    }
}
