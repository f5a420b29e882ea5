package io.picktartup.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console's pages for what admins did over REST only: rounds (progress, verdict, "reconcile now"), the
 * audit log (filtered by actor, subject and days), the mail outbox and the payments (notifications, payouts), each
 * in Korean and in English, reached from the admin menu; an investor is refused every one of them.
 */
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesIT {

    private static final List<String> PAGES = List.of("/admin/rounds.xhtml", "/admin/audit-log.xhtml",
            "/admin/mail.xhtml", "/admin/payments.xhtml", "/admin/news.xhtml");

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    @Order(1)
    void anAdminReconcilesARoundItSeesWithItsProgressAndVerdict() throws Exception {
        var startup = Funding.startup("Admin rounds");
        String round = Funding.openRound(startup, "100", "1000", "1", 10_000, Funding.inDays(6)).getString("id");

        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/rounds.xhtml");
        browser.await(By.id("rounds:table"));
        assertThat(browser.text(By.id("page-title"))).isEqualTo("라운드 (관리자)");
        WebElement row = row(round);
        assertThat(row.getText()).contains(startup.name()).contains("0 PKN / 100 PKN (0%)");
        assertThat(row.findElement(By.cssSelector(".round-status")).getAttribute("data-status")).isEqualTo("OPEN");
        assertThat(row.findElement(By.cssSelector(".round-status")).getText()).isEqualTo("모집 중");
        assertThat(row.findElement(By.cssSelector(".round-investors")).getText()).isEqualTo("0");

        row.findElement(By.cssSelector("input.reconcile")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("rounds:messages"), "대조했습니다"));
        // the verdict the page shows is the one the button stored: the public audit reads the same
        var audit = Http.json(Http.get("/api/rounds/" + round + "/audit", java.util.Map.of()));
        assertThat(audit.getString("checkedAt")).isNotBlank();
        row = row(round);
        assertThat(row.findElement(By.cssSelector(".round-verdict")).getAttribute("data-status"))
                .isEqualTo(audit.getString("verdict")).isIn("OK", "PENDING");
        assertThat(row.findElements(By.cssSelector(".round-checked"))).isNotEmpty();

        browser.english();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "Rounds (admin)"));
        row = row(round);
        assertThat(row.findElement(By.cssSelector(".round-status")).getText()).isEqualTo("Open");
        assertThat(row.findElement(By.cssSelector("input.reconcile")).getAttribute("value")).isEqualTo("Reconcile now");
        browser.korean();
    }

    @Test
    @Order(2)
    void theAuditLogFiltersByActorSubjectAndDays() throws Exception {
        var investor = Accounts.Session.open("audit-page");
        var changed = Accounts.call("PUT", "/api/admin/accounts/" + investor.id() + "/category", Funding.admin(),
                Accounts.body("category", "QUALIFIED"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/audit-log.xhtml");
        browser.await(By.id("events"));
        assertThat(browser.text(By.id("page-title"))).isEqualTo("감사 기록");
        browser.findElement(By.id("subject")).sendKeys(investor.id());
        browser.findElement(By.id("type")).sendKeys("account");
        browser.findElement(By.id("search")).click();
        browser.await(ExpectedConditions.urlContains("subject=" + investor.id()));
        var actions = browser.findElements(By.cssSelector(".event-action")).stream().map(WebElement::getText).toList();
        assertThat(actions).contains("account.category-changed");
        assertThat(browser.findElements(By.cssSelector(".event-subject")))
                .allMatch(s -> s.getText().equals(investor.id()));
        String admin = browser.findElements(By.cssSelector("tr.audit-event")).stream()
                .filter(r -> r.getText().contains("account.category-changed")).findFirst().orElseThrow()
                .findElement(By.cssSelector(".event-actor")).getText();
        assertThat(browser.text(By.id("events"))).contains("GENERAL").contains("QUALIFIED");

        // by actor and today: the change is there; a range of past days finds nothing of it
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        browser.open("/admin/audit-log.xhtml?actor=" + admin + "&subject=" + investor.id() + "&from=" + today + "&to=" + today);
        browser.await(By.id("events"));
        assertThat(browser.findElements(By.cssSelector(".event-actor"))).isNotEmpty()
                .allMatch(a -> a.getText().equals(admin));
        assertThat(browser.text(By.id("events"))).contains("account.category-changed");
        String past = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        browser.open("/admin/audit-log.xhtml?subject=" + investor.id() + "&from=" + past + "&to=" + past);
        browser.await(By.id("no-events"));
        assertThat(browser.findElements(By.cssSelector("tr.audit-event"))).isEmpty();

        // a malformed day is named, and nothing is shown
        browser.open("/admin/audit-log.xhtml?subject=" + investor.id() + "&from=2026-13-45");
        browser.await(By.id("messages"));
        assertThat(browser.text(By.id("messages"))).contains("from");
        assertThat(browser.findElements(By.cssSelector("tr.audit-event"))).isEmpty();

        browser.open("/admin/audit-log.xhtml?subject=" + investor.id());
        browser.english();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "Audit log"));
        assertThat(browser.text(By.id("events"))).contains("Subject id").contains("account.category-changed");
        browser.korean();
    }

    @Test
    @Order(3)
    void theMailOutboxShowsTheMailATestCaused() throws Exception {
        var investor = Accounts.Session.open("mail-page");
        String email = investor.email().toLowerCase(java.util.Locale.ROOT);

        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/mail.xhtml");
        browser.await(By.id("mails"));
        assertThat(browser.text(By.id("page-title"))).isEqualTo("메일 발송함");
        Chromium.await(browser, 30, b -> {
            b.navigate().refresh();
            return mailRow(email) != null && "SENT".equals(mailRow(email).findElement(By.cssSelector(".mail-status"))
                    .getAttribute("data-status"));
        });
        var row = mailRow(email);
        assertThat(row.findElement(By.cssSelector(".mail-status")).getText()).isEqualTo("발송됨");
        // the attempts the page shows are the outbox's, as the REST view reads them
        var response = Accounts.call("GET", "/api/admin/mails?status=SENT&limit=1000", Funding.admin(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        jakarta.json.JsonArray listed;
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))) {
            listed = reader.readArray();
        }
        int attempts = listed.getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(m -> m.getString("recipient").equalsIgnoreCase(email)).findFirst().orElseThrow().getInt("attempts");
        assertThat(row.findElement(By.cssSelector(".mail-attempts")).getText()).isEqualTo(String.valueOf(attempts));

        browser.open("/admin/mail.xhtml?status=SENT");
        browser.await(By.id("mails"));
        assertThat(browser.findElements(By.cssSelector(".mail-status"))).isNotEmpty()
                .allMatch(s -> "SENT".equals(s.getAttribute("data-status")));
        assertThat(mailRow(email)).isNotNull();
        browser.open("/admin/mail.xhtml?status=FAILED");
        browser.await(By.id("mails"));
        assertThat(mailRow(email)).isNull();

        browser.english();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "Mail outbox"));
        assertThat(browser.text(By.id("filters"))).contains("Sent").contains("Failed");
        browser.korean();
    }

    @Test
    @Order(4)
    void thePaymentsPageShowsAReturnedPaymentAndAPayout() throws Exception {
        var buyer = Accounts.Session.open("payments-page");
        var placed = Accounts.call("POST", "/api/accounts/me/coin-orders", buyer.accessToken(), "{\"krwAmount\": 3000}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String paymentId = Http.json(placed).getString("paymentId");
        RunningPlatform.platform().paymentSandbox().create(paymentId,
                io.picktartup.launcher.sandbox.SandboxPayment.Status.PAID, 3000, "KRW", "3 PKN");
        var confirmed = Accounts.call("POST", "/api/accounts/me/coin-orders/" + paymentId + "/confirm",
                buyer.accessToken(), null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        Funding.fund(buyer.walletAddress(), 5);
        String cashOut = Http.json(PayoutIT.cashOut(buyer, "2", PayoutIT.newAccountNumber())).getString("id");
        PayoutIT.await(buyer, cashOut, "PAID", Duration.ofSeconds(90));

        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/payments.xhtml");
        browser.await(By.id("notices"));
        assertThat(browser.text(By.id("page-title"))).isEqualTo("결제");
        var notice = browser.findElements(By.cssSelector("tr.notice")).stream()
                .filter(r -> r.getText().contains(paymentId)).findFirst().orElseThrow();
        assertThat(notice.findElement(By.cssSelector(".notice-outcome")).getAttribute("data-status")).isEqualTo("CREDITED");
        assertThat(notice.findElement(By.cssSelector(".notice-outcome")).getText()).isEqualTo("적립됨");
        var payout = browser.findElements(By.cssSelector("tr.payout")).stream()
                .filter(r -> r.getText().contains(cashOut)).findFirst().orElseThrow();
        assertThat(payout.findElement(By.cssSelector(".payout-status")).getAttribute("data-status")).isEqualTo("PAID");
        assertThat(payout.findElement(By.cssSelector(".payout-status")).getText()).isEqualTo("지급됨");

        browser.english();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "Payments"));
        assertThat(browser.text(By.id("notices"))).contains(paymentId).contains("Credited");
        assertThat(browser.text(By.id("payouts"))).contains(cashOut).contains("Paid");
        browser.korean();
    }

    @Test
    @Order(5)
    void anAdminAddsAndRemovesANewsSourceAndAPrivateAddressIsNamed() {
        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/news.xhtml");
        browser.await(By.id("news:sources"));
        assertThat(browser.text(By.id("page-title"))).isEqualTo("뉴스 출처와 수집 실행");
        // a private address is refused, naming the field, and nothing is added
        browser.findElement(By.id("news:url")).sendKeys("http://10.0.0.7/feed.xml");
        browser.findElement(By.id("news:name")).sendKeys("Private");
        browser.findElement(By.id("news:add")).click();
        // named by its label in the page's language
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("news:messages"), "URL"));
        assertThat(browser.text(By.id("news:sources"))).doesNotContain("10.0.0.7");

        String url = "https://press.example.com/admin-page-" + System.nanoTime() + ".xml";
        browser.findElement(By.id("news:url")).clear();
        browser.findElement(By.id("news:url")).sendKeys(url);
        browser.findElement(By.id("news:name")).clear();
        browser.findElement(By.id("news:name")).sendKeys("Press (page)");
        browser.findElement(By.id("news:enabled")).click();
        browser.findElement(By.id("news:add")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("news:sources"), url));
        var listed = Accounts.call("GET", "/api/admin/news/sources", Funding.admin(), null);
        assertThat(listed.body()).contains(url).contains("\"enabled\":false");

        browser.english();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "News sources and crawl runs"));
        var source = browser.findElements(By.cssSelector("tr.news-source")).stream()
                .filter(r -> r.getText().contains(url)).findFirst().orElseThrow();
        source.findElement(By.cssSelector("input.remove-source")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("news:messages"), "removed"));
        assertThat(browser.text(By.id("news:sources"))).doesNotContain(url);
        assertThat(Accounts.call("GET", "/api/admin/news/sources", Funding.admin(), null).body()).doesNotContain(url);
        browser.korean();
    }

    @Test
    @Order(6)
    void theAdminMenuLeadsToEveryAdminPage() {
        browser.logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/rounds.xhtml");
        browser.await(By.id("admin-nav"));
        var links = browser.findElements(By.cssSelector("#admin-nav a")).stream()
                .map(a -> a.getAttribute("href")).toList();
        assertThat(links).hasSize(16);
        for (String link : links) {
            browser.get(link);
            browser.await(By.id("page-title"));
            assertThat(browser.findElements(By.cssSelector("body.error-page"))).as(link).isEmpty();
            assertThat(browser.text(By.id("page-title"))).as(link).isNotBlank();
        }
        assertThat(links).anyMatch(l -> l.contains("/admin/rounds.xhtml")).anyMatch(l -> l.contains("/admin/audit-log.xhtml"))
                .anyMatch(l -> l.contains("/admin/mail.xhtml")).anyMatch(l -> l.contains("/admin/payments.xhtml"));
    }

    @Test
    @Order(7)
    void anInvestorIsRefusedEveryAdminPage() {
        var investor = Accounts.Session.open("admin-pages-investor");
        browser.logIn(investor.email(), Accounts.PASSWORD, "/my/index.xhtml");
        browser.await(By.id("wallet-address"));
        assertThat(browser.findElements(By.id("admin-nav"))).isEmpty();
        for (String page : PAGES) {
            browser.open(page);
            browser.await(By.cssSelector("body.error-page"));
            assertThat(browser.getPageSource()).as(page).contains("403").doesNotContain("page-title");
        }
        var anonymous = Http.get("/admin/audit-log.xhtml", java.util.Map.of());
        assertThat(anonymous.statusCode()).isIn(302, 303);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login.xhtml"));
    }

    private static WebElement row(String roundId) {
        return Chromium.await(browser, 20, b -> b.findElements(By.cssSelector("tr.admin-round")).stream()
                .filter(r -> r.findElement(By.cssSelector(".round-id")).getText().equals(roundId)).findFirst()
                .orElse(null));
    }

    private static WebElement mailRow(String email) {
        return browser.findElements(By.cssSelector("tr.mail")).stream()
                .filter(r -> r.findElement(By.cssSelector(".mail-recipient")).getText().equalsIgnoreCase(email))
                .findFirst().orElse(null);
    }
}
