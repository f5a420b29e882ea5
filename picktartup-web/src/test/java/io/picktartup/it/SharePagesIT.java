package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The share and KYC pages in a real browser (Korean): an investor without shares sees so and submits their identity
 * (a bad date is refused on the page and nothing is stored); an admin approves it on the KYC review page and the level
 * goes on chain. The holdings and the transfer form after a lock-up are driven in {@link SharesIT} (it moves time).
 */
@ExtendWith(RunningPlatform.class)
class SharePagesIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void anInvestorSubmitsTheirIdentityAndAnAdminApprovesIt() throws Exception {
        String email = Accounts.email("kyc-page");
        var account = Accounts.signUp(email);
        browser.get(RunningPlatform.uri("/my/shares.xhtml").toString());
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(By.id("no-shares"));
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("내 지분");
        assertThat(browser.findElement(By.id("no-shares")).getText()).contains("토큰으로 발행");

        browser.findElement(By.id("kyc:fullName")).sendKeys("홍길동");
        browser.findElement(By.id("kyc:birthDate")).sendKeys("1990-13-45");
        browser.findElement(By.id("kyc:documentNumber")).sendKeys("KR1234567");
        browser.findElement(By.id("kyc:submit")).click();
        browser.await(By.cssSelector(".field-error"));
        assertThat(browser.findElement(By.cssSelector(".field-error")).getText()).contains("YYYY-MM-DD");
        assertThat(ChainIT.count("select count(*) from kyc_review where account_id = '" + account.getString("id") + "'"))
                .isZero();
        browser.findElement(By.id("kyc:birthDate")).clear();
        browser.findElement(By.id("kyc:birthDate")).sendKeys("1990-04-01");
        browser.findElement(By.id("kyc:submit")).click();
        browser.await(By.id("kyc-status"));
        assertThat(browser.findElement(By.cssSelector(".kyc-status")).getText()).isEqualTo("SUBMITTED");
        String review = ChainIT.strings("select id::text from kyc_review where account_id = '"
                + account.getString("id") + "'").get(0);

        // the admin's review page (a new session: log the investor out first)
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/admin/kyc.xhtml").toString());
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(RunningPlatform.ADMIN_EMAIL);
        browser.findElement(By.id("login:password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(By.id("reviews"));
        assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("KYC 심사");
        assertThat(browser.findElement(By.id("reviews")).getText()).contains(review).contains("GREEN");
        new Select(browser.findElement(By.id("decide:review"))).selectByValue(review);
        new Select(browser.findElement(By.id("decide:level"))).selectByValue("1");
        browser.findElement(By.id("decide:approve")).click();
        browser.await(By.id("messages"));
        assertThat(browser.findElement(By.id("messages")).getText()).contains("처리했습니다");
        assertThat(ChainIT.strings("select status || ':' || level from kyc_review where id = '" + review + "'"))
                .containsExactly("APPROVED:1");
        ChainIT.awaitStatus("eligibility:" + review, "CONFIRMED", Duration.ofSeconds(60));
    }
}
