package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 7: the settlement halted (the JVM stopped dead, as a power cut) at each controlled point by the fault
 * switches, then resumed by the next run: after the escrow's finalisation is confirmed and before the round records
 * it; after a refund chunk's broadcast and before its receipt; after the release is confirmed and before the round
 * records it and queues its mails. Each round finishes exactly once: no second finalisation, refund or release, every
 * investor refunded once, every mail sent once. Runs with the classes that move time.
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE - 2)
class SettlementFaultsIT {

    /** A switch left armed by a failed step would halt the next class's work. */
    @AfterEach
    void disarm() {
        Faults.clear();
    }

    @Test
    void aSettlementHaltedAtEachFaultPointResumesAndFinishesExactlyOnce() throws Exception {
        var platform = RunningPlatform.platform();
        Instant deadline = TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20));
        var loser = Funding.startup("Halted Refunds");
        var failing = Funding.openRound(loser, "1000", "2000", "10", 10_000, deadline);
        var winner = Funding.startup("Halted Release");
        // due an hour after the failing one: settled only once the failing one is done
        var succeeding = Funding.openRound(winner, "50", "100", "10", 10_000, deadline.plus(Duration.ofHours(1)));
        String failingId = failing.getString("id");
        String succeedingId = succeeding.getString("id");
        var refunded = new ArrayList<Accounts.Session>();
        for (int i = 0; i < 3; i++) { // chunks of 2 (RunningPlatform): two refund transactions
            var investor = Accounts.Session.open("halt-refund-" + i);
            Funding.fund(investor.walletAddress(), 100);
            invest(investor, failingId, Integer.toString(10 * (i + 1)));
            refunded.add(investor);
        }
        var released = new ArrayList<Accounts.Session>();
        for (int i = 0; i < 2; i++) {
            var investor = Accounts.Session.open("halt-release-" + i);
            Funding.fund(investor.walletAddress(), 100);
            invest(investor, succeedingId, "30");
            released.add(investor);
        }
        int faults = 0;

        // 1. halted after the finalisation is confirmed, before the round records it
        // armed in the running application: the halt is the only restart this step costs
        Faults.arm(Map.of("picktartup.settlement.fault.halt-at", "after-finalize",
                "picktartup.settlement.fault.rounds", failingId));
        TimeTravel.forward(Duration.ofHours(48).plus(Duration.ofMinutes(30)));
        SettlementIT.runSettlement();
        ChainIT.await("the settlement halts after the finalisation", () -> !platform.applicationAlive(),
                Duration.ofSeconds(90));
        faults++;
        assertThat(status(failingId)).isEqualTo("CLOSED");
        assertThat(intentStatus("round-finalize:" + failingId)).isEqualTo("CONFIRMED");
        assertThat(count("select count(*) from chain_transaction where business_key like 'round-refund:" + failingId
                + ":%'")).isZero();

        // 2. halted after the refund chunks are broadcast, before their receipts are read (the two chunks are queued
        // together and go out pipelined, in one broadcast: both SENT; or the first alone if they were signed apart)
        Faults.arm(Map.of("picktartup.chain.fault.halt-after-broadcast", "round-refund:" + failingId + ":"));
        platform.restartApplication(false, Map.of());
        TimeTravel.restore();
        SettlementIT.runSettlement();
        ChainIT.await("the dispatcher halts after broadcasting a refund chunk", () -> !platform.applicationAlive(),
                Duration.ofSeconds(90));
        faults++;
        assertThat(status(failingId)).isIn("FAILED", "REFUNDING");
        var sent = ChainIT.strings("select tx_hash from chain_transaction where business_key like 'round-refund:"
                + failingId + ":%' and status = 'SENT'");
        assertThat(sent).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(count("select count(*) from chain_transaction where business_key like 'round-refund:" + failingId
                + ":%' and status in ('MINED', 'CONFIRMED')")).isZero();

        // 3. the refunds finish; then the release is halted after it is confirmed, before the round records it
        Faults.arm(Map.of("picktartup.settlement.fault.halt-at", "after-release",
                "picktartup.settlement.fault.rounds", succeedingId));
        platform.restartApplication(false, Map.of());
        TimeTravel.restore();
        JsonObject refundRun = SettlementIT.awaitJob(SettlementIT.runSettlement());
        assertThat(refundRun.getString("batchStatus")).as(refundRun.toString()).isEqualTo("COMPLETED");
        assertThat(status(failingId)).isEqualTo("REFUNDED");
        for (String hash : sent) {
            assertThat(intentStatus(sentKey(hash))).isEqualTo("CONFIRMED");
        }
        // the refund mails go out before the next halt (a halt mid-send would be a mail the outbox sends again)
        ChainIT.await("the refund mails", () -> refunded.stream().allMatch(i -> SettlementIT.mailsTo(i.email()).size() == 1)
                && SettlementIT.mailsTo(loser.ceo().email()).size() == 1, Duration.ofSeconds(60));
        TimeTravel.forward(Duration.ofHours(1));
        SettlementIT.runSettlement();
        ChainIT.await("the settlement halts after the release", () -> !platform.applicationAlive(),
                Duration.ofSeconds(90));
        faults++;
        assertThat(status(succeedingId)).isEqualTo("SUCCEEDED");
        assertThat(intentStatus("round-release:" + succeedingId)).isEqualTo("CONFIRMED");
        assertThat(count("select count(*) from mail_message where business_key like 'round-settled:" + succeedingId
                + ":%'")).isZero();

        // 4. resumed without switches: the release is recorded once and everyone is mailed once
        Faults.clear();
        platform.restartApplication(false, Map.of());
        TimeTravel.restore();
        JsonObject last = SettlementIT.awaitJob(SettlementIT.runSettlement());
        assertThat(last.getString("batchStatus")).as(last.toString()).isEqualTo("COMPLETED");

        long movements = 0;
        // the failing round: finalised once, each investor refunded exactly once, nothing left in the escrow
        assertThat(Funding.round(failingId).getString("status")).isEqualTo("REFUNDED");
        assertThat(ChainIT.balance(failing.getString("contractAddress"))).isZero();
        assertThat(count("select count(*) from chain_transaction where business_key = 'round-finalize:" + failingId
                + "'")).isEqualTo(1);
        for (var investor : refunded) {
            assertThat(ChainIT.balance(investor.walletAddress())).as(investor.email())
                    .isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
            ChainIT.await("the refund of " + investor.email() + " indexed",
                    () -> events(failing, "Refunded", investor) >= 1, Duration.ofSeconds(30));
            assertThat(events(failing, "Refunded", investor)).as(investor.email()).isEqualTo(1);
            movements += 2; // its deposit and its refund
        }
        assertThat(count("select count(*) from investment where round_id = '" + failingId + "' and status = 'REFUNDED'"))
                .isEqualTo(3);
        // each refunded investment names the transaction of its investor's Refunded event (the last step's matching)
        assertThat(count("select count(*) from investment i where i.round_id = '" + failingId + "' and i.status = "
                + "'REFUNDED' and exists (select 1 from chain_event e where e.contract = '"
                + failing.getString("contractAddress").toLowerCase() + "' and e.event_name = 'Refunded' and not e.removed"
                + " and e.tx_hash = i.refund_tx_hash and lower(e.args::jsonb ->> 'arg0') = lower(i.investor_address))"))
                .isEqualTo(3);
        // the succeeding round: released once, to the startup's wallet, for what was raised
        assertThat(Funding.round(succeedingId).getString("status")).isEqualTo("RELEASED");
        assertThat(ChainIT.balance(succeeding.getString("contractAddress"))).isZero();
        assertThat(ChainIT.balance(winner.wallet())).isEqualTo(PKN.multiply(BigInteger.valueOf(60)));
        assertThat(count("select count(*) from chain_transaction where business_key like 'round-release:"
                + succeedingId + "%'")).isEqualTo(1);
        assertThat(count("select count(*) from chain_event where lower(contract) = '"
                + succeeding.getString("contractAddress").toLowerCase() + "' and event_name = 'Released' and not removed"))
                .isEqualTo(1);
        movements += released.size() + 1; // the deposits and the release
        // mails: each investor and each CEO once per round, never twice
        ChainIT.await("the settlement mails", () -> refunded.stream().allMatch(i -> SettlementIT.mailsTo(i.email()).size() == 1)
                && released.stream().allMatch(i -> SettlementIT.mailsTo(i.email()).size() == 1)
                && SettlementIT.mailsTo(loser.ceo().email()).size() == 1
                && SettlementIT.mailsTo(winner.ceo().email()).size() == 1, Duration.ofSeconds(60));
        Thread.sleep(4_000); // a second mail would come with the next sender pass (every 3 s)
        for (var investor : List.of(refunded, released).stream().flatMap(List::stream).toList()) {
            assertThat(SettlementIT.mailsTo(investor.email())).as(investor.email()).hasSize(1);
        }
        assertThat(SettlementIT.mailsTo(winner.ceo().email())).hasSize(1);
        assertThat(SettlementIT.mailsTo(loser.ceo().email())).hasSize(1);
        for (String round : List.of(failingId, succeedingId)) {
            var audit = Http.json(Http.get("/api/rounds/" + round + "/audit"));
            assertThat(audit.getString("verdict")).as(audit.toString()).isEqualTo("OK");
        }
        System.out.println("settlement_faults_injected: " + faults + " faults (points: after finalize, after a chunk's "
                + "broadcast, after release)");
        System.out.println("settlement_money_movements_checked: " + movements + " movements");
        System.out.println("settlement_lost_or_duplicated: 0 movements (reference: 0)");
    }

    private static String sentKey(String txHash) throws Exception {
        return ChainIT.strings("select business_key from chain_transaction where tx_hash = '" + txHash + "'").get(0);
    }

    static void invest(Accounts.Session investor, String roundId, String amount) throws Exception {
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", amount));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String id = Http.json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");
    }

    private static String status(String roundId) throws Exception {
        return ChainIT.strings("select status from funding_round where id = '" + roundId + "'").get(0);
    }

    private static String intentStatus(String key) throws Exception {
        var values = ChainIT.strings("select status from chain_transaction where business_key = '" + key + "'");
        return values.isEmpty() ? "none" : values.get(0);
    }

    private static long count(String sql) throws Exception {
        return ChainIT.count(sql);
    }

    private static long events(JsonObject round, String name, Accounts.Session investor) {
        try {
            return ChainIT.count("select count(*) from chain_event where lower(contract) = '"
                    + round.getString("contractAddress").toLowerCase() + "' and event_name = '" + name + "' and not removed"
                    + " and lower(args::jsonb ->> 'arg0') = '" + investor.walletAddress().toLowerCase() + "'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
