package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application is killed (SIGKILL, as a power cut) twice during a failed round's settlement: once the round is
 * closed with its finalisation on its way, and once its refunds are under way (chunks of 2 investors here). After
 * each restart the job is started again: every investor is refunded exactly once and the job completes.
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE - 1)
class SettlementRestartIT {

    @Test
    void aSettlementKilledTwiceStillRefundsEveryInvestorExactlyOnce() throws Exception {
        var startup = Funding.startup("Crash Test Dummies");
        var round = Funding.openRound(startup, "1000", "2000", "10", 10_000,
                TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(20)));
        String roundId = round.getString("id");
        var investors = new ArrayList<Accounts.Session>();
        for (int i = 0; i < 5; i++) {
            var investor = Accounts.Session.open("crash-" + i);
            Funding.fund(investor.walletAddress(), 100);
            invest(investor, roundId, Integer.toString(10 * (i + 1)));
            investors.add(investor);
        }
        TimeTravel.forward(Duration.ofHours(48).plus(Duration.ofMinutes(30)));

        // kill 1: the round is closed, its finalisation queued (maybe sent)
        SettlementIT.runSettlement();
        ChainIT.await("the round closed", () -> status(roundId).equals("CLOSED") || status(roundId).equals("FAILED")
                || status(roundId).equals("REFUNDING"), Duration.ofSeconds(60));
        crashAndRestart();

        // kill 2: refunds under way: the first chunk is queued or done, others not yet
        SettlementIT.runSettlement();
        ChainIT.await("refunds under way", () -> count("select count(*) from chain_transaction where business_key like "
                + "'round-refund:" + roundId + ":%'") >= 1, Duration.ofSeconds(60));
        crashAndRestart();

        long last = SettlementIT.runSettlement();
        JsonObject execution = SettlementIT.awaitJob(last);
        assertThat(execution.getString("batchStatus")).as(execution.toString()).isEqualTo("COMPLETED");
        assertThat(Funding.round(roundId).getString("status")).isEqualTo("REFUNDED");
        assertThat(ChainIT.balance(round.getString("contractAddress"))).isZero();
        for (var investor : investors) {
            assertThat(ChainIT.balance(investor.walletAddress())).as(investor.email())
                    .isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
            // one Refunded event per investor, never two
            ChainIT.await("the refund of " + investor.email() + " indexed", () -> refundEvents(round, investor) >= 1,
                    Duration.ofSeconds(30));
            assertThat(refundEvents(round, investor)).isEqualTo(1);
        }
        // 5 investors in chunks of 2: three refund transactions, each confirmed once
        assertThat(count("select count(*) from chain_transaction where business_key like 'round-refund:" + roundId
                + ":%' and status = 'CONFIRMED'")).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from investment where round_id = '" + roundId + "' and status = 'REFUNDED'"))
                .isEqualTo(5);
        var audit = Http.json(Http.get("/api/rounds/" + roundId + "/audit"));
        assertThat(audit.getString("verdict")).as(audit.toString()).isEqualTo("OK");
        assertThat(audit.getString("refunded")).isEqualTo("150");
    }

    private static void crashAndRestart() {
        RunningPlatform.platform().restartApplication(true, Map.of());
        TimeTravel.restore();
    }

    private static void invest(Accounts.Session investor, String roundId, String amount) throws Exception {
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", amount));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String id = Http.json(reserved).getString("id");
        assertThat(Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD)).statusCode()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");
    }

    private static String status(String roundId) {
        try {
            return ChainIT.strings("select status from funding_round where id = '" + roundId + "'").get(0);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try {
            return ChainIT.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long refundEvents(JsonObject round, Accounts.Session investor) {
        return count("select count(*) from chain_event where lower(contract) = '"
                + round.getString("contractAddress").toLowerCase() + "' and event_name = 'Refunded' and not removed"
                + " and lower(args::jsonb ->> 'arg0') = '" + investor.walletAddress().toLowerCase() + "'");
    }
}
