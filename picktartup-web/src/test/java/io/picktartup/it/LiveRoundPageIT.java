package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;


import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A round's page follows the round live: another investor's deposit shows up without a reload. */
@ExtendWith(RunningPlatform.class)
class LiveRoundPageIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("ko-KR", "ko-KR,ko");

    @Test
    void progressUpdatesWithoutReloading() throws Exception {
        var startup = Funding.startup("라이브 진행");
        var round = Funding.openRound(startup, "100", "200", "10", 10_000, Funding.inDays(10));
        String roundId = round.getString("id");
        browser.get(RunningPlatform.uri("/rounds/round.xhtml?id=" + roundId).toString());
        assertThat(browser.findElement(By.id("percent")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.id("time-left")).getText()).matches("\\d+일 \\d+시간");
        // a mark that a reload would wipe out
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        var investor = Accounts.Session.open("live");
        Funding.fund(investor.walletAddress(), 100);
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", "40"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String id = json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");

        Chromium.await(browser, 30, b ->
                "40".equals(b.findElement(By.id("percent")).getText()));
        assertThat(browser.findElement(By.id("raised")).getText()).isEqualTo("40 PKN");
        assertThat(browser.findElement(By.id("investors")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("progress-bar")).getDomAttribute("style")).contains("40%");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("updated in place, not by reloading").isEqualTo(true);
    }
}
