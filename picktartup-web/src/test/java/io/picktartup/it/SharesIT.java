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
 * change nothing. Then, after the lock-up: an admin freezes a holder (his transfers are refused before any key is
 * opened) and unfreezes him (the transfer goes once per Idempotency-Key); he loses his wallet, gets a new one, is
 * verified again, and two different admins (two agent keys) move his holding to the new wallet, the second on the
 * admin page; the public audit page shows the supply beside the confirmed shares. Travels half a year: runs after the
 * other classes (and before RoundDeadlineIT, which must be last).
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

        freezeRefusesTransfersUntilUnfrozen(roundId, token, relogin(dave), aliceNow);
        aLostWalletsSharesAreRecoveredByTwoAdmins(roundId, token, relogin(dave));
    }

    /**
     * An admin freezes Dave's wallet with a reason: his transfer is refused with its problem before any key is opened
     * and nothing is queued; unfrozen, the same transfer goes, once per Idempotency-Key.
     */
    private static void freezeRefusesTransfersUntilUnfrozen(String roundId, String token, Accounts.Session dave,
                                                            Accounts.Session alice) throws Exception {
        String wallet = dave.walletAddress();
        assertProblem(Accounts.call("POST", "/api/admin/shares/freezes", Funding.admin(),
                freezeBody(wallet, true, null)), 400, "reason");
        assertProblem(Accounts.call("POST", "/api/admin/shares/freezes", dave.accessToken(),
                freezeBody(wallet, true, "mine")), 403, null);
        var frozen = Accounts.call("POST", "/api/admin/shares/freezes", Funding.admin(),
                freezeBody(wallet, true, "court order 2026-17"));
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(200);
        assertThat(Http.json(frozen).getBoolean("frozen")).isTrue();
        String freezeKey = "share-freeze:" + wallet.toLowerCase(java.util.Locale.ROOT) + ":1:" + roundId;
        ChainIT.awaitStatus(freezeKey, "CONFIRMED", Duration.ofSeconds(60));
        assertThat(frozenOnChain(token, wallet)).isTrue();
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'shares.frozen' and new_value like "
                + "'%court order 2026-17%'")).isEqualTo(1);

        long transfersBefore = ChainIT.count("select count(*) from chain_transaction where kind = 'share-transfer'");
        var refused = transfer(dave, roundId, alice.walletAddress(), 1);
        assertProblem(refused, 409, "shares.frozen");
        assertThat(refused.body()).contains("\"field\":\"from\"");
        // Alice may not send to the frozen wallet either (she holds none now: her refusal is the freeze's first)
        assertProblem(transfer(alice, roundId, wallet, 1), 409, "shares.frozen");
        assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'share-transfer'"))
                .isEqualTo(transfersBefore);
        assertThat(shareBalance(token, wallet)).isEqualTo(3);

        var unfrozen = Accounts.call("POST", "/api/admin/shares/freezes", Funding.admin(),
                freezeBody(wallet, false, "order lifted"));
        assertThat(unfrozen.statusCode()).as(unfrozen.body()).isEqualTo(200);
        ChainIT.awaitStatus("share-freeze:" + wallet.toLowerCase(java.util.Locale.ROOT) + ":2:" + roundId,
                "CONFIRMED", Duration.ofSeconds(60));
        assertThat(frozenOnChain(token, wallet)).isFalse();
        var list = Accounts.call("GET", "/api/admin/shares/freezes", Funding.admin(), null);
        assertThat(list.body()).contains("order lifted");

        // one Idempotency-Key, one transfer: the repeat answers the first, nothing is signed twice
        String key = "shares-" + java.util.UUID.randomUUID();
        var first = transfer(dave, roundId, alice.walletAddress(), 1, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        var again = transfer(dave, roundId, alice.walletAddress(), 1, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String id = Http.json(first).getString("id");
        assertThat(Http.json(again).getString("id")).isEqualTo(id);
        ChainIT.awaitStatus("share-transfer:" + id, "CONFIRMED", Duration.ofSeconds(60));
        assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'share-transfer'"))
                .isEqualTo(transfersBefore + 1);
        assertThat(shareBalance(token, wallet)).isEqualTo(2);
        assertThat(shareBalance(token, alice.walletAddress())).isEqualTo(1);
    }

    /**
     * Dave loses his wallet: the platform gives him a new one; his identity is verified again on it (KYC); admin A
     * requests the recovery (agent key 1), admin A cannot approve it, admin B approves it on the admin page (agent key
     * 2); the holding is on the new wallet, on chain and in his holdings, and the supply is unchanged.
     */
    private static void aLostWalletsSharesAreRecoveredByTwoAdmins(String roundId, String token, Accounts.Session dave)
            throws Exception {
        String lost = dave.walletAddress();
        assertProblem(Accounts.call("POST", "/api/accounts/me/shares/recoveries", dave.accessToken(),
                Accounts.body("newWalletPassword", "short")), 400, "newWalletPassword");
        var asked = Accounts.call("POST", "/api/accounts/me/shares/recoveries", dave.accessToken(),
                Accounts.body("newWalletPassword", NEW_WALLET_PASSWORD));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        var recoveries = Json.createReader(new java.io.StringReader(asked.body())).readArray();
        assertThat(recoveries).hasSize(1);
        var recovery = recoveries.getJsonObject(0);
        String id = recovery.getString("id");
        assertThat(recovery.getString("roundId")).isEqualTo(roundId);
        assertThat(recovery.getString("lostAddress")).isEqualTo(lost);
        assertThat(recovery.getJsonNumber("shares").longValue()).isEqualTo(2);
        assertThat(recovery.getString("status")).isEqualTo("ASKED");
        String fresh = recovery.getString("newAddress");
        assertThat(fresh).isNotEqualToIgnoringCase(lost);
        var wallet = Accounts.call("GET", "/api/accounts/me/wallet", dave.accessToken(), null);
        assertThat(Http.json(wallet).getString("address")).isEqualTo(fresh);
        assertProblem(Accounts.call("POST", "/api/accounts/me/shares/recoveries", dave.accessToken(),
                Accounts.body("newWalletPassword", NEW_WALLET_PASSWORD)), 409, "shares.recovery-open");
        // the investor sees the request
        var mine = Accounts.call("GET", "/api/accounts/me/shares/recoveries", dave.accessToken(), null);
        assertThat(mine.body()).contains(id, "ASKED");
        var own = Chromium.open("ko-KR", "ko-KR,ko");
        try {
            own.get(RunningPlatform.uri("/my/shares.xhtml").toString());
            wait(own, By.id("login:email"));
            own.findElement(By.id("login:email")).sendKeys(dave.email());
            own.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
            own.findElement(By.id("login:submit")).click();
            wait(own, By.id("recoveries"));
            var row = own.findElement(By.cssSelector("tr.recovery"));
            assertThat(row.getText()).contains(lost, fresh);
            assertThat(row.findElement(By.cssSelector(".recovery-status")).getText()).isEqualTo("신청됨 (KYC와 요청 대기)");
            assertThat(Chromium.cspViolations(own)).isEmpty();
        } finally {
            own.quit();
        }

        // the new wallet's identity is not verified yet: no request goes out
        assertProblem(Accounts.call("POST", "/api/admin/shares/recoveries/" + id + "/request", Funding.admin(), null),
                409, "shares.recovery-identity-unverified");
        String review = submitKyc(dave, "DV7654321");
        var approvedKyc = Accounts.call("POST", "/api/admin/kyc-reviews/" + review + "/approve", Funding.admin(),
                "{\"level\":1}");
        assertThat(approvedKyc.statusCode()).as(approvedKyc.body()).isEqualTo(200);
        ChainIT.awaitStatus("eligibility:" + review, "CONFIRMED", Duration.ofSeconds(60));

        // admin A requests; admin A cannot approve their own request
        var requested = Accounts.call("POST", "/api/admin/shares/recoveries/" + id + "/request", Funding.admin(), null);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        assertThat(Http.json(requested).getString("status")).isEqualTo("REQUESTING");
        ChainIT.awaitStatus("recovery-request:" + id + ":1", "CONFIRMED", Duration.ofSeconds(60));
        awaitRecovery(id, "REQUESTED");
        assertProblem(Accounts.call("POST", "/api/admin/shares/recoveries/" + id + "/approve", Funding.admin(), null),
                409, "shares.recovery-same-admin");
        assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'recovery-approve'")).isZero();
        assertThat(shareBalance(token, lost)).isEqualTo(2);

        // admin B approves on the admin page
        var adminB = Accounts.Session.open("admin-b");
        var role = Accounts.call("PUT", "/api/admin/accounts/" + adminB.id() + "/role", Funding.admin(),
                Accounts.body("role", "ADMIN"));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        var browser = Chromium.open("ko-KR", "ko-KR,ko");
        try {
            browser.get(RunningPlatform.uri("/admin/recoveries.xhtml").toString());
            wait(browser, By.id("login:email"));
            browser.findElement(By.id("login:email")).sendKeys(adminB.email());
            browser.findElement(By.id("login:password")).sendKeys(Accounts.PASSWORD);
            browser.findElement(By.id("login:submit")).click();
            wait(browser, By.id("recoveries-form:recoveries"));
            assertThat(browser.findElement(By.id("page-title")).getText()).isEqualTo("지분 복구");
            var row = browser.findElements(By.cssSelector("tr.recovery")).stream()
                    .filter(r -> r.getText().contains(lost)).findFirst().orElseThrow();
            assertThat(row.findElement(By.cssSelector(".recovery-status")).getText())
                    .isEqualTo("요청됨 (두 번째 관리자 승인 대기)");
            row.findElement(By.cssSelector(".recovery-approve")).click();
            wait(browser, By.id("messages"));
            assertThat(browser.findElement(By.id("messages")).getText()).contains("처리했습니다");
            assertThat(Chromium.cspViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
        ChainIT.awaitStatus("recovery-approve:" + id + ":2", "CONFIRMED", Duration.ofSeconds(60));
        var done = awaitRecovery(id, "RECOVERED");
        assertThat(done.getString("requestedBy")).isNotEqualTo(done.getString("approvedBy"));
        assertThat(done.getString("approvedBy")).isEqualTo(adminB.id());
        // the second approval went out from the second agent's key, not the relayer's
        String secondAgent = io.picktartup.launcher.Platform.devAccount(io.picktartup.launcher.DevChain.SECOND_AGENT)
                .getAddress();
        assertThat(senderOf(ChainIT.row("recovery-approve:" + id + ":2").get("tx_hash"))).isEqualToIgnoringCase(
                secondAgent);
        assertThat(senderOf(ChainIT.row("recovery-request:" + id + ":1").get("tx_hash"))).isEqualToIgnoringCase(
                io.picktartup.launcher.Platform.devAccount(io.picktartup.launcher.DevChain.RELAYER).getAddress());

        // on chain, in the holdings, and the supply unchanged
        assertThat(shareBalance(token, lost)).isZero();
        assertThat(shareBalance(token, fresh)).isEqualTo(2);
        assertThat(holding(dave, roundId).getJsonNumber("balance").longValue()).isEqualTo(2);
        assertThat(ChainIT.count("select count(*) from share_recovery where id = '" + id + "' and status = 'RECOVERED'"
                + " and shares = 2")).isEqualTo(1);
        var audit = Http.json(Http.get("/api/rounds/" + roundId + "/shares"));
        assertThat(audit.getJsonNumber("issuedShares").longValue()).isEqualTo(5);
        assertThat(audit.getBoolean("matches")).isTrue();
        // evented: the token's recovery and freeze events are indexed
        ChainIT.await("the recovery's events indexed", () -> {
            try {
                return ChainIT.count("select count(*) from chain_event where contract = '"
                        + token.toLowerCase(java.util.Locale.ROOT) + "' and event_name in ('RecoveryRequested', "
                        + "'WalletRecovered') and not removed") == 2;
            } catch (java.sql.SQLException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '"
                + token.toLowerCase(java.util.Locale.ROOT) + "' and event_name = 'Frozen'")).isEqualTo(2);
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '"
                + token.toLowerCase(java.util.Locale.ROOT) + "' and event_name = 'Transfer'")).isZero();

        // the public audit page shows the token's supply beside the confirmed investments' shares
        var page = Chromium.open("en-US", "en-US,en");
        try {
            page.get(RunningPlatform.uri("/rounds/audit.xhtml?id=" + roundId).toString());
            wait(page, By.id("share-supply"));
            assertThat(page.findElement(By.id("share-token")).getText()).isEqualToIgnoringCase(token);
            assertThat(page.findElement(By.id("share-supply")).getText()).isEqualTo("5");
            assertThat(page.findElement(By.id("share-confirmed")).getText()).isEqualTo("5");
            assertThat(page.findElement(By.id("shares-match")).getText())
                    .isEqualTo("The token's supply equals the confirmed investments' shares.");
            assertThat(page.findElements(By.id("shares-mismatch"))).isEmpty();
        } finally {
            page.quit();
        }
    }

    private static String freezeBody(String address, boolean frozen, String reason) {
        var body = Json.createObjectBuilder().add("address", address).add("frozen", frozen);
        if (reason != null) {
            body.add("reason", reason);
        }
        return body.build().toString();
    }

    private static final String NEW_WALLET_PASSWORD = "a new wallet for the lost one 42";

    private static JsonObject awaitRecovery(String id, String status) throws Exception {
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("recovery " + id + " " + status, () -> {
            var list = Accounts.call("GET", "/api/admin/shares/recoveries", Funding.admin(), null);
            last[0] = Json.createReader(new java.io.StringReader(list.body())).readArray().stream()
                    .map(v -> v.asJsonObject()).filter(r -> r.getString("id").equals(id)).findFirst().orElse(null);
            return last[0] != null && last[0].getString("status").equals(status);
        }, Duration.ofSeconds(60));
        return last[0];
    }

    /** A mined transaction's sender, from its receipt. */
    private static String senderOf(String txHash) throws Exception {
        assertThat(txHash).isNotNull();
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
                RunningPlatform.platform().chainRpcUrl()));
        try {
            return web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().orElseThrow().getFrom();
        } finally {
            web3j.shutdown();
        }
    }

    private static boolean frozenOnChain(String token, String holder) throws Exception {
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
                RunningPlatform.platform().chainRpcUrl()));
        try {
            return io.picktartup.chain.contract.ShareToken.load(token, web3j,
                    new org.web3j.tx.ReadonlyTransactionManager(web3j, holder),
                    new org.web3j.tx.gas.DefaultGasProvider()).isFrozen(holder).send();
        } finally {
            web3j.shutdown();
        }
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

    private static HttpResponse<String> transfer(Accounts.Session from, String roundId, String to, long shares,
                                                 String idempotencyKey) {
        String body = Json.createObjectBuilder().add("to", to).add("shares", shares)
                .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString();
        return Http.request("POST", "/api/accounts/me/shares/" + roundId + "/transfers",
                java.util.Map.of("Authorization", "Bearer " + from.accessToken(), "Idempotency-Key", idempotencyKey),
                body);
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
