package io.picktartup.it;

import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain gateway against a real anvil: outbox → signed → broadcast → confirmed, the event index, the exactly-once
 * guarantees (duplicate business key, repeated payment id, a crash between signing and broadcast), a node that goes
 * down and comes back, a stuck transaction re-priced with the same nonce, and a mint over the token's cap that waits.
 */
@ExtendWith(RunningPlatform.class)
class ChainIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);
    private static Web3j web3j;
    private static PicktartupToken token;

    @BeforeAll
    static synchronized void connect() {
        if (web3j != null) {
            return;
        }
        web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        token = PicktartupToken.load(RunningPlatform.platform().contracts().get("token"), web3j,
                new ReadonlyTransactionManager(web3j, Platform.devAccount(0).getAddress()), new DefaultGasProvider());
    }

    @AfterAll
    static void reconnectTheNode() {
        RunningPlatform.chainProxy().enable();
    }

    @Test
    void readinessIncludesTheChain() {
        var check = Http.json(Http.get("/health/ready")).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("chain")).findFirst().orElseThrow();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").get("chainId").toString()).contains("31337");
        assertThat(check.getJsonObject("data").getString("relayer"))
                .isEqualToIgnoringCase(Platform.devAccount(io.picktartup.launcher.DevChain.RELAYER).getAddress());
        assertThat(check.getJsonObject("data").getString("minter"))
                .isEqualToIgnoringCase(Platform.devAccount(io.picktartup.launcher.DevChain.MINTER).getAddress());
    }

    @Test
    void aMintIntentIsSignedSentConfirmedAndIndexed() throws Exception {
        String holder = newAddress();
        byte[] paymentId = randomId();
        String key = queueMint("mint:" + hex(paymentId), holder, PKN.multiply(BigInteger.valueOf(25)), paymentId);

        var row = awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
        assertThat(row.get("tx_hash")).startsWith("0x").hasSize(66);
        assertThat(balance(holder)).isEqualTo(PKN.multiply(BigInteger.valueOf(25)));
        var receipt = web3j.ethGetTransactionReceipt(row.get("tx_hash")).send().getTransactionReceipt().orElseThrow();
        assertThat(receipt.isStatusOK()).isTrue();
        // mints go out from the minter key, never the relayer
        assertThat(receipt.getFrom()).isEqualToIgnoringCase(Platform.devAccount(io.picktartup.launcher.DevChain.MINTER).getAddress());

        // the indexer stores the Minted and Transfer events with decoded arguments
        var events = awaitEvents(row.get("tx_hash"), 2, Duration.ofSeconds(20));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("Minted:").contains(holder.toLowerCase())
                .contains("25000000000000000000"));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("Transfer:").contains(holder.toLowerCase()));

        var metrics = Http.get("/metrics?scope=application", Map.of("Accept", "text/plain")).body();
        assertThat(metrics).containsPattern("(?m)^chain_confirmation_latency_seconds_count\\{[^}]*} [1-9]");
        assertThat(metrics).containsPattern("(?m)^chain_transactions_pending\\{[^}]*} ");
        assertThat(metrics).containsPattern("(?m)^chain_relayer_balance\\{[^}]*} [1-9]");
    }

    @Test
    void aDuplicateIntentAndARepeatedPaymentIdHaveOneEffect() throws Exception {
        String holder = newAddress();
        byte[] paymentId = randomId();
        String key = "mint:" + hex(paymentId);
        queueMint(key, holder, PKN, paymentId);
        queueMint(key, holder, PKN, paymentId);                    // the same intent again: ignored
        String other = queueMint(key + ":retry", holder, PKN, paymentId); // a new intent, same payment id

        awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
        var refused = awaitStatus(other, "FAILED", Duration.ofSeconds(30));
        // refused by the pre-check, or (when both were signed in one batch, before the first was mined) reverted
        // by the token itself: either way with the contract's own reason, and never a second mint
        assertThat(refused.get("failure")).contains("PaymentAlreadyProcessed");
        if (refused.get("failure").startsWith("pre-check:")) {
            assertThat(refused.get("nonce")).isNull();
        } else {
            assertThat(refused.get("failure")).startsWith("reverted on chain");
        }
        assertThat(count("select count(*) from chain_transaction where business_key = '" + key + "'")).isEqualTo(1);
        assertThat(balance(holder)).isEqualTo(PKN);
    }

    @Test
    void intentsWaitWhileTheNodeIsDownAndGoOutWhenItIsBack() throws Exception {
        String holder = newAddress();
        byte[] paymentId = randomId();
        RunningPlatform.chainProxy().disable();
        try {
            String key = queueMint("mint:" + hex(paymentId), holder, PKN, paymentId);
            Thread.sleep(2_000);
            assertThat(row(key).get("status")).isEqualTo("QUEUED");
            var ready = Http.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"chain\"").contains("node unreachable");
            RunningPlatform.chainProxy().enable();
            awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
            assertThat(balance(holder)).isEqualTo(PKN);
        } finally {
            RunningPlatform.chainProxy().enable();
        }
    }

    @Test
    void aCrashBetweenSigningAndBroadcastSendsTheSameTransactionAfterRestart() throws Exception {
        var platform = RunningPlatform.platform();
        Faults.arm(Map.of("picktartup.chain.fault.halt-after-sign", "true"));
        String holder = newAddress();
        String key;
        try {
            byte[] paymentId = randomId();
            key = queueMint("mint:" + hex(paymentId), holder, PKN.multiply(BigInteger.valueOf(7)), paymentId);
            await("the application halts after signing", () -> !platform.applicationAlive(), Duration.ofSeconds(30));
        } finally {
            Faults.clear();
        }

        var signed = row(key);
        assertThat(signed.get("status")).isEqualTo("SIGNED");
        String hash = signed.get("tx_hash");
        assertThat(count("select count(*) from chain_transaction_attempt where tx_hash = '" + hash + "'")).isEqualTo(1);
        assertThat(web3j.ethGetTransactionByHash(hash).send().getTransaction()).isEmpty();

        platform.restartApplication(false, Map.of());
        var confirmed = awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
        assertThat(confirmed.get("tx_hash")).isEqualTo(hash);
        assertThat(confirmed.get("attempts")).isEqualTo("1");
        assertThat(balance(holder)).isEqualTo(PKN.multiply(BigInteger.valueOf(7)));
    }

    @Test
    void aStuckTransactionIsRepricedWithTheSameNonceAndMinedOnce() throws Exception {
        String holder = newAddress();
        byte[] paymentId = randomId();
        anvil("evm_setAutomine", false);
        String key;
        try {
            key = queueMint("mint:" + hex(paymentId), holder, PKN.multiply(BigInteger.valueOf(3)), paymentId);
            awaitRow(key, r -> "2".equals(r.get("attempts")) && "SENT".equals(r.get("status")), Duration.ofSeconds(30));
        } finally {
            anvil("evm_setAutomine", true);
        }
        anvil("evm_mine");
        var confirmed = awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
        var prices = strings("select a.gas_price::text from chain_transaction_attempt a join chain_transaction t "
                + "on t.id = a.chain_transaction_id where t.business_key = '" + key + "' order by a.id");
        assertThat(prices).hasSize(2);
        assertThat(new BigInteger(prices.get(1))).isGreaterThanOrEqualTo(
                new BigInteger(prices.get(0)).multiply(BigInteger.valueOf(110)).divide(BigInteger.valueOf(100)));
        var hashes = strings("select a.tx_hash from chain_transaction_attempt a join chain_transaction t "
                + "on t.id = a.chain_transaction_id where t.business_key = '" + key + "' order by a.id");
        assertThat(confirmed.get("tx_hash")).isEqualTo(hashes.get(1));
        assertThat(web3j.ethGetTransactionReceipt(hashes.get(0)).send().getTransactionReceipt()).isEmpty();
        assertThat(balance(holder)).isEqualTo(PKN.multiply(BigInteger.valueOf(3)));
    }

    @Test
    void aMintOverTheTokensCapWaitsForRoomAndIsNotLost() throws Exception {
        var admin = PicktartupToken.load(token.getContractAddress(), web3j,
                new org.web3j.tx.RawTransactionManager(web3j, Platform.devAccount(0), 31337), new DefaultGasProvider());
        var allowance = token.mintAllowance().send();
        BigInteger cap = allowance.component1();
        BigInteger mintedToday = cap.subtract(allowance.component2());
        String holder = newAddress();
        byte[] paymentId = randomId();
        assertThat(admin.setMintCap(mintedToday.add(PKN)).send().isStatusOK()).isTrue();
        String key;
        try {
            key = queueMint("mint:" + hex(paymentId), holder, PKN.multiply(BigInteger.valueOf(5)), paymentId);
            Thread.sleep(2_000);
            assertThat(row(key).get("status")).as("owed, so it waits instead of failing").isEqualTo("QUEUED");
        } finally {
            assertThat(admin.setMintCap(cap).send().isStatusOK()).isTrue();
        }
        awaitStatus(key, "CONFIRMED", Duration.ofSeconds(30));
        assertThat(balance(holder)).isEqualTo(PKN.multiply(BigInteger.valueOf(5)));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** What a business transaction does: write the intent (here straight into the outbox table). */
    static String queueMint(String key, String to, BigInteger amount, byte[] paymentId) throws SQLException {
        connect();
        String data = token.mint(to, amount, paymentId).encodeFunctionCall();
        try (var connection = RunningPlatform.database();
             var insert = connection.prepareStatement("""
                     insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                                    status, attempts, created_at, updated_at)
                     values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())
                     on conflict (business_key) do nothing""")) {
            insert.setString(1, key);
            insert.setString(2, Platform.devAccount(io.picktartup.launcher.DevChain.MINTER).getAddress().toLowerCase());
            insert.setString(3, token.getContractAddress().toLowerCase());
            insert.setString(4, data);
            insert.executeUpdate();
        }
        return key;
    }

    static Map<String, String> awaitStatus(String key, String status, Duration timeout) throws Exception {
        return awaitRow(key, r -> status.equals(r.get("status")), timeout);
    }

    static Map<String, String> awaitRow(String key, Predicate<Map<String, String>> condition, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            last = row(key);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chain transaction " + key + " did not reach the expected state; last: " + last);
    }

    static Map<String, String> row(String key) throws SQLException {
        try (var connection = RunningPlatform.database();
             var query = connection.prepareStatement("""
                     select status, tx_hash, nonce::text, failure, attempts::text from chain_transaction
                     where business_key = ?""")) {
            query.setString(1, key);
            var rs = query.executeQuery();
            if (!rs.next()) {
                return Map.of();
            }
            var row = new java.util.HashMap<String, String>();
            for (String column : List.of("status", "tx_hash", "nonce", "failure", "attempts")) {
                row.put(column, rs.getString(column));
            }
            return row;
        }
    }

    static List<String> awaitEvents(String txHash, int atLeast, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> events = List.of();
        while (Instant.now().isBefore(deadline)) {
            events = strings("select event_name || ':' || args from chain_event where tx_hash = '" + txHash
                    + "' and not removed order by log_index");
            if (events.size() >= atLeast) {
                return events;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("events of " + txHash + " not indexed; have " + events);
    }

    static List<String> strings(String sql) throws SQLException {
        try (var connection = RunningPlatform.database(); var rs = connection.createStatement().executeQuery(sql)) {
            var values = new java.util.ArrayList<String>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Rounds whose latest reconciliation verdict is a mismatch (what the alert's gauge counts). */
    static long mismatchedRounds() throws SQLException {
        return count("""
                select count(*) from (select distinct on (round_id) round_id, verdict from round_reconciliation
                                      order by round_id, checked_at desc, id desc) latest
                where verdict = 'MISMATCH'""");
    }

    static long count(String sql) throws SQLException {
        return Long.parseLong(strings(sql).get(0));
    }

    /** The PKN balance on chain (also for other test classes: connects on first use). */
    static BigInteger balance(String address) throws Exception {
        connect();
        return token.balanceOf(address).send();
    }

    static void await(String what, java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    static void anvil(String method, Object... params) throws java.io.IOException {
        synchronized (Blocks.LOCK) { // the block follower mines only while anvil mines automatically
            var response = new Request<>(method, List.of(params), new HttpService(RunningPlatform.platform().chainRpcUrl()),
                    Response.class).send();
            assertThat(Optional.ofNullable(response.getError()).map(Response.Error::getMessage)).isEmpty();
            if (method.equals("evm_setAutomine")) {
                Blocks.noteAutomine(Boolean.TRUE.equals(params[0]));
            }
        }
    }

    static String newAddress() throws Exception {
        return Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
    }

    static byte[] randomId() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        id[0] = 0; // a leading zero byte must survive every encoding
        return id;
    }

    static String hex(byte[] bytes) {
        return org.web3j.utils.Numeric.toHexString(bytes);
    }
}
