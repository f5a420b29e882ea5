package io.picktartup.it;

import io.picktartup.launcher.Platform;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

import java.io.StringReader;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Front-running the relayer: with anvil's automine off, another funded account reads the relayer's pending
 * transaction from the mempool, sends the same thing at a higher gas price and is mined first. Whatever it copies,
 * the user's action ends in the right state exactly once: the cash-out is burned once and paid, the cancel gives the
 * position back and counts as cancelled, the transfer arrives once.
 */
@ExtendWith(RunningPlatform.class)
class FrontRunningIT {

    private static Web3j web3j;
    private static String token;
    private static final Credentials ATTACKER = Platform.devAccount(7);
    private static final String RELAYER = Platform.devAccount(1).getAddress().toLowerCase(Locale.ROOT);

    @BeforeAll
    static void connect() {
        web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        token = RunningPlatform.platform().contracts().get("token").toLowerCase(Locale.ROOT);
    }

    @AfterAll
    static void disconnect() {
        web3j.shutdown();
    }

    @Test
    void aCashOutCopiedFromTheMempoolIsBurnedOnceAndPaid() throws Exception {
        var holder = Accounts.Session.open("front-run-cash-out");
        Funding.fund(holder.walletAddress(), 10);

        String copy;
        String relayed;
        ChainIT.anvil("evm_setAutomine", false);
        try {
            var accepted = Accounts.call("POST", "/api/accounts/me/cash-outs", holder.accessToken(),
                    Json.createObjectBuilder().add("amount", "4").add("walletPassword", Accounts.WALLET_PASSWORD)
                            .add("bankCode", "090").add("accountNumber", "3333-01-7654321").add("holderName", "김투자")
                            .build().toString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            var pending = awaitPending(token, "cashOut(address,uint256,bytes32,uint256,uint8,bytes32,bytes32)",
                    holder.walletAddress());
            relayed = pending.hash();
            copy = sendCopy(pending.to(), pending.input(), pending.gasPrice());
            ChainIT.anvil("evm_mine");
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        assertThat(receipt(copy).isStatusOK()).as("the front-runner's copy burns").isTrue();
        assertThat(receiptOfRelayer(relayed).isStatusOK()).as("the relayer's own copy reverts").isFalse();

        var paid = awaitCashOut(holder, "PAID");
        assertThat(paid.getString("burnTxHash")).isEqualToIgnoringCase(copy);
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(6)));
        assertThat(ChainIT.count("select count(*) from payout p join cash_out c on c.id = p.cash_out_id "
                + "where c.account_id = '" + holder.id() + "' and p.status = 'PAID'")).isEqualTo(1);
        assertThat(ChainIT.strings("select status || ' ' || tx_hash from chain_transaction where business_key = "
                + "'cash-out:" + paid.getString("id") + "'")).containsExactly("CONFIRMED " + copy.toLowerCase());
        var balance = Http.json(Accounts.call("GET", "/api/accounts/me/activity/balance", holder.accessToken(), null));
        assertThat(balance.getString("balance")).isEqualTo("6");
        assertThat(balance.getString("pendingOutgoing")).isEqualTo("0");
    }

    @Test
    void aCancelCopiedFromTheMempoolCountsAsCancelled() throws Exception {
        var startup = Funding.startup("Front Run Cancel");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(6));
        String escrow = round.getString("contractAddress").toLowerCase(Locale.ROOT);
        var investor = Accounts.Session.open("front-run-cancel");
        Funding.fund(investor.walletAddress(), 100);
        String id = Http.json(Accounts.call("POST", "/api/rounds/" + round.getString("id") + "/investments",
                investor.accessToken(), Accounts.body("amount", "50"))).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");

