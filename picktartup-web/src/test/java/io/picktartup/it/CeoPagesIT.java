package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story of a startup's CEO in a real browser, in Korean: a signed-in investor applies to list their startup
 * (with a supporting document), an admin approves it on the review page, the new CEO finds the workspace in the
 * menu, uploads monthly figures by CSV (a bad file is refused naming every bad line and cell, and stores nothing),
 * edits the team, drafts a round (a bad draft names its fields; amounts shown in PKN and in won the Korean way),
 * opens it and watches it open, and when an investor invests, sees the progress move without a reload, then the
 * investor (name masked) and the mail the round sent.
 */
@ExtendWith(RunningPlatform.class)
class CeoPagesIT {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void applyApprovedFiguresRoundOpenedInvestedAndTheCeoSeesIt() throws Exception {
        var founder = Accounts.Session.open("ceo-page");
        String name = "대표페이지 " + UUID.randomUUID().toString().substring(0, 6);
        String wallet = ChainIT.newAddress();
        Path pdf = Files.createTempFile(Path.of("target").toAbsolutePath(), "certificate", ".pdf"); // goes with the build
        Files.writeString(pdf, "%PDF-1.4\n%%EOF\n", StandardCharsets.US_ASCII);

        // 1. the investor applies; the menu offers the listing, not the workspace
        logIn(founder.email(), Accounts.PASSWORD, "/my/listing.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("apply:name")));
        assertThat(browser.findElements(By.id("nav-listing"))).hasSize(1);
        assertThat(browser.findElements(By.id("nav-ceo"))).isEmpty();
        assertThat(text("page-title")).isEqualTo("스타트업 등록 신청");
        type("apply:name", name);
        type("apply:pitch", "서울의 가장 빠른 픽업");
        type("apply:description", "퀵커머스 물류 스타트업입니다.");
        type("apply:sector", "Logistics");
        new Select(browser.findElement(By.id("apply:stage"))).selectByValue("SEED");
        js("document.getElementById('apply:founded-on').value = '2022-03-02';");
        type("apply:ceo-name", "김대표");
        type("apply:wallet", wallet);
        browser.findElement(By.id("apply:document")).sendKeys(pdf.toAbsolutePath().toString());
        browser.findElement(By.id("apply:submit")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("application-status")));
        assertThat(browser.findElement(By.id("application-status")).getAttribute("data-status")).isEqualTo("SUBMITTED");
        assertThat(text("application-status")).isEqualTo("검토 중");
        assertThat(browser.findElements(By.id("apply:submit"))).as("no second application while one is open").isEmpty();
        screenshot("ceo-listing-submitted");
        logOut();

