package io.picktartup.it;

import io.picktartup.launcher.sandbox.SandboxPayment;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PKN bought by card are held from leaving the platform for 72 hours after the payment (a stolen card's charge-back
 * comes within days): a cash-out or a transfer that would touch them is refused (409 {@code coin.card-hold}, saying
 * what may leave now and until when), investing them is allowed, and once the hold has passed they may leave.
 * Moves business time (and anvil's) forward, so it runs with the other classes that do, first of them.
 */
@ExtendWith(RunningPlatform.class)
@Order(Integer.MAX_VALUE - 10)
class CardHoldIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);

    @Test
    void cardBoughtPknMayBeInvestedButLeaveThePlatformOnlyAfterTheHold() throws Exception {
        var buyer = Accounts.Session.open("card-hold");
        Funding.fund(buyer.walletAddress(), 5); // PKN that did not come by card
        var placed = Accounts.call("POST", "/api/accounts/me/coin-orders", buyer.accessToken(),
                Accounts.body("krwAmount", "30000"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String paymentId = Http.json(placed).getString("paymentId");
        var sandbox = RunningPlatform.platform().paymentSandbox();
        sandbox.create(paymentId, SandboxPayment.Status.PAID, 30_000, "KRW", "30 PKN");
        sandbox.sendWebhook(paymentId);
        ChainIT.await("the card order is minted", () -> {
            var order = Accounts.call("GET", "/api/accounts/me/coin-orders/" + paymentId, buyer.accessToken(), null);
            return order.statusCode() == 200 && Http.json(order).getString("status").equals("COMPLETED");
        }, Duration.ofSeconds(40));
        assertThat(ChainIT.balance(buyer.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(35)));

        // within the hold: only the 5 PKN that did not come by card may leave
        var cashOut = PayoutIT.cashOut(buyer, "6", PayoutIT.newAccountNumber());
        assertThat(cashOut.statusCode()).as(cashOut.body()).isEqualTo(409);
        var problem = Http.json(cashOut);
        assertThat(problem.getString("code")).isEqualTo("coin.card-hold");
        assertThat(problem.getJsonObject("extensions").getString("availablePkn")).isEqualTo("5");
        assertThat(problem.getJsonObject("extensions").getString("cardHeldPkn")).isEqualTo("30");
        var transfer = PayoutIT.transfer(buyer, "6");
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(409);
        assertThat(Http.json(transfer).getString("code")).isEqualTo("coin.card-hold");
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + buyer.id() + "'")).isZero();
        assertThat(ChainIT.count("select count(*) from wallet_transfer where account_id = '" + buyer.id() + "'"))
                .isZero();

        // investing them is allowed: reserved, signed and confirmed in the round's escrow
        var startup = Funding.startup("Card Hold Ventures");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000,
                TimeTravel.now().plus(Duration.ofDays(20)));
        var reserved = Accounts.call("POST", "/api/rounds/" + round.getString("id") + "/investments",
                buyer.accessToken(), Accounts.body("amount", "20"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String investment = Http.json(reserved).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + investment + "/sign", buyer.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(buyer, investment, "CONFIRMED");
        assertThat(ChainIT.balance(buyer.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(15)));

        // after the hold (72 hours by default), what is left may leave
        TimeTravel.forward(Duration.ofHours(73));
        var later = PayoutIT.cashOut(buyer, "6", PayoutIT.newAccountNumber());
        assertThat(later.statusCode()).as(later.body()).isEqualTo(202);
        PayoutIT.await(buyer, Http.json(later).getString("id"), "PAID", Duration.ofSeconds(90));
        assertThat(PayoutIT.transfer(buyer, "6").statusCode()).isEqualTo(202);
    }
}
