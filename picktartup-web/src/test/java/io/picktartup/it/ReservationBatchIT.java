package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit of reservations: one rush whose requests are decided in shared batches, mixing every case a batch must
 * decide exactly as one request alone — an investor reserving twice (and repeating one request under its
 * Idempotency-Key), an investor over their yearly per-startup limit, one whose PKN cover only one of their two
 * reservations, one without enough PKN at all, and more demand than room, so the batch that crosses the hard cap
 * accepts exactly what fits. Then the database: committed = the accepted sum = the hard cap, one hold per accepted
 * reservation of exactly its amount, one audit row each, and several reservations committed by one transaction.
 */
@ExtendWith(RunningPlatform.class)
class ReservationBatchIT {

    private static final int FILLERS = 60;
    /** Room for 40 reservations of 10 PKN; the demand is over 60. */
    private static final int CAP_PKN = 400;

    @Test
    void aBatchDecidesEachReservationAsIfAlone() throws Exception {
        var startup = Funding.startup("Batch Biotech");
        var round = Funding.openRound(startup, "100", String.valueOf(CAP_PKN), "10", 10_000, Funding.inDays(7));
        String roundId = round.getString("id");
        var fillers = InvestmentRushIT.seedInvestors(FILLERS, 10);
        // twice (20 PKN), over the limit (GENERAL: ₩5,000,000 per startup = 5,000 PKN), 10 PKN for two, 5 PKN for one
        var rich = InvestmentRushIT.seedInvestors(2, 20);
        String twice = rich.get(0);
        String overLimit = rich.get(1);
        String halfCovered = InvestmentRushIT.seedInvestors(1, 10).get(0);
        String poor = InvestmentRushIT.seedInvestors(1, 5).get(0);

        String path = "/api/rounds/" + roundId + "/investments";
        var calls = new LinkedCalls();
        calls.add("twice-1", () -> reserve(path, twice, "10", "batch-twice-1"));
        calls.add("twice-2", () -> reserve(path, twice, "10", "batch-twice-2"));
        calls.add("twice-1-copy", () -> reserve(path, twice, "10", "batch-twice-1"));
        calls.add("over-limit", () -> reserve(path, overLimit, "5010", null));
        calls.add("half-1", () -> reserve(path, halfCovered, "10", null));
        calls.add("half-2", () -> reserve(path, halfCovered, "10", null));
        calls.add("poor", () -> reserve(path, poor, "10", null));
        for (int i = 0; i < fillers.size(); i++) {
            String token = fillers.get(i);
            calls.add("filler-" + i, () -> reserve(path, token, "10", null));
        }
        var answers = calls.runAtOnce();

        // refused before the room was looked at, whatever the order
        assertProblem(answers.get("over-limit"), "investment.limit-exceeded");
        assertProblem(answers.get("poor"), "wallet.insufficient-balance");
        // the same investor twice in a rush: 10 PKN cover one reservation, never two
        var half = List.of(answers.get("half-1"), answers.get("half-2"));
        assertThat(half.stream().filter(r -> r.statusCode() == 201).count()).isLessThanOrEqualTo(1);
        if (half.stream().anyMatch(r -> r.statusCode() == 201)) {
            assertThat(half.stream().filter(r -> r.statusCode() != 201).findFirst().orElseThrow().body())
                    .contains("wallet.insufficient-balance");
        } else {
            half.forEach(r -> assertProblem(r, "round.hard-cap"));
        }
        // one Idempotency-Key, one reservation: the copy gets the first one's answer
        var first = answers.get("twice-1");
        var copy = answers.get("twice-1-copy");
        assertThat(copy.statusCode()).as(copy.body()).isEqualTo(first.statusCode());
        if (first.statusCode() == 201) {
            assertThat(Http.json(copy).getString("id")).isEqualTo(Http.json(first).getString("id"));
        }

        // every request got an answer that says what happened to it
        var accepted = new ArrayList<String>();
        for (var entry : answers.entrySet()) {
            var response = entry.getValue();
            if (response.statusCode() == 201) {
                if (!entry.getKey().equals("twice-1-copy")) {
                    accepted.add(Http.json(response).getString("id"));
                }
            } else if (entry.getKey().startsWith("filler") || entry.getKey().startsWith("twice")) {
                assertProblem(response, "round.hard-cap");
            }
        }
        // more demand than room: the batches took exactly the room, no more, no less
        assertThat(accepted).hasSize(CAP_PKN / 10).doesNotHaveDuplicates();
        String cap = PKN.multiply(BigInteger.valueOf(CAP_PKN)).toString();
        assertThat(ChainIT.strings("select committed::text from funding_round where id = '" + roundId + "'"))
                .containsExactly(cap);
        assertThat(ChainIT.strings("select coalesce(sum(amount), 0)::text from investment where round_id = '" + roundId
                + "' and status = 'RESERVED'")).containsExactly(cap);
        assertThat(ChainIT.strings("select count(*)::text from investment where round_id = '" + roundId + "'"))
                .containsExactly(String.valueOf(accepted.size()));
        // each accepted reservation holds exactly its amount in its investor's wallet, and has its audit row
        assertThat(ChainIT.strings("""
                select count(*)::text from investment i join wallet_hold h on h.business_key = 'round-deposit:' || i.id
                where i.round_id = '%s' and h.amount = i.amount and h.wallet_address = lower(i.investor_address)"""
                .formatted(roundId))).containsExactly(String.valueOf(accepted.size()));
        assertThat(ChainIT.strings("""
                select count(*)::text from investment i join audit_event a
                  on a.subject_id = i.id::text and a.action = 'investment.reserved'
                where i.round_id = '%s'""".formatted(roundId))).containsExactly(String.valueOf(accepted.size()));
        // the investor who reserved twice holds both (or what fitted), never more than their 20 PKN
        if (first.statusCode() == 201 && answers.get("twice-2").statusCode() == 201) {
            assertThat(ChainIT.strings("select count(*)::text from investment where round_id = '" + roundId
                    + "' and request_key in ('batch-twice-1', 'batch-twice-2')")).containsExactly("2");
        }
        // group commit: a batch's reservations share its transaction's time; fewer transactions than reservations
        int transactions = Integer.parseInt(ChainIT.strings("select count(distinct created_at)::text from investment"
                + " where round_id = '" + roundId + "'").get(0));
        assertThat(transactions).as("transactions for %d reservations", accepted.size()).isLessThan(accepted.size());
        assertThat(Funding.round(roundId).getString("committed")).isEqualTo(String.valueOf(CAP_PKN));
    }

    private static HttpResponse<String> reserve(String path, String token, String amount, String key) {
        var headers = new HashMap<>(Accounts.bearer(token));
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        return Http.request("POST", path, headers, Accounts.body("amount", amount));
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(response.body()).contains(code);
    }

    /** Named calls released at one moment from as many threads. */
    private static final class LinkedCalls {
        private final Map<String, Supplier<HttpResponse<String>>> calls = new java.util.LinkedHashMap<>();

        void add(String name, Supplier<HttpResponse<String>> call) {
            calls.put(name, call);
        }

        Map<String, HttpResponse<String>> runAtOnce() {
            var start = new CountDownLatch(1);
            var futures = new java.util.LinkedHashMap<String, CompletableFuture<HttpResponse<String>>>();
            var pool = Executors.newFixedThreadPool(calls.size());
            try {
                calls.forEach((name, call) -> futures.put(name, CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call.get();
                }, pool)));
                start.countDown();
                var answers = new java.util.LinkedHashMap<String, HttpResponse<String>>();
                futures.forEach((name, future) -> answers.put(name, future.join()));
                return answers;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