        String copy;
        String relayed;
        ChainIT.anvil("evm_setAutomine", false);
        try {
            var cancel = Accounts.call("POST", "/api/investments/" + id + "/cancel", investor.accessToken(),
                    Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            var pending = awaitPending(escrow, "cancel(address,uint256,uint256,uint8,bytes32,bytes32)",
                    investor.walletAddress());
            relayed = pending.hash();
            copy = sendCopy(pending.to(), pending.input(), pending.gasPrice());
            ChainIT.anvil("evm_mine");
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        assertThat(receipt(copy).isStatusOK()).isTrue();
        assertThat(receiptOfRelayer(relayed).isStatusOK()).isFalse();

        var cancelled = Funding.awaitInvestment(investor, id, "CANCELLED");
        assertThat(cancelled.getString("cancelTxHash")).isEqualToIgnoringCase(copy);
        assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
        assertThat(ChainIT.balance(escrow)).isZero();
        var after = Funding.round(round.getString("id"));
        assertThat(after.getString("raised")).isEqualTo("0");
        assertThat(after.getString("committed")).isEqualTo("0");
    }

    @Test
    void aTransferWhosePermitOrCallIsCopiedArrivesOnce() throws Exception {
        var sender = Accounts.Session.open("front-run-sender");
        var recipient = Accounts.Session.open("front-run-recipient");
        Funding.fund(sender.walletAddress(), 10);

        String copy;
        String liftedPermit;
        String relayed;
        String id;
        ChainIT.anvil("evm_setAutomine", false);
        try {
            var accepted = Accounts.call("POST", "/api/accounts/me/wallet/transfers", sender.accessToken(),
                    Json.createObjectBuilder().add("to", recipient.walletAddress()).add("amount", "2.5")
                            .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            id = Http.json(accepted).getString("id");
            var pending = awaitPending(token,
                    "transferWithPermit(address,address,uint256,uint256,uint8,bytes32,bytes32)", sender.walletAddress());
            relayed = pending.hash();
            // the whole call, copied: the permit does not name the copier
            copy = sendCopy(pending.to(), pending.input(), pending.gasPrice());
            // the permit lifted out of it and carried on its own, first
            liftedPermit = sendCopy(pending.to(), permitOf(pending.input()), pending.gasPrice().add(BigInteger.ONE));
            ChainIT.anvil("evm_mine");
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        assertThat(receipt(copy).isStatusOK()).as("the copied call reverts").isFalse();
        assertThat(receipt(liftedPermit).isStatusOK()).as("the lifted permit goes through").isTrue();
        var own = receiptOfRelayer(relayed);
        assertThat(own.isStatusOK()).as("the relayer's transfer still goes through").isTrue();

        var done = awaitTransfer(sender, id, "CONFIRMED");
        assertThat(done.getString("txHash")).isEqualToIgnoringCase(own.getTransactionHash());
        assertThat(ChainIT.balance(sender.walletAddress())).isEqualTo(new BigInteger("7500000000000000000"));
        assertThat(ChainIT.balance(recipient.walletAddress())).isEqualTo(new BigInteger("2500000000000000000"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private record Pending(String hash, String to, String input, BigInteger gasPrice) {
    }

    /** The relayer's pending transaction to {@code to} calling {@code function} about {@code party}, from txpool_content. */
    @SuppressWarnings("unchecked")
    private static Pending awaitPending(String to, String function, String party) throws Exception {
        String selector = Hash.sha3String(function).substring(0, 10);
        String word = party.toLowerCase(Locale.ROOT).substring(2);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var content = (Map<String, Object>) new Request<>("txpool_content", List.of(),
                    new HttpService(RunningPlatform.platform().chainRpcUrl()), Response.class).send().getResult();
            var pending = (Map<String, Map<String, Map<String, Object>>>) content.get("pending");
            for (var sender : pending.entrySet()) {
                if (!sender.getKey().equalsIgnoreCase(RELAYER)) {
                    continue;
                }
                for (var tx : sender.getValue().values()) {
                    String input = String.valueOf(tx.getOrDefault("input", tx.get("data"))).toLowerCase(Locale.ROOT);
                    if (to.equalsIgnoreCase(String.valueOf(tx.get("to"))) && input.startsWith(selector)
                            && input.contains(word)) {
                        return new Pending((String) tx.get("hash"), to, input,
                                new BigInteger(((String) tx.get("gasPrice")).substring(2), 16));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pending " + function + " of the relayer about " + party);
    }

    /** Sends {@code input} to {@code to} from the attacker at three times the relayer's gas price. */
    private static String sendCopy(String to, String input, BigInteger relayerPrice) throws Exception {
        var sent = new RawTransactionManager(web3j, ATTACKER, 31337).sendTransaction(
                relayerPrice.multiply(BigInteger.valueOf(3)), BigInteger.valueOf(300_000), to, input, BigInteger.ZERO);
        assertThat(sent.hasError()).as(() -> sent.getError().getMessage()).isFalse();
        return sent.getTransactionHash();
    }

    /** {@code permit(owner, relayer, value, deadline, v, r, s)} lifted out of a transferWithPermit call's input. */
    private static String permitOf(String transferWithPermit) {
        String args = transferWithPermit.substring(10);
        java.util.function.IntFunction<String> word = i -> args.substring(64 * i, 64 * (i + 1));
        return FunctionEncoder.encode(new Function("permit", List.of(
                new Address("0x" + word.apply(0).substring(24)), new Address(RELAYER),
                new Uint256(new BigInteger(word.apply(2), 16)), new Uint256(new BigInteger(word.apply(3), 16)),
                new Uint8(new BigInteger(word.apply(4), 16)),
                new Bytes32(org.web3j.utils.Numeric.hexStringToByteArray(word.apply(5))),
                new Bytes32(org.web3j.utils.Numeric.hexStringToByteArray(word.apply(6)))), List.of()));
    }

    private static TransactionReceipt receipt(String hash) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no receipt for " + hash);
    }

    /** The receipt of the relayer's transaction at this nonce (a re-priced attempt may have replaced {@code hash}). */
    private static TransactionReceipt receiptOfRelayer(String hash) throws Exception {
        var tx = web3j.ethGetTransactionByHash(hash).send().getTransaction();
        if (tx.isPresent() && tx.get().getBlockHash() != null) {
            return receipt(hash);
        }
        var attempts = ChainIT.strings("select a.tx_hash from chain_transaction_attempt a join chain_transaction t "
                + "on t.id = a.chain_transaction_id where t.id = (select chain_transaction_id from "
                + "chain_transaction_attempt where tx_hash = '" + hash + "') order by a.id");
        for (String attempt : attempts) {
            var mined = web3j.ethGetTransactionReceipt(attempt).send().getTransactionReceipt();
            if (mined.isPresent()) {
                return mined.get();
            }
        }
        throw new AssertionError("none of the relayer's attempts " + attempts + " was mined");
    }

    private static JsonObject awaitCashOut(Accounts.Session holder, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = array(Accounts.call("GET", "/api/accounts/me/cash-outs", holder.accessToken(), null).body())
                    .stream().findFirst().orElse(null);
            if (last != null && status.equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the cash-out did not reach " + status + ": " + last);
    }

    private static JsonObject awaitTransfer(Accounts.Session account, String id, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            for (var transfer : array(Accounts.call("GET", "/api/accounts/me/wallet/transfers", account.accessToken(),
                    null).body())) {
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

    private static List<JsonObject> array(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readArray().getValuesAs(JsonObject.class);
        }
    }
}
