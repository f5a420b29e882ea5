package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time passes inside the test (the platform's business clock and anvil's, moved forward together): within 48 hours
 * of the deadline a cancel is refused with a 409 naming the cut-off and nothing goes on chain; a reservation nobody
 * signed expires and gives its room back to the round.
 */
@ExtendWith(RunningPlatform.class)
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 10) // moves time forward: after every class that does not
class CancelCutoffIT {

    @Test
    void pastTheCutOffNothingCancelsAndUnsignedReservationsExpire() throws Exception {
        var startup = Funding.startup("Cutoff Capital");
        // the cut-off (deadline − 48 h) is ten minutes away
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000,
                TimeTravel.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(10)));
        String roundId = round.getString("id");
        var investor = Accounts.Session.open("late-canceller");
        Funding.fund(investor.walletAddress(), 100);
        String id = Http.json(Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", "40"))).getString("id");
        assertThat(Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD)).statusCode()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");

        var idle = Accounts.Session.open("idle-reserver");
        Funding.fund(idle.walletAddress(), 100);
        String reserved = Http.json(Accounts.call("POST", "/api/rounds/" + roundId + "/investments",
                idle.accessToken(), Accounts.body("amount", "30"))).getString("id");
        assertThat(Funding.round(roundId).getString("committed")).isEqualTo("70");

        TimeTravel.forward(Duration.ofMinutes(16));
        {
            var cancel = Accounts.call("POST", "/api/investments/" + id + "/cancel", investor.accessToken(),
                    Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(409);
            var problem = Http.json(cancel);
            assertThat(problem.getString("code")).isEqualTo("round.cancel-period-over");
            assertThat(Instant.parse(problem.getJsonObject("extensions").getString("cancelCutoff")))
                    .isEqualTo(Instant.parse(round.getString("cancelCutoff")));
            assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'round-cancel' "
                    + "and business_key like 'round-cancel:" + roundId + ":%'")).isZero();
            assertThat(Funding.investment(investor, id).getString("status")).isEqualTo("CONFIRMED");

            // the idle reservation outlived its 15 minutes: it expires and its room goes back to the round
            Funding.awaitInvestment(idle, reserved, "EXPIRED");
            assertThat(Funding.round(roundId).getString("committed")).isEqualTo("40");
            var late = Accounts.call("POST", "/api/investments/" + reserved + "/sign", idle.accessToken(),
                    Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(ChainIT.balance(round.getString("contractAddress"))).isEqualTo(PKN.multiply(BigInteger.valueOf(40)));
        }
    }
}
