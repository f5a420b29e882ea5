package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending PKN: authorised by the wallet password (a permit signed with the user's key), carried and paid for by the
 * relayer; the sender never holds native coin. Wrong password, too little PKN and bad input send nothing. Both
 * sides see the movement in their history.
 */
@ExtendWith(RunningPlatform.class)
class WalletTransferIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);

    @Test
    void aTransferMovesThePknOnChainAndShowsInBothHistories() throws Exception {
        var sender = Accounts.Session.open("sender");
        var recipient = Accounts.Session.open("recipient");
        fund(sender, 10);

        var wrong = transfer(sender, recipient.walletAddress(), "3", "not my wallet password");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("wallet.password-wrong");
        assertThat(ChainIT.count("select count(*) from wallet_transfer where account_id = '" + sender.id() + "'")).isZero();

        var tooMuch = transfer(sender, recipient.walletAddress(), "10.5", Accounts.WALLET_PASSWORD);
        assertThat(tooMuch.statusCode()).isEqualTo(409);
        assertThat(tooMuch.body()).contains("wallet.insufficient-balance");

        var accepted = transfer(sender, recipient.walletAddress(), "3.25", Accounts.WALLET_PASSWORD);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Http.json(accepted).getString("id");
        assertThat(Http.json(accepted).getString("status")).isEqualTo("PENDING");

        var done = awaitTransfer(sender, id, "CONFIRMED");
        var balance = Http.json(Accounts.call("GET", "/api/accounts/me/activity/balance", sender.accessToken(), null));
        assertThat(balance.getString("balance")).isEqualTo("6.75");
        assertThat(balance.getString("pendingOutgoing")).isEqualTo("0");
        assertThat(balance.getString("address")).isEqualToIgnoringCase(sender.walletAddress());
        assertThat(done.getString("txHash")).startsWith("0x");
        assertThat(ChainIT.balance(sender.walletAddress())).isEqualTo(new BigInteger("6750000000000000000"));
        assertThat(ChainIT.balance(recipient.walletAddress())).isEqualTo(new BigInteger("3250000000000000000"));

        // the user never needs native coin: the relayer paid every gas
        var web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        try {
            assertThat(web3j.ethGetBalance(sender.walletAddress(), DefaultBlockParameterName.LATEST).send().getBalance()).isZero();
            assertThat(web3j.ethGetTransactionCount(sender.walletAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount()).isZero();
        } finally {
            web3j.shutdown();
        }

        var sent = activity(sender);
        assertThat(sent).anySatisfy(e -> {
            assertThat(e.getString("kind")).isEqualTo("TRANSFER");
            assertThat(e.getString("direction")).isEqualTo("OUT");
            assertThat(e.getString("pkn")).isEqualTo("3.25");
            assertThat(e.getString("status")).isEqualTo("CONFIRMED");
            assertThat(e.getString("txHash")).isEqualTo(done.getString("txHash"));
        });
        var received = awaitActivity(recipient, "IN");
        assertThat(received.getString("pkn")).isEqualTo("3.25");
        assertThat(received.getString("counterparty")).isEqualToIgnoringCase(sender.walletAddress());
        assertThat(received.getString("txHash")).isEqualTo(done.getString("txHash"));
    }

    @Test
    void badInputIsRefusedNamingEveryField() {
        var sender = Accounts.Session.open("bad-transfer");
        var response = transfer(sender, "0x123", "-1", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"to\"").contains("\"amount\"").contains("\"walletPassword\"");
        var others = Accounts.call("GET", "/api/accounts/" + sender.id() + "/activity",
                Accounts.Session.open("nosy").accessToken(), null);
        assertThat(others.statusCode()).isEqualTo(404);
    }

    private static void fund(Accounts.Session account, long pkn) throws Exception {
        byte[] paymentId = ChainIT.randomId();
        String key = ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), account.walletAddress(),
                PKN.multiply(BigInteger.valueOf(pkn)), paymentId);
        ChainIT.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
    }

    private static java.net.http.HttpResponse<String> transfer(Accounts.Session from, String to, String amount,
                                                               String walletPassword) {
        return Accounts.call("POST", "/api/accounts/me/wallet/transfers", from.accessToken(),
                Json.createObjectBuilder().add("to", to).add("amount", amount).add("walletPassword", walletPassword)
                        .build().toString());
    }

    private static JsonObject awaitTransfer(Accounts.Session account, String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            for (var transfer : array(Accounts.call("GET", "/api/accounts/me/wallet/transfers", account.accessToken(), null).body())) {
                if (transfer.getString("id").equals(id)) {
                    last = transfer;
                }
            }
            if (last != null && status.equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("transfer " + id + " did not reach " + status + ": " + last);
    }

    private static List<JsonObject> activity(Accounts.Session account) {
        var response = Accounts.call("GET", "/api/accounts/me/activity", account.accessToken(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response.body());
    }

    private static JsonObject awaitActivity(Accounts.Session account, String direction) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var found = activity(account).stream().filter(e -> direction.equals(e.getString("direction"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no " + direction + " movement in the history");
    }

    private static List<JsonObject> array(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }
}