        // 2. an admin reviews it: the document is listed, approve
        logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/listings.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("decide:listing")));
        var article = browser.findElements(By.cssSelector("article.listing")).stream()
                .filter(a -> a.findElement(By.cssSelector(".listing-name")).getText().equals(name)).findFirst().orElseThrow();
        assertThat(article.findElement(By.cssSelector(".listing-document")).getText()).contains(pdf.getFileName().toString());
        new Select(browser.findElement(By.id("decide:listing"))).selectByValue(article.getAttribute("data-id"));
        browser.findElement(By.id("decide:approve")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "승인되었습니다"));
        logOut();

        // 3. the CEO: the workspace is in the menu now; figures by CSV, a bad file first
        logIn(founder.email(), Accounts.PASSWORD, "/ceo/index.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("startup-name")));
        assertThat(text("startup-name")).isEqualTo(name);
        assertThat(browser.findElements(By.id("nav-ceo"))).hasSize(1);
        assertThat(browser.findElements(By.id("nav-listing"))).isEmpty();
        YearMonth last = YearMonth.now(SEOUL).minusMonths(1);
        upload("period,headcount,mau,revenueKrw\n" + last.minusMonths(1) + ",twelve,1000,5000000\n2026-13,12,1000,-1\n");
        // each bad cell named by its line and column label, in Korean
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "CSV 파일 2번째 줄 › 인원: 정수여야 합니다"));
        assertThat(text("messages")).contains("CSV 파일 3번째 줄 › 월: ").contains("CSV 파일 3번째 줄 › 매출(원): ")
                .doesNotContain("must").doesNotContain("line[");
        assertThat(browser.findElements(By.id("no-figures"))).as("nothing stored").hasSize(1);
        upload("period,headcount,mau,retention,revenueKrw,operatingProfitKrw,cashKrw,burnKrw\n"
                + last.minusMonths(1) + ",10,900,0.35,4000000,-20000000,900000000,30000000\n"
                + last + ",12,1000,0.4,123450000,-18000000,870000000,31000000\n");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "지표를 올렸습니다"));
        assertThat(browser.findElements(By.cssSelector("tr.figure-row"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector(".figure-revenue"))).extracting(WebElement::getText)
                .contains("₩123,450,000 (1억 2,345만원)");
        // the team, one member a line
        var team = browser.findElement(By.id("team-form:team"));
        team.clear();
        team.sendKeys("김대표 | CEO | 2022-03-02 | 창업자\n이기술 | CTO | 2022-05-01 | 물류 시스템");
        browser.findElement(By.id("team-form:save-team")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "팀 정보를 저장했습니다"));
        assertThat(browser.findElement(By.id("team-form:team")).getAttribute("value")).contains("이기술 | CTO");
        // the profile and its aliases: a bad website is named and changes nothing, then a good change is saved
        type("profile-form:aliases", "대표픽업, Daepyo Pickup");
        type("profile-form:website", "ftp://nope");
        browser.findElement(By.id("profile-form:save-profile")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "웹사이트: "));
        assertThat(text("messages")).contains("http(s) 주소여야 합니다").doesNotContain("must");
        type("profile-form:website", "https://daepyo.example.com");
        browser.findElement(By.id("profile-form:save-profile")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "회사 정보를 저장했습니다"));
        assertThat(browser.findElement(By.id("profile-form:aliases")).getAttribute("value"))
                .isEqualTo("대표픽업, Daepyo Pickup");
        var detail = Http.json(Http.get("/api/startups/" + browser.findElement(By.id("to-public")).getAttribute("href")
                .replaceAll(".*[?&]id=([0-9a-f-]+).*", "$1")));
        assertThat(detail.getJsonArray("aliases").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).containsExactly("대표픽업", "Daepyo Pickup");
        assertThat(detail.getString("website")).isEqualTo("https://daepyo.example.com");
        screenshot("ceo-workspace");

        // 4. a round: a bad draft names its fields; a good one shows won beside PKN; open it and watch it open
        browser.findElement(By.id("to-rounds")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("draft-form:name")));
        type("draft-form:name", "시드 라운드");
        type("draft-form:goal", "abc");
        browser.findElement(By.id("draft-form:save-draft")).click();
        // every bad field by its label on the form, and what is wrong with it in Korean, never the API's English
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "목표 금액: "));
        assertThat(text("messages")).contains("최대 모집액: ").contains("마감: ").contains("투자 조건: 입력해 주세요")
                .containsPattern("목표 금액: [^\\n]*[가-힣]").doesNotContain("must").doesNotContain("hardCap");
        type("draft-form:goal", "100");
        type("draft-form:hard-cap", "200");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-form:goal-krw"), "₩100,000 (10만원)"));
        type("draft-form:minimum", "10");
        type("draft-form:price", "10000");
        type("draft-form:valuation", "3000000000");
        String deadline = LocalDateTime.now(SEOUL).plusDays(10).truncatedTo(ChronoUnit.MINUTES).toString();
        js("document.getElementById('draft-form:deadline').value = '" + deadline + "';");
        type("draft-form:terms", "보통주 발행. 투자금은 마감일까지 에스크로에 보관됩니다.");
        browser.findElement(By.id("draft-form:save-draft")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("open-form:open-round")));
        assertThat(status()).isEqualTo("DRAFT");
        assertThat(text("goal")).isEqualTo("100 PKN · ₩100,000 (10만원)");
        assertThat(text("valuation")).isEqualTo("₩3,000,000,000 (30억원)");
        String roundId = browser.getCurrentUrl().replaceAll(".*[?&]id=([0-9a-f-]+).*", "$1");
        browser.findElement(By.id("open-form:open-round")).click();
        // OPENING while the escrow is mined, then the page reloads itself once it is OPEN
        Chromium.await(browser, 60, b -> "OPEN".equals(status()));
        assertThat(text("round-status")).isEqualTo("모집 중");
        assertThat(browser.findElement(By.id("escrow")).getText()).startsWith("0x");
        assertThat(browser.findElements(By.id("no-investors"))).hasSize(1);
        js("window.notReloaded = true;");

        // 5. an investor invests; the CEO's page follows without reloading, then shows the investor and the mail
        var investor = Accounts.Session.open("ceo-page-investor");
        Funding.fund(investor.walletAddress(), 100);
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", "40"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String investmentId = Http.json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + investmentId + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, investmentId, "CONFIRMED");
        Chromium.await(browser, 30, b -> "40".equals(b.findElement(By.id("percent")).getText()));
        assertThat(text("raised")).isEqualTo("40 PKN");
        assertThat(text("investors")).isEqualTo("1");
        assertThat(js("return window.notReloaded === true;")).as("updated in place").isEqualTo(true);
        browser.navigate().refresh();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr.investor-row")));
        assertThat(browser.findElement(By.cssSelector(".investor-name")).getText()).isEqualTo("T***********r");
        assertThat(browser.findElement(By.cssSelector(".investor-amount")).getText()).isEqualTo("40 PKN");
        assertThat(browser.findElement(By.cssSelector(".investor-status")).getAttribute("data-status")).isEqualTo("CONFIRMED");
        assertThat(browser.findElement(By.id("investor-table")).getText()).doesNotContain("Test Investor")
                .doesNotContain(investor.email());
        Chromium.await(browser, 30, b -> {
            b.navigate().refresh();
            return !b.findElements(By.cssSelector("tr.mail-row")).isEmpty();
        });
        assertThat(browser.findElement(By.cssSelector(".mail-subject")).getText()).contains("새 투자 확정");
        assertThat(browser.findElement(By.cssSelector(".mail-recipient")).getText()).isEqualToIgnoringCase(founder.email());
        screenshot("ceo-round");

        // the same page in English
        browser.findElement(By.id("lang-en")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("investor-section"), "Investors"));
        assertThat(text("round-status")).isNotBlank().doesNotContainPattern("[가-힣]");
        browser.findElement(By.id("lang-ko")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("investor-section"), "투자자"));
        logOut();
    }

    @Test
    void anAdminRejectsOnlyWithAReasonWhichTheApplicantReadsInEnglish() throws Exception {
        var founder = Accounts.Session.open("ceo-page-rejected");
        String name = "반려페이지 " + UUID.randomUUID().toString().substring(0, 6);
        var applied = Accounts.call("POST", "/api/accounts/me/listing", founder.accessToken(),
                ListingIT.application(name, ChainIT.newAddress()));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String id = Http.json(applied).getString("id");

        logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/listings.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("decide:listing")));
        new Select(browser.findElement(By.id("decide:listing"))).selectByValue(id);
        browser.findElement(By.id("decide:reject")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "사유: 입력해 주세요"));
        assertThat(browser.findElements(By.cssSelector("article.listing[data-id='" + id + "']"))).as("still open").hasSize(1);
        new Select(browser.findElement(By.id("decide:listing"))).selectByValue(id);
        type("decide:reason", "사업자등록증이 필요합니다");
        browser.findElement(By.id("decide:reject")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "반려되었습니다"));
        assertThat(browser.findElements(By.cssSelector("article.listing[data-id='" + id + "']"))).isEmpty();
        logOut();

        logIn(founder.email(), Accounts.PASSWORD, "/my/listing.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("application-status")));
        browser.findElement(By.id("lang-en")).click();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "List your startup"));
        assertThat(text("application-status")).isEqualTo("Rejected");
        assertThat(text("application-reason")).isEqualTo("사업자등록증이 필요합니다");
        assertThat(browser.findElements(By.id("apply:submit"))).as("a rejected applicant may apply again").hasSize(1);
        browser.findElement(By.id("lang-ko")).click();
        browser.await(ExpectedConditions.textToBe(By.id("page-title"), "스타트업 등록 신청"));
        logOut();
    }

    // --- helpers ---

    private static void upload(String csv) throws Exception {
        Path file = Files.createTempFile("figures", ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        browser.findElement(By.id("csv-form:csv")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("csv-form:upload-csv")).click();
    }

    private static String status() {
        var element = browser.findElements(By.id("round-status"));
        return element.isEmpty() ? null : element.get(0).getAttribute("data-status");
    }

    private static void type(String id, String value) {
        var element = browser.await(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        element.clear();
        element.sendKeys(value);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void logIn(String email, String password, String page) {
        browser.get(RunningPlatform.uri(page).toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-logout")));
    }

    private static void logOut() {
        browser.findElement(By.id("nav-logout")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-login")));
    }

    private static void screenshot(String name) throws Exception {
        var target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
