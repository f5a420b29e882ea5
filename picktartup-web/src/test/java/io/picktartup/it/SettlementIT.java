package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deadline passes (business time and anvil's, moved forward together) and the settlement job runs: the round
 * that met its goal is released to the startup's wallet once, the one that missed it refunds every investor once
 * (in chunks), and everybody is mailed; running the job again changes nothing. Runs last: anvil's time stays ahead.
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE - 5)
class SettlementIT {

    @Test
    void pastTheDeadlineSuccessfulRoundsAreReleasedAndFailedOnesRefundedExactlyOnce() throws Exception {
        Instant deadline = TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20));
        var winner = Funding.startup("Goal Getters");
        var met = Funding.openRound(winner, "50", "100", "10", 10_000, deadline);
        var loser = Funding.startup("Near Miss");
        var missed = Funding.openRound(loser, "1000", "2000", "10", 10_000, deadline);

        var alice = Accounts.Session.open("settle-alice");
        var bob = Accounts.Session.open("settle-bob");
        var carol = Accounts.Session.open("settle-carol");
        for (var investor : List.of(alice, bob, carol)) {
            Funding.fund(investor.walletAddress(), 100);
        }
        invest(alice, met, "30");
        invest(bob, met, "30");
        invest(alice, missed, "20");
        invest(bob, missed, "40");
        invest(carol, missed, "10");

        TimeTravel.forward(Duration.ofHours(48).plus(Duration.ofMinutes(30)));
        {
            // before the job runs, someone finalises the failed round on chain, and Carol takes her refund herself
            // (with her own key and a little ETH): the settlement must recognise both and pay her nothing twice
            String claimTx = claimRefundHerself(carol, missed.getString("contractAddress"));
            long first = runSettlement();
            var execution = awaitJob(first);
            assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("COMPLETED");
            assertThat(execution.getString("exitStatus")).startsWith("SETTLED").contains("OK, 0 MISMATCH");
            // the reconcile step's metrics say what happened: both settled rounds read and reconciled
            var reconcile = execution.getJsonArray("steps").stream().map(v -> v.asJsonObject())
                    .filter(step -> step.getString("name").equals("reconcile")).findFirst().orElseThrow();
            assertThat(reconcile.getString("batchStatus")).isEqualTo("COMPLETED");
            assertThat(reconcile.getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue()).isGreaterThanOrEqualTo(2);
            assertThat(reconcile.getJsonObject("metrics").getJsonNumber("WRITE_COUNT").longValue())
                    .isEqualTo(reconcile.getJsonObject("metrics").getJsonNumber("READ_COUNT").longValue());

            // goal met: released once to the startup's wallet
            assertThat(Funding.round(met.getString("id")).getString("status")).isEqualTo("RELEASED");
            assertThat(ChainIT.balance(winner.wallet())).isEqualTo(PKN.multiply(BigInteger.valueOf(60)));
            assertThat(ChainIT.balance(met.getString("contractAddress"))).isZero();
            // goal missed: every investor refunded once
            assertThat(Funding.round(missed.getString("id")).getString("status")).isEqualTo("REFUNDED");
            assertThat(ChainIT.balance(missed.getString("contractAddress"))).isZero();
            assertThat(ChainIT.balance(alice.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(70)));
            assertThat(ChainIT.balance(bob.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(70)));
            assertThat(ChainIT.balance(carol.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
            assertThat(ChainIT.count("select count(*) from investment where round_id = '" + missed.getString("id")
                    + "' and status = 'REFUNDED'")).isEqualTo(3);
            assertThat(ChainIT.count("select count(*) from investment where round_id = '" + met.getString("id")
                    + "' and status = 'CONFIRMED'")).isEqualTo(2);

            // everybody is told: the two CEOs and each investor once per round
            ChainIT.await("settlement mails", () -> mailsTo(alice.email()).size() == 2 && mailsTo(bob.email()).size() == 2
                    && mailsTo(carol.email()).size() == 1 && mailsTo(winner.ceo().email()).size() == 1
                    && mailsTo(loser.ceo().email()).size() == 1, Duration.ofSeconds(30));

            // anyone can audit a round without logging in: the escrow's movements, totals and the verdict
            var audit = Http.json(Http.get("/api/rounds/" + met.getString("id") + "/audit"));
            assertThat(audit.getString("verdict")).as(audit.toString()).isEqualTo("OK");
            assertThat(audit.getString("deposited")).isEqualTo("60");
            assertThat(audit.getString("released")).isEqualTo("60");
            assertThat(audit.getString("escrowBalance")).isEqualTo("0");
            assertThat(audit.getJsonArray("movements")).hasSize(3);
            assertThat(audit.getJsonArray("movements").getJsonObject(0).getString("address"))
                    .isIn(alice.walletAddress().toLowerCase(), bob.walletAddress().toLowerCase());
            var refundAudit = Http.json(Http.get("/api/rounds/" + missed.getString("id") + "/audit"));
            assertThat(refundAudit.getString("verdict")).as(refundAudit.toString()).isEqualTo("OK");
            assertThat(refundAudit.getString("refunded")).isEqualTo("70");
            assertThat(refundAudit.getJsonArray("movements")).hasSize(6);

            // my investments: the released one gains when a later round prices the company higher; the refunded one
            // shows its refund
            Funding.openRound(winner, "100", "200", "15", 15_000, TimeTravel.now().plus(Duration.ofDays(7)));
            var mine = Accounts.call("GET", "/api/accounts/me/investments", alice.accessToken(), null);
            var holdings = Json.createReader(new java.io.StringReader(mine.body())).readArray();
            var released = holdings.stream().map(v -> v.asJsonObject())
                    .filter(i -> i.getString("roundId").equals(met.getString("id"))).findFirst().orElseThrow();
            assertThat(released.getString("roundStatus")).isEqualTo("RELEASED");
            assertThat(released.getString("returnRatePercent")).isEqualTo("50.00");
            // an admin's valuation takes over (e.g. after an outside round); a bad one is refused and changes nothing
            var bad = Accounts.call("PUT", "/api/admin/startups/" + winner.id() + "/valuation", Funding.admin(),
                    "{\"valuePerShareKrw\":-5}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("valuePerShareKrw");
            var valued = Accounts.call("PUT", "/api/admin/startups/" + winner.id() + "/valuation", Funding.admin(),
                    "{\"valuePerShareKrw\":25000}");
            assertThat(valued.statusCode()).as(valued.body()).isEqualTo(200);
            var revalued = Json.createReader(new java.io.StringReader(Accounts.call("GET", "/api/accounts/me/investments",
                    alice.accessToken(), null).body())).readArray().stream().map(v -> v.asJsonObject())
                    .filter(i -> i.getString("roundId").equals(met.getString("id"))).findFirst().orElseThrow();
            assertThat(revalued.getString("returnRatePercent")).isEqualTo("150.00");
            assertThat(released.getString("releaseTxHash")).startsWith("0x");
            var refunded = holdings.stream().map(v -> v.asJsonObject())
                    .filter(i -> i.getString("roundId").equals(missed.getString("id"))).findFirst().orElseThrow();
            assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
            assertThat(refunded.getString("refundTxHash")).startsWith("0x");
            assertThat(refunded.containsKey("returnRatePercent")).isFalse();
            var carols = Json.createReader(new java.io.StringReader(Accounts.call("GET", "/api/accounts/me/investments",
                    carol.accessToken(), null).body())).readArray().getJsonObject(0);
            assertThat(carols.getString("status")).isEqualTo("REFUNDED");
            assertThat(carols.getString("refundTxHash")).isEqualTo(claimTx);

            // running it again changes nothing on chain
            long second = runSettlement();
            assertThat(awaitJob(second).getString("batchStatus")).isEqualTo("COMPLETED");
            assertThat(ChainIT.balance(winner.wallet())).isEqualTo(PKN.multiply(BigInteger.valueOf(60)));
            assertThat(ChainIT.balance(alice.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(70)));
            assertThat(ChainIT.count("select count(*) from chain_transaction where business_key like 'round-release:"
                    + met.getString("id") + "%'")).isEqualTo(1);

            // a ledger that no longer matches the chain is reported and alerted, never repaired
            try (var db = RunningPlatform.database()) {
                db.createStatement().executeUpdate("update investment set amount = amount + 1 where round_id = '"
                        + met.getString("id") + "' and investor_address = '" + alice.walletAddress() + "'");
            }
            var verdict = Accounts.call("POST", "/api/admin/rounds/" + met.getString("id") + "/reconcile",
                    Funding.admin(), null);
            assertThat(verdict.statusCode()).as(verdict.body()).isEqualTo(200);
            assertThat(Http.json(verdict).getString("verdict")).isEqualTo("MISMATCH");
            assertThat(verdict.body()).contains("no matching event on chain").contains("30000000000000000001");
            // the alert's gauge counts every round whose latest verdict is a mismatch, this one included
            long mismatches = ChainIT.mismatchedRounds();
            assertThat(mismatches).isPositive();
            assertThat(ChainIT.count("""
                    select count(*) from (select distinct on (round_id) round_id, verdict from round_reconciliation
                                          order by round_id, checked_at desc, id desc) latest
                    where verdict = 'MISMATCH' and round_id = '""" + met.getString("id") + "'")).isEqualTo(1);
            assertThat(Http.get("/metrics").body()).containsPattern("round_reconciliation_mismatches\\S* " + mismatches);
            assertThat(ChainIT.count("select count(*) from investment where round_id = '" + met.getString("id")
                    + "' and amount = 30000000000000000001")).isEqualTo(1);
            assertThat(Http.json(Http.get("/api/rounds/" + met.getString("id") + "/audit")).getString("verdict"))
                    .isEqualTo("MISMATCH");
        }
    }

    private static void invest(Accounts.Session investor, JsonObject round, String amount) throws Exception {
        var reserved = Accounts.call("POST", "/api/rounds/" + round.getString("id") + "/investments",
                investor.accessToken(), Accounts.body("amount", amount));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String id = Http.json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");
    }

    /** Finalises the escrow from a dev account, then the investor claims with her own key (exported keystore). */
    private static String claimRefundHerself(Accounts.Session investor, String escrow) throws Exception {
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(
                RunningPlatform.platform().chainRpcUrl()));
        try {
            var gas = new org.web3j.tx.gas.StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(300_000));
            var anyone = io.picktartup.launcher.Platform.devAccount(3);
            io.picktartup.chain.contract.FundingRound.load(escrow, web3j,
                    new org.web3j.tx.RawTransactionManager(web3j, anyone, 31337), gas).finalizeRound().send();
            var export = Accounts.call("POST", "/api/accounts/me/wallet/keystore", investor.accessToken(),
                    Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
            assertThat(export.statusCode()).isEqualTo(200);
            var file = new com.fasterxml.jackson.databind.ObjectMapper().readValue(export.body(),
                    org.web3j.crypto.WalletFile.class);
            var own = org.web3j.crypto.Credentials.create(org.web3j.crypto.Wallet.decrypt(Accounts.WALLET_PASSWORD, file));
            ChainIT.anvil("anvil_setBalance", investor.walletAddress(), "0xDE0B6B3A7640000");
            var receipt = io.picktartup.chain.contract.FundingRound.load(escrow, web3j,
                    new org.web3j.tx.RawTransactionManager(web3j, own, 31337), gas).claimRefund().send();
            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
            return receipt.getTransactionHash();
        } finally {
            web3j.shutdown();
        }
    }

    static long runSettlement() {
        var started = Accounts.call("POST", "/api/admin/jobs/round-settlement", Funding.admin(), null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return Http.json(started).getJsonNumber("id").longValue();
    }

    static JsonObject awaitJob(long execution) throws Exception {
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("execution " + execution + " ended", () -> {
            last[0] = Http.json(Accounts.call("GET", "/api/admin/jobs/executions/" + execution, Funding.admin(), null));
            return List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(last[0].getString("batchStatus"));
        }, Duration.ofSeconds(120));
        return last[0];
    }

    static List<jakarta.mail.internet.MimeMessage> mailsTo(String address) {
        return java.util.Arrays.stream(RunningPlatform.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("[Picktartup]") && !m.getSubject().contains("new investment")
                        && java.util.Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }
}
