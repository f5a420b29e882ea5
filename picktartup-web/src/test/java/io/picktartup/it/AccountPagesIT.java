package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The account pages in headless Chromium: sign up → log in → my page (wallet address, 0 PKN) → log out. */
@ExtendWith(RunningPlatform.class)
class AccountPagesIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("en-US", "en-US,en");

    @Test
    void signUpLogInSeeTheWalletAndLogOut() throws SQLException {
        String email = Accounts.email("browser");
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/").toString());
        browser.findElement(By.id("nav-signup")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("signup:email")));
        browser.findElement(By.id("signup:email")).sendKeys(email);
        browser.findElement(By.id("signup:name")).sendKeys("Browser Investor");
        browser.findElement(By.id("signup:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("signup:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
        browser.findElement(By.id("signup:submit")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        assertThat(browser.findElement(By.id("login:messages")).getText()).contains("Follow its link");
        // the account is written after the answer, with its mail; no login before the address is verified
        String token = Accounts.verificationToken(email, 1);
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("login:messages"), "Confirm your email address first"));

        // the mailed link opens the verification page; the owner confirms
        browser.get(RunningPlatform.uri("/verify.xhtml?token=" + token).toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("verify:confirm"))).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("verify:messages"), "Your email address is confirmed"));
        browser.findElement(By.id("to-login")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.id("login:submit")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("wallet-address")));
        String address = browser.findElement(By.id("wallet-address")).getText();
        assertThat(address).matches("0x[0-9a-fA-F]{40}");
        assertThat(browser.findElement(By.id("wallet-balance")).getText()).isEqualTo("0 PKN");
        assertThat(browser.findElement(By.id("profile-email")).getText()).isEqualTo(email.toLowerCase());
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select w.address from wallet w join account a on "
                     + "a.id = w.account_id where a.email = '" + email.toLowerCase() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(address);
        }

        browser.findElement(By.id("nav-logout")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("nav-login")));
        browser.get(RunningPlatform.uri("/my/index.xhtml").toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void aWrongPasswordKeepsTheVisitorOnTheLoginPage() {
        browser.manage().deleteAllCookies();
        browser.get(RunningPlatform.uri("/login.xhtml").toString());
        // the previous test may leave the browser on this very page: wait for the new document's form (CI once found
        // none right after the navigation to the same address returned)
        browser.await(By.id("login:email"));
        browser.findElement(By.id("login:email")).sendKeys(Accounts.email("nobody"));
        browser.findElement(By.id("login:password")).sendKeys("wrong password");
        browser.findElement(By.id("login:submit")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("login:messages"), "wrong"));
        assertThat(browser.findElements(By.id("nav-logout"))).isEmpty();
    }

    @Test
    void protectedPagesSendVisitorsToTheLoginPageAlsoFromFacesAjax() {
        var plain = Http.get("/my/index.xhtml", Map.of("Accept", "text/html"));
        assertThat(plain.statusCode()).isEqualTo(302);
        assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login.xhtml"));
        var ajax = Http.request("POST", "/my/index.xhtml", Map.of("Faces-Request", "partial/ajax",
                "Content-Type", "application/x-www-form-urlencoded"), null);
        assertThat(ajax.statusCode()).isEqualTo(200);
        assertThat(ajax.body()).contains("<partial-response>").contains("<redirect url=\"/login.xhtml\">");
    }
}
