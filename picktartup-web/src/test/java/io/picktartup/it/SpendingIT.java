package io.picktartup.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One answer to "how much may this wallet spend?": every movement that takes PKN out of a wallet (a reservation in a
 * round, a cash-out, a transfer) is held against the same balance, whichever came first, sequentially or at once.
 */
@ExtendWith(RunningPlatform.class)
class SpendingIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);
    private static volatile String roundId;

    /** A movement out of the wallet, by its API call. */
    enum Movement {
        RESERVE, CASH_OUT, TRANSFER;

        /** Sends it as a client should: a 503 says nothing was done and to try again in a moment. */
        HttpResponse<String> send(Accounts.Session from, String amount, String idempotencyKey) {
            var response = sendOnce(from, amount, idempotencyKey);
            for (int retry = 0; retry < 3 && response.statusCode() == 503; retry++) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                response = sendOnce(from, amount, idempotencyKey);
            }
            return response;
        }

        private HttpResponse<String> sendOnce(Accounts.Session from, String amount, String idempotencyKey) {
            var headers = new HashMap<>(Accounts.bearer(from.accessToken()));
            if (idempotencyKey != null) {
                headers.put("Idempotency-Key", idempotencyKey);
            }
            return switch (this) {
                case RESERVE -> Http.request("POST", "/api/rounds/" + roundId + "/investments", headers,
                        Accounts.body("amount", amount));
                case CASH_OUT -> Http.request("POST", "/api/accounts/me/cash-outs", headers, Json.createObjectBuilder()
                        .add("amount", amount).add("walletPassword", Accounts.WALLET_PASSWORD).add("bankCode", "090")
                        .add("accountNumber", "3333-01-2345678").add("holderName", "김투자").build().toString());
                case TRANSFER -> Http.request("POST", "/api/accounts/me/wallet/transfers", headers,
                        Json.createObjectBuilder().add("to", recipient()).add("amount", amount)
                                .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString());
            };
        }

        private static String recipient() {
            try {
                return ChainIT.newAddress();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static boolean accepted(HttpResponse<String> response) {
            return response.statusCode() == 201 || response.statusCode() == 202;
        }
    }

    private static synchronized String round() throws Exception {
        if (roundId == null) {
            var startup = Funding.startup("Spending Checks");
            roundId = Funding.openRound(startup, "1000", "100000", "10", 10_000, Funding.inDays(20)).getString("id");
        }
        return roundId;
    }

    @Test
    void eachPairOfMovementsInEitherOrderNeverSpendsMoreThanTheBalance() throws Exception {
        round();
        for (var first : Movement.values()) {
            for (var second : Movement.values()) {
                if (first == second) {
                    continue;
                }
                String pair = first + " then " + second;
                var holder = Accounts.Session.open("pair");
                Funding.fund(holder.walletAddress(), 100);

                var taken = first.send(holder, "60", null);
                assertThat(Movement.accepted(taken)).as(pair + ": " + taken.body()).isTrue();
                // at once, while the first is on its way: refused, and never more than 40 said to be free (between
                // its block and the platform's next look at the chain, it may count twice: less is said, never more)
                var early = second.send(holder, "50", null);
                assertThat(early.statusCode()).as(pair + ": " + early.body()).isEqualTo(409);
                assertThat(new BigDecimal(Http.json(early).getJsonObject("extensions").getString("availablePkn")))
                        .as(pair).isLessThanOrEqualTo(new BigDecimal("40"));
                // once the first has landed (a reservation stays held until it is signed), exactly 40 are free
                ChainIT.await(pair + ": the first movement landed", () -> {
                    try {
                        return ChainIT.count("select count(*) from wallet_hold where wallet_address = lower('"
                                + holder.walletAddress() + "') and business_key not like 'round-deposit:%'") == 0;
                    } catch (Exception e) {
                        return false;
                    }
                }, Duration.ofSeconds(30));
                assertThat(new BigDecimal(funds(holder).getString("spendable"))).as(pair).isEqualByComparingTo("40");
                var over = second.send(holder, "50", null);
                assertThat(over.statusCode()).as(pair + ": " + over.body()).isEqualTo(409);
                var problem = Http.json(over);
                assertThat(problem.getString("code")).as(pair).isEqualTo("wallet.insufficient-balance");
                assertThat(new BigDecimal(problem.getJsonObject("extensions").getString("availablePkn"))).as(pair)
                        .isEqualByComparingTo("40");
                assertThat(over.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));

                var rest = second.send(holder, "40", null);
                assertThat(Movement.accepted(rest)).as(pair + ": " + rest.body()).isTrue();
                var funds = funds(holder);
                assertThat(new BigDecimal(funds.getString("spendable"))).as(pair).isZero();
                assertThat(second.send(holder, "10", null).statusCode()).as(pair).isEqualTo(409);
            }
        }
    }

    @Test
    void movementsFiredAtOnceFromOneWalletNeverCommitMoreThanItsBalance() throws Exception {
        round();
        var holder = Accounts.Session.open("rush");
        Funding.fund(holder.walletAddress(), 100);
        List<Movement> fired = List.of(Movement.CASH_OUT, Movement.RESERVE, Movement.TRANSFER, Movement.CASH_OUT,
                Movement.RESERVE, Movement.TRANSFER, Movement.RESERVE, Movement.CASH_OUT);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(fired.size());
        var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        try {
            for (var movement : fired) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return movement.send(holder, "30", null);
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        BigInteger accepted = BigInteger.ZERO;
        BigInteger leaving = BigInteger.ZERO; // cash-outs and transfers take their PKN off chain; reservations stay
        for (int i = 0; i < fired.size(); i++) {
            var response = answers.get(i).join();
            if (Movement.accepted(response)) {
                accepted = accepted.add(PKN.multiply(BigInteger.valueOf(30)));
                if (fired.get(i) != Movement.RESERVE) {
                    leaving = leaving.add(PKN.multiply(BigInteger.valueOf(30)));
                }
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(Http.json(response).getString("code"))
                        .isIn("wallet.insufficient-balance", "wallet.operation-in-flight");
            }
        }
        assertThat(accepted).as("PKN accepted out of a wallet of 100").isPositive()
                .isLessThanOrEqualTo(PKN.multiply(BigInteger.valueOf(100)));
        // what left lands on chain, nothing is refused there for want of PKN, and the rest is still there
        BigInteger expected = PKN.multiply(BigInteger.valueOf(100)).subtract(leaving);
        ChainIT.await("the accepted movements land", () -> {
            try {
                return ChainIT.balance(holder.walletAddress()).equals(expected)
                        && ChainIT.count("select count(*) from wallet_hold where wallet_address = lower('"
                        + holder.walletAddress() + "') and business_key not like 'round-deposit:%'") == 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        assertThat(ChainIT.count("""
                select count(*) from chain_transaction t where t.status = 'FAILED' and (
                  t.business_key in (select 'cash-out:' || id from cash_out where account_id = '%s')
                  or t.business_key in (select 'transfer:' || id from wallet_transfer where account_id = '%s'))"""
                .formatted(holder.id(), holder.id()))).isZero();
        var funds = funds(holder);
        assertThat(new BigDecimal(funds.getString("spendable")).movePointRight(18).toBigIntegerExact())
                .isEqualTo(PKN.multiply(BigInteger.valueOf(100)).subtract(accepted));
    }

    @Test
    void oneRequestSentManyTimesAtOnceMovesPknOnce() throws Exception {
        var holder = Accounts.Session.open("same-key");
        Funding.fund(holder.walletAddress(), 10);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(5);
        var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
        try {
            for (int i = 0; i < 5; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return Movement.CASH_OUT.send(holder, "3", "one-cash-out");
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }
        var ids = answers.stream().map(CompletableFuture::join).peek(r -> assertThat(r.statusCode()).as(r.body())
                .isEqualTo(202)).map(r -> Http.json(r).getString("id")).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'")).isEqualTo(1);
        ChainIT.await("the one cash-out burns", () -> {
            try {
                return ChainIT.balance(holder.walletAddress()).equals(PKN.multiply(BigInteger.valueOf(7)));
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(60));
    }

    private static jakarta.json.JsonObject funds(Accounts.Session holder) {
        var response = Accounts.call("GET", "/api/accounts/me/activity/balance", holder.accessToken(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }
}
