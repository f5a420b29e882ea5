package io.picktartup.it;

import io.picktartup.launcher.sandbox.PayoutSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admins' payouts page, in Korean: every payout with its request id, status and attempts; a payout the bank keeps
 * refusing shows as returned; the status links filter; no account number appears.
 */
@ExtendWith(RunningPlatform.class)
class AdminPayoutsPageIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void anAdminSeesPaidAndReturnedPayoutsWithTheirAttempts() throws Exception {
        var holder = Accounts.Session.open("payouts-page");
        Funding.fund(holder.walletAddress(), 10);
        String good = PayoutIT.newAccountNumber();
        String refusing = PayoutIT.newAccountNumber();
        PayoutIT.payouts().failTransfers(refusing, PayoutSandbox.Failure.REFUSED);
        String paid = Http.json(PayoutIT.cashOut(holder, "2", good)).getString("id");
        PayoutIT.await(holder, paid, "PAID", Duration.ofSeconds(90));
        String returned = Http.json(PayoutIT.cashOut(holder, "3", refusing)).getString("id");
        PayoutIT.await(holder, returned, "RETURNED", Duration.ofSeconds(90));

        browser.get(RunningPlatform.uri("/admin/payouts.xhtml").toString());
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        browser.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(By.id("payouts"));
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("출금 지급");
        String table = browser.findElement(By.id("payouts")).getText();
        assertThat(table).contains(paid).contains(returned).contains("요청 ID").contains("시도");
        assertThat(table).doesNotContain(good).doesNotContain(refusing);

        browser.get(RunningPlatform.uri("/admin/payouts.xhtml?status=RETURNED").toString());
        browser.await(By.id("payouts"));
        var rows = browser.findElements(By.cssSelector("tr.payout"));
        assertThat(rows).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".payout-status"))).allMatch(s -> s.getText().equals("RETURNED"));
        assertThat(browser.findElement(By.id("payouts")).getText()).contains(returned).doesNotContain(paid);
    }
}
