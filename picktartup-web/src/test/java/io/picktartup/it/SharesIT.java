package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a released round to a share transfer after the lock-up (issue 20): the round settles, its share token is
 * created and issued (shares issued = confirmed investments, publicly checkable), investors see their shares and the
 * lock-up's end, KYC reviews put levels on chain, and after 180 days (business time and anvil's moved together) a
 * holder moves shares to a verified wallet without paying gas. Refused transfers answer with clear problems and
 * change nothing. Travels half a year: runs after the other classes (and before RoundDeadlineIT, which must be last).
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE - 3)
class SharesIT {

    @Test
    void aReleasedRoundsInvestorsGetShareTokensAndMoveThemToVerifiedWalletsAfterTheLockup() throws Exception {
        Instant deadline = TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20));
        var startup = Funding.startup("Share Makers");
        // 10,000 won a share at 1,000 won a PKN: 10 PKN a share
        var round = Funding.openRound(startup, "50", "100", "10", 10_000, deadline);
        String roundId = round.getString("id");
        var alice = Accounts.Session.open("shares-alice");
        var bob = Accounts.Session.open("shares-bob");
        var carol = Accounts.Session.open("shares-carol"); // never verified
        var dave = Accounts.Session.open("shares-dave");   // verified, receives shares
        Funding.fund(alice.walletAddress(), 100);
        Funding.fund(bob.walletAddress(), 100);
        invest(alice, roundId, "30");
        invest(bob, roundId, "20");

        TimeTravel.forward(Duration.ofHours(48).plus(Duration.ofMinutes(30)));
        var job = SettlementIT.awaitJob(SettlementIT.runSettlement());
        assertThat(job.getString("batchStatus")).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(Funding.round(roundId).getString("status")).isEqualTo("RELEASED");

        // the share token is created and issued on its own; anyone can check it against the confirmed investments
        JsonObject[] audit = new JsonObject[1];
        ChainIT.await("shares issued", () -> {
            audit[0] = Http.json(Http.get("/api/rounds/" + roundId + "/shares"));
            return audit[0].getString("status").equals("ISSUED");
        }, Duration.ofSeconds(90));
        assertThat(audit[0].getJsonNumber("confirmedShares").longValue()).isEqualTo(5);
        assertThat(audit[0].getJsonNumber("issuedShares").longValue()).isEqualTo(5);
        assertThat(audit[0].getBoolean("matches")).isTrue();
        String token = audit[0].getString("tokenAddress");
        Instant lockupEnd = Instant.parse(audit[0].getString("lockupEnd"));
        assertThat(lockupEnd).isBetween(TimeTravel.now().plus(Duration.ofDays(179)),
                TimeTravel.now().plus(Duration.ofDays(181)));
        assertThat(shareBalance(token, alice.walletAddress())).isEqualTo(3);
        assertThat(shareBalance(token, bob.walletAddress())).isEqualTo(2);

        var holding = holding(alice, roundId);
        assertThat(holding.getJsonNumber("balance").longValue()).isEqualTo(3);
        assertThat(holding.getJsonNumber("confirmedShares").longValue()).isEqualTo(3);
        assertThat(holding.getBoolean("lockedUp")).isTrue();

        // locked up: refused with its end, nothing queued
        var early = transfer(alice, roundId, dave.walletAddress(), 1);
        assertProblem(early, 409, "shares.locked-up");
        assertThat(early.body()).contains(lockupEnd.toString().substring(0, 16));

        // KYC: a GREEN check approved at level 1 goes on chain; a RED one cannot be approved and is rejected
        String aliceReview = submitKyc(alice, "AB1234567");
        String daveReview = submitKyc(dave, "DV7654321");
        String carolReview = submitKyc(carol, "RED-000111");
        assertThat(Http.json(Accounts.call("GET", "/api/accounts/me/kyc", carol.accessToken(), null))
                .getString("providerAnswer")).isEqualTo("RED");
        var open = Accounts.call("GET", "/api/admin/kyc-reviews?status=SUBMITTED", Funding.admin(), null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        assertThat(open.body()).contains(aliceReview, daveReview, carolReview);
        assertProblem(Accounts.call("POST", "/api/admin/kyc-reviews/" + carolReview + "/approve", Funding.admin(),
                "{\"level\":1}"), 409, "kyc.provider-not-green");
        assertProblem(Accounts.call("POST", "/api/admin/kyc-reviews/" + aliceReview + "/approve", Funding.admin(),
                "{\"level\":7}"), 400, "level");
        assertThat(Accounts.call("POST", "/api/admin/kyc-reviews/" + carolReview + "/reject", Funding.admin(),
                Accounts.body("reason", "document check failed")).statusCode()).isEqualTo(200);
        assertProblem(Accounts.call("POST", "/api/admin/kyc-reviews/" + aliceReview + "/approve", alice.accessToken(),
                "{\"level\":1}"), 403, null);
        for (String review : List.of(aliceReview, daveReview)) {
            var approved = Accounts.call("POST", "/api/admin/kyc-reviews/" + review + "/approve", Funding.admin(),
                    "{\"level\":1}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            ChainIT.awaitStatus("eligibility:" + review, "CONFIRMED", Duration.ofSeconds(60));
        }

        TimeTravel.forward(Duration.ofDays(181));
        // access tokens expire in business time: log in again
        var aliceNow = relogin(alice);
        var bobNow = relogin(bob);
        assertThat(holding(aliceNow, roundId).getBoolean("lockedUp")).isFalse();

        // refused transfers: each with its code and field, none changes anything
        assertProblem(transfer(aliceNow, roundId, carol.walletAddress(), 1), 422, "shares.recipient-not-eligible");
        assertProblem(transfer(aliceNow, roundId, dave.walletAddress(), 4), 409, "shares.insufficient");
        assertProblem(transfer(aliceNow, roundId, "0x1234", 1), 400, "\"to\"");
        assertProblem(transfer(aliceNow, roundId, dave.walletAddress(), 0), 400, "\"shares\"");
        assertProblem(transfer(bobNow, roundId, dave.walletAddress(), 1), 409, "shares.sender-not-eligible");
        assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'share-transfer'")).isZero();

        // gasless: the relayer carries Alice's signed transfer; she has no ETH at all
        assertThat(ethBalance(aliceNow.walletAddress())).isZero();
        var moved = transfer(aliceNow, roundId, dave.walletAddress(), 2);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(202);
        String transferId = Http.json(moved).getString("id");
        ChainIT.awaitStatus("share-transfer:" + transferId, "CONFIRMED", Duration.ofSeconds(60));
        ChainIT.await("transfer settled", () -> transfers(aliceNow).stream()
                .anyMatch(t -> t.getString("id").equals(transferId) && t.getString("status").equals("CONFIRMED")),
                Duration.ofSeconds(30));
        assertThat(shareBalance(token, aliceNow.walletAddress())).isEqualTo(1);
        assertThat(shareBalance(token, dave.walletAddress())).isEqualTo(2);
        assertThat(holding(aliceNow, roundId).getJsonNumber("balance").longValue()).isEqualTo(1);
        assertThat(ethBalance(aliceNow.walletAddress())).isZero();
        var after = Http.json(Http.get("/api/rounds/" + roundId + "/shares"));
        assertThat(after.getJsonNumber("issuedShares").longValue()).isEqualTo(5);
        assertThat(after.getBoolean("matches")).isTrue();
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'shares.transfer'"))
                .isGreaterThanOrEqualTo(1);

        // the page: holdings with the lock-up's end, and the last share moved through the form
        var browser = Chromium.open("ko-KR", "ko-KR,ko");
        try {
            browser.get(RunningPlatform.uri("/my/shares.xhtml").toString());
            wait(browser, By.id("login:email"));
            browser.findElement(By.id("login:email")).sendKeys(aliceNow.email());
            browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
            browser.findElement(By.id("login:submit")).click();
            wait(browser, By.id("holdings"));
            assertThat(browser.findElement(By.cssSelector(".share-balance")).getText()).isEqualTo("1");
            assertThat(browser.findElement(By.cssSelector(".lockup-state")).getText()).isEqualTo("양도 가능");
            assertThat(browser.findElement(By.cssSelector(".lockup-end")).getText()).startsWith(
                    lockupEnd.toString().substring(0, 10));
            browser.findElement(By.id("transfer:to")).sendKeys(dave.walletAddress());
            browser.findElement(By.id("transfer:amount")).sendKeys("1");
            browser.findElement(By.id("transfer:walletPassword")).sendKeys(Accounts.WALLET_PASSWORD);
            browser.findElement(By.id("transfer:submit")).click();
            wait(browser, By.id("messages"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("양도를 처리하고 있습니다");
            assertThat(Chromium.cspViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
        ChainIT.await("the page's transfer lands", () -> {
            try {
                return shareBalance(token, dave.walletAddress()) == 3;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        assertThat(shareBalance(token, aliceNow.walletAddress())).isZero();
    }

    private static Accounts.Session relogin(Accounts.Session who) {
        var tokens = Accounts.login(who.email());
        return new Accounts.Session(who.id(), who.email(), who.walletAddress(), tokens.getString("access_token"),
                tokens.getString("refresh_token"));
    }

    private static void wait(org.openqa.selenium.WebDriver browser, By element) {
        Chromium.await(browser, 30, org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(element));
    }

    private static void invest(Accounts.Session investor, String roundId, String amount) throws Exception {
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", amount));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String id = Http.json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");
    }

    private static String submitKyc(Accounts.Session who, String document) {
        var submitted = Accounts.call("POST", "/api/accounts/me/kyc", who.accessToken(),
                Accounts.body("fullName", "Test Person", "birthDate", "1990-04-01", "documentNumber", document));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        return Http.json(submitted).getString("id");
    }

    private static HttpResponse<String> transfer(Accounts.Session from, String roundId, String to, long shares) {
        String body = Json.createObjectBuilder().add("to", to).add("shares", shares)
                .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString();
        return Accounts.call("POST", "/api/accounts/me/shares/" + roundId + "/transfers", from.accessToken(), body);
    }

    private static JsonObject holding(Accounts.Session who, String roundId) {
        var mine = Accounts.call("GET", "/api/accounts/me/shares", who.accessToken(), null);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        return Json.createReader(new java.io.StringReader(mine.body())).readArray().stream().map(v -> v.asJsonObject())
                .filter(h -> h.getString("roundId").equals(roundId)).findFirst().orElseThrow();
    }

    private static List<JsonObject> transfers(Accounts.Session who) {
        var list = Accounts.call("GET", "/api/accounts/me/shares/transfers", who.accessToken(), null);
        return Json.createReader(new java.io.StringReader(list.body())).readArray().stream()
                .map(v -> v.asJsonObject()).toList();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String contains) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        if (contains != null) {
            assertThat(response.body()).contains(contains);
        }
    }

    private static long shareBalance(String token, String holder) throws Exception {
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
                RunningPlatform.platform().chainRpcUrl()));
        try {
            return io.picktartup.chain.contract.ShareToken.load(token, web3j,
                    new org.web3j.tx.ReadonlyTransactionManager(web3j, holder),
                    new org.web3j.tx.gas.DefaultGasProvider()).balanceOf(holder).send().longValueExact();
        } finally {
            web3j.shutdown();
        }
    }

    private static BigInteger ethBalance(String address) throws Exception {
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
                RunningPlatform.platform().chainRpcUrl()));
        try {
            return web3j.ethGetBalance(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send()
                    .getBalance();
        } finally {
            web3j.shutdown();
        }
    }
}
