package io.picktartup.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;


import static io.picktartup.it.Accounts.PASSWORD;
import static io.picktartup.it.Accounts.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account lifecycle pages in headless Chromium: /my/account.xhtml (change the password, log out everywhere), a
 * password that must be changed redirects every page there, and /admin/accounts.xhtml (disable, enable, unlock, role),
 * in English and Korean.
 */
@ExtendWith(RunningPlatform.class)
class AccountLifecyclePagesIT {

    private static final String NEW_PASSWORD = "a new passphrase typed into the page";
    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("en-US", "en-US,en");

    @AfterEach
    void forgetTheSession() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void anInvestorChangesThePasswordThenLogsOutEverywhere() {
        var session = Accounts.Session.open("page-password");
        logIn(session.email(), PASSWORD, "/my/account.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("security:change-password")));
        assertThat(browser.findElements(By.id("change-required"))).isEmpty();

        browser.findElement(By.id("security:current-password")).sendKeys("not my password");
        browser.findElement(By.id("security:new-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("security:change-password")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("security:password-message"), "password"));
        assertThat(call("GET", "/api/accounts/me", session.accessToken(), null).statusCode()).isEqualTo(200);

        browser.findElement(By.id("security:current-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("security:new-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("security:change-password")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("security:password-message"), "has been changed"));
        // the API session is another session: it ended at once; this page session goes on
        assertThat(call("GET", "/api/accounts/me", session.accessToken(), null).statusCode()).isEqualTo(401);
        browser.get(RunningPlatform.uri("/my/index.xhtml").toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("wallet-address")));

        // a new API session, then log out everywhere from the page: both end
        var api = Accounts.loginResponse(session.email(), NEW_PASSWORD, Accounts.client());
        assertThat(api.statusCode()).isEqualTo(200);
        String apiToken = Http.json(api).getString("access_token");
        browser.get(RunningPlatform.uri("/my/account.xhtml").toString());
        browser.await(ExpectedConditions.elementToBeClickable(By.id("security:logout-everywhere"))).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        assertThat(call("GET", "/api/accounts/me", apiToken, null).statusCode()).isEqualTo(401);
        browser.get(RunningPlatform.uri("/my/index.xhtml").toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        assertThat(browser.getCurrentUrl()).contains("/login.xhtml");
    }

    @Test
    void aPasswordThatMustBeChangedSendsEveryPageToTheChangeForm() throws Exception {
        var session = Accounts.Session.open("page-must-change");
        AccountLifecycleIT.requirePasswordChange(session.id());
        logIn(session.email(), PASSWORD, "/my/index.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("change-required")));
        assertThat(browser.getCurrentUrl()).contains("/my/account.xhtml");
        browser.get(RunningPlatform.uri("/my/wallet.xhtml").toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("change-required")));
        assertThat(browser.getCurrentUrl()).contains("/my/account.xhtml");

        browser.findElement(By.id("security:current-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("security:new-password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.id("security:change-password")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("security:password-message"), "has been changed"));
        assertThat(browser.findElements(By.id("change-required"))).isEmpty();
        browser.get(RunningPlatform.uri("/my/index.xhtml").toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("wallet-address")));
    }

    @Test
    void anAdminDisablesEnablesUnlocksAndPromotesFromTheAccountsPage() throws Exception {
        var investor = Accounts.Session.open("page-admin-target");
        logIn(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, "/admin/accounts.xhtml");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("accounts:query"))).sendKeys(investor.email());
        browser.findElement(By.id("accounts:search")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:table"), investor.email().toLowerCase()));
        assertThat(browser.findElements(By.cssSelector("#accounts\\:table tbody tr.account"))).hasSize(1);
        assertThat(row().findElement(By.className("account-status")).getText()).isEqualTo("Active");

        row().findElement(By.cssSelector("input[id$=':disable']")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:messages"), "disabled"));
        assertThat(row().findElement(By.className("account-status")).getText()).isEqualTo("Disabled");
        assertThat(call("GET", "/api/accounts/me", investor.accessToken(), null).statusCode()).isEqualTo(401);
        assertThat(Accounts.loginResponse(investor.email(), PASSWORD, Accounts.client()).statusCode()).isEqualTo(403);

        row().findElement(By.cssSelector("input[id$=':enable']")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:messages"), "enabled"));
        assertThat(row().findElement(By.className("account-status")).getText()).isEqualTo("Active");
        var session = Accounts.login(investor.email());
        String token = session.getString("access_token");

        row().findElement(By.cssSelector("input[id$=':unlock']")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:messages"), "throttles are lifted"));

        new org.openqa.selenium.support.ui.Select(row().findElement(By.cssSelector("select[id$=':role']")))
                .selectByValue("STARTUP");
        row().findElement(By.cssSelector("input[id$=':set-role']")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("accounts:messages"), "next request"));
        assertThat(Http.json(call("GET", "/api/accounts/me", token, null)).getString("role")).isEqualTo("STARTUP");

        // the same page in Korean
        browser.findElement(By.id("lang-ko")).click();
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("page-title"), "계정"));
        assertThat(browser.findElement(By.id("accounts:search")).getAttribute("value")).isEqualTo("검색");
    }

    // --- helpers ---

    private static WebElement row() {
        return browser.findElement(By.cssSelector("#accounts\\:table tbody tr.account"));
    }

    private static void logIn(String email, String password, String page) {
        browser.get(RunningPlatform.uri(page).toString());
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("login:email")));
        browser.findElement(By.id("login:email")).sendKeys(email);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }
}
