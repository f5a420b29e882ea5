package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The order API as a buyer uses it, and what another account can (not) do with someone's order. */
@ExtendWith(RunningPlatform.class)
class CoinOrdersIT {

    @Test
    void aBuyerPaysAnOrderAndComesBackToItsCompletion() throws Exception {
        var buyer = Accounts.Session.open("api-buyer");
        var placed = Accounts.call("POST", "/api/accounts/me/coin-orders", buyer.accessToken(), "{\"krwAmount\": 12000}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        var order = Http.json(placed);
        String paymentId = order.getString("paymentId");
        assertThat(order.getString("status")).isEqualTo("PENDING");
        assertThat(order.getString("pkn")).isEqualTo("12");
        var checkout = order.getJsonObject("checkout");
        assertThat(checkout.getJsonNumber("totalAmount").longValue()).isEqualTo(12000);
        assertThat(checkout.getString("redirectUrl")).contains("/my/coins.xhtml?paymentId=" + paymentId);

        // the buyer pays at the gateway; the webhook is lost (never sent): the return alone completes the order
        var sandbox = RunningPlatform.platform().paymentSandbox();
        sandbox.create(paymentId, io.picktartup.launcher.sandbox.SandboxPayment.Status.PAID, 12000, "KRW", "12 PKN");
        var confirmed = Accounts.call("POST", "/api/accounts/me/coin-orders/" + paymentId + "/confirm",
                buyer.accessToken(), null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(Http.json(confirmed).getString("status")).isIn("MINTING", "COMPLETED");

        JsonObject finalOrder = awaitStatus(buyer, paymentId, "COMPLETED");
        assertThat(finalOrder.getString("txHash")).startsWith("0x");
        assertThat(ChainIT.balance(buyer.walletAddress())).isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(12)));

        // a replayed return changes nothing
        var replay = Accounts.call("POST", "/api/accounts/me/coin-orders/" + paymentId + "/confirm", buyer.accessToken(), null);
        assertThat(Http.json(replay).getString("status")).isEqualTo("COMPLETED");
        assertThat(ChainIT.count("select count(*) from chain_transaction where business_key = 'mint:" + paymentId + "'")).isEqualTo(1);
    }

    @Test
    void anotherAccountCannotSeeOrConfirmSomeoneElsesOrder() throws Exception {
        var owner = Accounts.Session.open("order-owner");
        var intruder = Accounts.Session.open("order-intruder");
        String paymentId = Http.json(Accounts.call("POST", "/api/accounts/me/coin-orders", owner.accessToken(),
                "{\"krwAmount\": 2000}")).getString("paymentId");

        assertThat(Accounts.call("GET", "/api/accounts/" + owner.id() + "/coin-orders", intruder.accessToken(), null)
                .statusCode()).isEqualTo(404);
        assertThat(Accounts.call("GET", "/api/accounts/me/coin-orders/" + paymentId, intruder.accessToken(), null)
                .statusCode()).isEqualTo(404);
        var foreign = Accounts.call("POST", "/api/accounts/me/coin-orders/" + paymentId + "/confirm", intruder.accessToken(), null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(ChainIT.strings("select outcome from payment_notice where payment_id = '" + paymentId + "'"))
                .containsExactly("FOREIGN_ORDER");
        assertThat(Accounts.call("GET", "/api/accounts/me/coin-orders", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void ordersOutsideTheLimitsAreRefusedNamingTheField() {
        var buyer = Accounts.Session.open("limits");
        for (String body : new String[]{"{\"krwAmount\": 999}", "{\"krwAmount\": 5000001}", "{}", "{\"krwAmount\": -5}"}) {
            var response = Accounts.call("POST", "/api/accounts/me/coin-orders", buyer.accessToken(), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("krwAmount");
        }
        assertThat(Accounts.call("GET", "/api/accounts/me/coin-orders", buyer.accessToken(), null).body()).isEqualTo("[]");
    }

    private static JsonObject awaitStatus(Accounts.Session buyer, String paymentId, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = Http.json(Accounts.call("GET", "/api/accounts/me/coin-orders/" + paymentId, buyer.accessToken(), null));
            if (status.equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("order " + paymentId + " did not reach " + status + ": " + last);
    }
}
