package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buying PKN in a real browser: log in, pay by card at the sandbox gateway's checkout, come back to the site, and
 * watch the order complete and the balance show the PKN (read from the chain).
 */
@ExtendWith(RunningPlatform.class)
class CoinPagesIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("en-US", "en-US,en");

    @Test
    void buyPknByCardAndSeeItInTheWallet() throws Exception {
        String email = Accounts.email("browser-buyer");
        var account = Accounts.signUp(email);
        browser.get(RunningPlatform.uri("/login.xhtml").toString());
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("nav-coins")));

        browser.findElement(By.id("nav-coins")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("buy:amount")));
        assertThat(browser.findElement(By.id("coin-balance")).getText()).isEqualTo("0 PKN");
        browser.findElement(By.id("buy:amount")).sendKeys("10000");
        browser.findElement(By.id("buy:submit")).click();

        // the gateway's checkout (the sandbox's page, reached through its browser SDK)
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(browser.getCurrentUrl()).contains("/checkout");
        assertThat(browser.getPageSource()).contains("10000");
        browser.findElement(By.id("approve")).click();

        // back on the site: the order completes once the mint is final (the page refreshes itself meanwhile), and
        // the balance is read from the chain
        browser.await(30, ExpectedConditions.urlContains("/my/coins.xhtml"));
        awaitOrderCompleted(account.getString("id"));
        browser.get(RunningPlatform.uri("/my/coins.xhtml").toString());
        browser.await(30, ExpectedConditions.attributeToBe(By.cssSelector(".order-status"), "data-status", "COMPLETED"));
        assertThat(browser.findElement(By.cssSelector(".order-status")).getText()).isEqualTo("Completed");
        browser.await(30, ExpectedConditions.textToBe(By.id("coin-balance"), "10 PKN"));
        assertThat(ChainIT.balance(account.getString("walletAddress")))
                .isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.TEN));

        // PKN bought by card are held from leaving the platform: the wallet page says so, and a transfer is refused
        // with the hold's message in the page's language; nothing is sent
        String friend = ChainIT.newAddress();
        browser.findElement(By.id("nav-wallet")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("send:to")));
        assertThat(browser.findElements(By.cssSelector(".limit")).stream().map(e -> e.getText()).toList())
                .anyMatch(line -> line.startsWith("Bought by card and on hold: 10 PKN"))
                .anyMatch(line -> line.startsWith("Transfers in the last 24 hours: 0 of"))
                .anyMatch(line -> line.startsWith("Cash-outs in the last 24 hours:"));
        browser.findElement(By.id("send:to")).sendKeys(friend);
        browser.findElement(By.id("send:amount")).sendKeys("4");
        browser.findElement(By.id("send:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("send:submit")).click();
        browser.await(20, d -> d.findElement(By.id("messages")).getText().contains("10 PKN bought by card are held until"));
        assertThat(ChainIT.count("select count(*) from wallet_transfer where account_id = '" + account.getString("id")
                + "'")).isZero();

        // PKN that came otherwise may leave, as long as the card-bought ones stay: send 4 of 20 with the wallet
        // password, and see both movements in the history
        Funding.fund(account.getString("walletAddress"), 10);
        browser.get(RunningPlatform.uri("/my/wallet.xhtml").toString());
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("send:to")));
        browser.findElement(By.id("send:to")).sendKeys(friend);
        browser.findElement(By.id("send:amount")).sendKeys("4");
        browser.findElement(By.id("send:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("send:submit")).click();
        awaitSql("select status from wallet_transfer where account_id = '" + account.getString("id") + "'", "CONFIRMED");
        browser.get(RunningPlatform.uri("/my/wallet.xhtml").toString());
        browser.await(30, ExpectedConditions.textToBe(By.id("wallet-balance"), "16 PKN"));
        assertThat(browser.findElement(By.id("wallet-spendable")).getText()).isEqualTo("16 PKN");

        // more than is free is refused on the page with how much is free, and nothing is sent
        browser.findElement(By.id("send:to")).sendKeys(friend);
        browser.findElement(By.id("send:amount")).sendKeys("17");
        browser.findElement(By.id("send:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("send:submit")).click();
        browser.await(20, d -> d.findElement(By.id("messages")).getText().contains("16 PKN"));
        assertThat(ChainIT.count("select count(*) from wallet_transfer where account_id = '" + account.getString("id")
                + "'")).isEqualTo(1);
        var kinds = browser.findElements(By.cssSelector(".movement-kind")).stream()
                .map(e -> e.getDomAttribute("data-kind") + " " + e.getDomAttribute("data-direction")).toList();
        assertThat(kinds).contains("PURCHASE IN", "TRANSFER OUT");
        assertThat(browser.findElements(By.cssSelector(".movement-kind")).stream().map(e -> e.getText()).toList())
                .contains("Purchase (in)", "Transfer (out)");
        assertThat(ChainIT.balance(friend)).isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(4)));

        // and cash 2 PKN out to a bank account: burned on chain, then paid in won
        browser.findElement(By.id("cashout:amount")).sendKeys("2");
        browser.findElement(By.id("cashout:bankCode")).sendKeys("090");
        browser.findElement(By.id("cashout:accountNumber")).sendKeys("3333-01-2345678");
        browser.findElement(By.id("cashout:holderName")).sendKeys("김투자");
        browser.findElement(By.id("cashout:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("cashout:submit")).click();
        awaitSql("select status from cash_out where account_id = '" + account.getString("id") + "'", "PAID");
        browser.get(RunningPlatform.uri("/my/wallet.xhtml").toString());
        browser.await(30, ExpectedConditions.textToBe(By.id("wallet-balance"), "14 PKN"));
        browser.await(20, d -> d.findElements(By.cssSelector(".movement-kind")).stream().anyMatch(e -> "CASH_OUT".equals(e.getDomAttribute("data-kind"))));
        assertThat(browser.findElements(By.cssSelector(".movement-status")).stream().map(e -> e.getDomAttribute("data-status"))
                .toList()).contains("PAID");
        assertThat(browser.findElements(By.cssSelector(".movement-status")).stream().map(e -> e.getText()).toList())
                .contains("Paid out");
        assertThat(browser.getPageSource()).doesNotContain("2345678");
    }

    @Test
    void anAmountBelowTheMinimumIsRefusedOnThePage() {
        String email = Accounts.email("browser-small");
        Accounts.signUp(email);
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/login.xhtml").toString());
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(20, ExpectedConditions.presenceOfElementLocated(By.id("nav-coins")));
        browser.get(RunningPlatform.uri("/my/coins.xhtml").toString());
        var amount = browser.findElement(By.id("buy:amount"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].removeAttribute('min'); arguments[0].removeAttribute('step');", amount);
        amount.sendKeys("500");
        browser.findElement(By.id("buy:submit")).click();
        browser.await(20, ExpectedConditions.textToBePresentInElementLocated(By.id("buy:amount-error"), "1,000"));
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
    }

    /** Polls a one-value query until it answers {@code expected} (the chain may be slow on a busy machine). */
    private static void awaitSql(String sql, String expected) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        java.util.List<String> values = java.util.List.of();
        while (java.time.Instant.now().isBefore(deadline)) {
            values = ChainIT.strings(sql);
            if (values.equals(java.util.List.of(expected))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(sql + " gave " + values + ", not " + expected);
    }

    /** The order as stored, so a slow chain shows as such rather than as a page that did not refresh. */
    private static void awaitOrderCompleted(String accountId) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        java.util.List<String> statuses = java.util.List.of();
        while (java.time.Instant.now().isBefore(deadline)) {
            statuses = ChainIT.strings("select o.status || ' / ' || coalesce(t.status, '-') from coin_order o "
                    + "left join chain_transaction t on t.business_key = 'mint:' || o.payment_id "
                    + "where o.account_id = '" + accountId + "'");
            if (statuses.size() == 1 && statuses.get(0).startsWith("COMPLETED")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("order (status / mint) did not complete: " + statuses);
    }
}
