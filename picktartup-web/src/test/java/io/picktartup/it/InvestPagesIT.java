package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.math.BigInteger;
import java.time.Duration;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Investing in a real browser: the round page with its progress, the invest flow (amount → the contract shown
 * inline → sign with the wallet password), my investments with the contract PDF, the round's progress after.
 */
@ExtendWith(RunningPlatform.class)
class InvestPagesIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void investFromTheRoundPageAndSeeItConfirmed() throws Exception {
        var startup = Funding.startup("브라우저 바이오");
        var round = Funding.openRound(startup, "200", "1000", "10", 10_000, Funding.inDays(14));
        String email = Accounts.email("browser-investor");
        var account = Accounts.signUp(email);
        Funding.fund(account.getString("walletAddress"), 100);

        // anyone sees the round and its progress
        browser.get(RunningPlatform.uri("/rounds/round.xhtml?id=" + round.getString("id")).toString());
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("progress")));
        assertThat(browser.findElement(By.id("page-title")).getText()).contains(startup.name());
        assertThat(browser.findElement(By.id("percent")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("terms")).getText()).contains("에스크로");
        assertThat(browser.findElement(By.id("escrow")).getText()).isEqualTo(round.getString("contractAddress"));

        // investing needs a login: the form login brings the investor back to the invest page
        browser.findElement(By.id("invest")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("reserve:amount")));

        // a bad amount is named on the page; nothing is reserved
        browser.findElement(By.id("reserve:amount")).sendKeys("15");
        browser.findElement(By.id("reserve:submit")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
        assertThat(ChainIT.count("select count(*) from investment where account_id = '" + account.getString("id") + "'"))
                .isZero();

        // a refusal is said in the page's language, from its problem code (never the API's English detail)
        browser.findElement(By.id("reserve:amount")).clear();
        browser.findElement(By.id("reserve:amount")).sendKeys("500");
        browser.findElement(By.id("reserve:submit")).click();
        browser.await(20, ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "PKN이 부족합니다"));
        assertThat(browser.findElement(By.id("messages")).getText()).contains("100 PKN").doesNotContain("Not enough");

        browser.findElement(By.id("reserve:amount")).clear();
        browser.findElement(By.id("reserve:amount")).sendKeys("30");
        browser.findElement(By.id("reserve:submit")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("contract")));
        assertThat(browser.findElement(By.id("shares")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("investment-status")).getDomAttribute("data-status")).isEqualTo("RESERVED");
        assertThat(browser.findElement(By.id("investment-status")).getText()).isEqualTo("예약됨, 서명 대기");
        assertThat(browser.findElement(By.id("contract")).getAttribute("src")).contains("/my/investment-document?id=");

        browser.findElement(By.id("sign:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("sign:submit")).click();
        browser.await(30, ExpectedConditions.urlContains("/my/investments.xhtml"));
        // the list follows the deposit until it is final, without reloading (the mark set on this page stays)
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("investments")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.stillThisPage = true;");
        browser.await(40, ExpectedConditions.attributeToBe(By.cssSelector(".investment-status"), "data-status", "CONFIRMED"));
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.stillThisPage === true;"))
                .as("the list was updated in place, not reloaded").isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector(".investment-status")).getText()).isEqualTo("확정");
        assertThat(browser.findElement(By.cssSelector(".investment-pkn")).getText()).isEqualTo("30 PKN");
        assertThat(browser.findElement(By.cssSelector(".deposit-tx")).getText()).startsWith("0x");
        String pdfLink = browser.findElement(By.cssSelector(".contract-link")).getAttribute("href");
        assertThat(pdfLink).contains("/my/investment-document?id=").contains("download=1");
        assertThat(ChainIT.balance(round.getString("contractAddress"))).isEqualTo(PKN.multiply(BigInteger.valueOf(30)));

        // the round page shows the new progress
        browser.get(RunningPlatform.uri("/rounds/round.xhtml?id=" + round.getString("id")).toString());
        browser.await(20, ExpectedConditions.textToBe(By.id("percent"), "15"));
        assertThat(browser.findElement(By.id("investors")).getText()).isEqualTo("1");

        // and anyone can audit it: the deposit as the escrow recorded it, checked against the platform's books
        browser.findElement(By.id("audit-link")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        // reloaded every 2 s at most: public audits are rate limited per client address (60 a minute), and every
        // test's browser comes from 127.0.0.1
        ChainIT.await("the audit's verdict", () -> {
            if ("OK".equals(browser.findElement(By.id("verdict")).getDomAttribute("data-status"))) {
                return true;
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            browser.navigate().refresh();
            return false;
        }, Duration.ofSeconds(45));
        assertThat(browser.findElement(By.id("deposited")).getText()).isEqualTo("30 PKN");
        assertThat(browser.findElement(By.id("verdict")).getText()).isEqualTo("체인과 일치");
        assertThat(browser.findElement(By.id("movements")).getText()).contains("입금")
                .contains(account.getString("walletAddress").toLowerCase());
    }
}
