package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cashing out: the PKN are burned on chain with the holder's signature, then paid in won; the bank account number
 * is kept in full only until the payout; a wrong wallet password or too much PKN burns nothing.
 */
@ExtendWith(RunningPlatform.class)
class CashOutIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);

    @Test
    void cashingOutBurnsOnChainThenPaysWonToAMaskedAccount() throws Exception {
        var holder = Accounts.Session.open("cash-out");
        byte[] paymentId = ChainIT.randomId();
        ChainIT.awaitStatus(ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), holder.walletAddress(),
                PKN.multiply(BigInteger.TEN), paymentId), "CONFIRMED", Duration.ofSeconds(30));

        var wrong = cashOut(holder, "4", "wrong wallet password", "3333-01-2345678");
        assertThat(wrong.statusCode()).isEqualTo(403);
        var tooMuch = cashOut(holder, "11", Accounts.WALLET_PASSWORD, "3333-01-2345678");
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(tooMuch.body()).contains("wallet.insufficient-balance");
        var invalid = cashOut(holder, "x", Accounts.WALLET_PASSWORD, "12");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"amount\"").contains("\"accountNumber\"");
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'")).isZero();

        var accepted = cashOut(holder, "4.5", Accounts.WALLET_PASSWORD, "3333-01-2345678");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        var view = Http.json(accepted);
        assertThat(view.getString("status")).isEqualTo("BURNING");
        assertThat(view.getJsonNumber("krwAmount").longValue()).isEqualTo(4_500);
        assertThat(view.getString("accountNumber")).isEqualTo("*********5678");

        var paid = await(holder, view.getString("id"), "PAID");
        assertThat(paid.getString("burnTxHash")).startsWith("0x");
        assertThat(paid.getString("payoutReference")).isNotBlank();
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(new BigInteger("5500000000000000000"));
        // the full number is gone once paid; only the masked one stays
        assertThat(ChainIT.strings("select coalesce(account_number, 'wiped') from payout where cash_out_id = '"
                + view.getString("id") + "'")).containsExactly("wiped");
        assertThat(ChainIT.count("select count(*) from cash_out where account_masked like '%2345678%'")).isZero();
        assertThat(Accounts.call("GET", "/api/accounts/me/activity", holder.accessToken(), null).body())
                .contains("CASH_OUT").contains(paid.getString("burnTxHash"));
    }

    @Test
    void theSameRequestSentTwiceIsOneCashOut() throws Exception {
        var holder = Accounts.Session.open("cash-out-twice");
        byte[] paymentId = ChainIT.randomId();
        ChainIT.awaitStatus(ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), holder.walletAddress(),
                PKN.multiply(BigInteger.TEN), paymentId), "CONFIRMED", Duration.ofSeconds(30));
        String body = Json.createObjectBuilder().add("amount", "1").add("walletPassword", Accounts.WALLET_PASSWORD)
                .add("bankCode", "090").add("accountNumber", "333301234567").add("holderName", "Kim").build().toString();
        var headers = new java.util.HashMap<>(Accounts.bearer(holder.accessToken()));
        headers.put("Idempotency-Key", "double-click-1");
        var first = Http.request("POST", "/api/accounts/me/cash-outs", headers, body);
        var second = Http.request("POST", "/api/accounts/me/cash-outs", headers, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(Http.json(second).getString("id")).isEqualTo(Http.json(first).getString("id"));
        await(holder, Http.json(first).getString("id"), "PAID");
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'")).isEqualTo(1);
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(9)));
    }

    private static java.net.http.HttpResponse<String> cashOut(Accounts.Session holder, String amount,
                                                              String walletPassword, String accountNumber) {
        return Accounts.call("POST", "/api/accounts/me/cash-outs", holder.accessToken(), Json.createObjectBuilder()
                .add("amount", amount).add("walletPassword", walletPassword).add("bankCode", "090")
                .add("accountNumber", accountNumber).add("holderName", "김투자").build().toString());
    }

    private static JsonObject await(Accounts.Session holder, String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            try (var reader = Json.createReader(new StringReader(
                    Accounts.call("GET", "/api/accounts/me/cash-outs", holder.accessToken(), null).body()))) {
                for (var item : reader.readArray().getValuesAs(JsonObject.class)) {
                    if (item.getString("id").equals(id)) {
                        last = item;
                    }
                }
            }
            if (last != null && status.equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("cash-out " + id + " did not reach " + status + ": " + last);
    }
}
