package io.picktartup.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deposits carried in {@code depositBatch} (issue 14 §4, issue 19 §3): a rush of investors into one round goes out in
 * a few batch transactions, each investment confirmed exactly once by its own Deposited event; an investor whose PKN
 * left the wallet after the dispatcher's pre-check and before the batch was mined is skipped with DepositSkipped
 * (the investment FAILED, the hold and the round's room given back) while the others in the same batch confirm; a
 * reorganisation that takes the batch back sends the same batch again and every deposit still ends once; so does a
 * crash right after the batch was broadcast.
 *
 * <p>The investors are seeded in the database with keystores of their own keys (light scrypt parameters, so that a
 * dozen of them sign within the batch's wait; a real signup derives the standard n = 2^18 for ~1 s each): they sign
 * through the API like anyone else.
 */
@ExtendWith(RunningPlatform.class)
class DepositBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RUSH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Web3j web3j;

    @BeforeAll
    static void connect() {
        web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
    }

    @AfterAll
    static void disconnect() {
        web3j.shutdown();
    }

    /** An investor seeded with a wallet of their own key, and a live session. */
    record Investor(String id, String address, String token, ECKeyPair key) {
    }

    @Test
    void aRushIsCarriedInAFewBatchesAndEveryInvestmentIsConfirmedOnce() throws Exception {
        var startup = Funding.startup("Batch Rush Bio");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(7));
        String roundId = round.getString("id");
        String escrow = round.getString("contractAddress").toLowerCase(Locale.ROOT);
        var investors = new ArrayList<>(seed(RUSH + 1, 30));
        var alone = investors.remove(RUSH);
        var ids = reserveAll(roundId, investors, "10");
        int mailsBefore = RunningPlatform.mail().getReceivedMessages().length;

        signAll(investors, ids);
        for (int i = 0; i < RUSH; i++) {
            awaitInvestment(investors.get(i), ids.get(i), "CONFIRMED");
        }

        // fewer transactions than investments: the deposits went in depositBatch transactions (rows with a nonce)
        long transactions = ChainIT.count("select count(*) from chain_transaction where to_address = '" + escrow
                + "' and kind in ('round-deposit', 'round-deposit-batch') and nonce is not null");
        long batches = ChainIT.count("select count(*) from chain_transaction where to_address = '" + escrow
                + "' and kind = 'round-deposit-batch' and status = 'CONFIRMED'");
        long batched = ChainIT.count("select count(*) from chain_transaction where to_address = '" + escrow
                + "' and kind = 'round-deposit' and carrier_id is not null and status = 'CONFIRMED'");
        System.out.printf("[it] %d deposits in %d transactions (%d batches carrying %d)%n", RUSH, transactions, batches,
                batched);
        assertThat(transactions).isLessThan(RUSH).isLessThanOrEqualTo(RUSH / 2);
        assertThat(batches).isPositive();
        // each investment confirmed once, by its own Deposited event, in its batch's transaction
        String inIds = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
        assertThat(ChainIT.count("select count(*) from investment where id in " + inIds + " and status = 'CONFIRMED'"))
                .isEqualTo(RUSH);
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'investment.confirmed' and subject_id in "
                + inIds)).isEqualTo(RUSH);
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '" + escrow
                + "' and event_name = 'Deposited' and not removed")).isEqualTo(RUSH);
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '" + escrow
                + "' and event_name = 'DepositSkipped'")).isZero();
        assertThat(ChainIT.count("select count(*) from investment i join chain_event e on lower(e.tx_hash) = "
                + "lower(i.deposit_tx_hash) and e.contract = '" + escrow + "' and e.event_name = 'Deposited' and not e.removed "
                + "and lower(e.args::json ->> 'arg0') = lower(i.investor_address) where i.id in " + inIds)).isEqualTo(RUSH);
        BigInteger total = PKN.multiply(BigInteger.valueOf(10L * RUSH));
        assertThat(ChainIT.balance(escrow)).isEqualTo(total);
        var after = Funding.round(roundId);
        assertThat(after.getString("raised")).isEqualTo(String.valueOf(10 * RUSH));
        assertThat(after.getString("committed")).isEqualTo(String.valueOf(10 * RUSH));
        for (var investor : investors) {
            assertThat(ChainIT.balance(investor.address())).isEqualTo(PKN.multiply(BigInteger.valueOf(20)));
        }
        assertThat(ChainIT.count("select count(*) from wallet_hold where business_key in (select 'round-deposit:' || "
                + "id from investment where id in " + inIds + ")")).isZero();
        ChainIT.await("one mail to the CEO per investment", () ->
                RunningPlatform.mail().getReceivedMessages().length - mailsBefore >= RUSH, WAIT);

        // gas per investor in the rush, from the batches' gas_used, beside one first-time investor's deposit sent
        // alone afterwards (the floor a batch must beat; issue 19 §3's goal of 100 k, also measured by bench/deposits.sh)
        long gas = ChainIT.count("select coalesce(sum(gas_used), 0) from chain_transaction where to_address = '"
                + escrow + "' and kind in ('round-deposit', 'round-deposit-batch') and nonce is not null");
        String single = reserveAll(roundId, List.of(alone), "10").get(0);
        signAll(List.of(alone), List.of(single));
        awaitInvestment(alone, single, "CONFIRMED");
        var lone = ChainIT.strings("select kind || ' ' || (carrier_id is null) || ' ' || gas_used from chain_transaction "
                + "where business_key = 'round-deposit:" + single + "'");
        assertThat(lone).hasSize(1);
        assertThat(lone.get(0)).as("a deposit alone after the wait goes as plain deposit").startsWith("round-deposit true ");
        long singleGas = Long.parseLong(lone.get(0).substring(lone.get(0).lastIndexOf(' ') + 1));
        System.out.printf("[it] deposit.gasPerInvestor: %d gas (%d in %d transactions)%n", gas / RUSH, RUSH, transactions);
        System.out.printf("[it] deposit.single.gas: %d gas%n", singleGas);
        assertThat(gas / RUSH).as("gas per investor in batches against a lone deposit").isLessThan(singleGas);
        // issue 19 §3: one consent signature per deposit, the round pulls the PKN (no permit, no permit nonce)
        assertThat(gas / RUSH).as("gas per first-time investor in the rush").isLessThanOrEqualTo(100_000);
    }

    @Test
    void anInvestorWhosePknMovedBeforeTheBatchWasMinedIsSkippedAndTheOthersConfirm() throws Exception {
        var startup = Funding.startup("Batch Skip Foods");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(7));
        String roundId = round.getString("id");
        String escrow = round.getString("contractAddress").toLowerCase(Locale.ROOT);
        var investors = seed(3, 20);
        var mover = investors.get(1);
        // the mover pays gas for their own transfer: some ETH from a dev account, while blocks still come by themselves
        var fundGas = Transfer.sendFunds(web3j, Platform.devAccount(8), mover.address(), BigDecimal.ONE,
                Convert.Unit.ETHER).send();
        assertThat(fundGas.isStatusOK()).isTrue();
        var ids = reserveAll(roundId, investors, "10");
        String moved = ChainIT.newAddress();
        Credentials exported = exportedKey(mover);
        assertThat(exported.getAddress()).isEqualToIgnoringCase(mover.address());

        String batchKey;
        String transfer;
        ChainIT.anvil("evm_setAutomine", false);
        try {
            signAll(investors, ids);
            // the three pass the pre-check and go out together in one batch, which waits in the node's pool
            batchKey = awaitBatchOf(ids);
            ChainIT.awaitStatus(batchKey, "SENT", WAIT);
            for (String id : ids) {
                assertThat(ChainIT.row("round-deposit:" + id).get("status")).isEqualTo("BATCHED");
            }
            // the investor moves every PKN away with their own exported key, paying more gas: mined first
            var gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TEN);
            String tokenAddress = RunningPlatform.platform().contracts().get("token");
            String call = PicktartupToken.load(tokenAddress, web3j, exported, new StaticGasProvider(gasPrice,
                    BigInteger.valueOf(100_000))).transfer(moved, PKN.multiply(BigInteger.valueOf(20))).encodeFunctionCall();
            var sent = new RawTransactionManager(web3j, exported, 31337).sendTransaction(gasPrice,
                    BigInteger.valueOf(100_000), tokenAddress, call, BigInteger.ZERO);
            assertThat(sent.getError()).isNull();
            transfer = sent.getTransactionHash();
            ChainIT.await("the investor's transfer in the pool", () -> pendingFrom(mover.address()), WAIT);
            ChainIT.anvil("evm_mine");
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        ChainIT.anvil("evm_mine");

        var confirmedA = awaitInvestment(investors.get(0), ids.get(0), "CONFIRMED");
        var confirmedC = awaitInvestment(investors.get(2), ids.get(2), "CONFIRMED");
        var failed = awaitInvestment(mover, ids.get(1), "FAILED");
        var batch = ChainIT.awaitStatus(batchKey, "CONFIRMED", WAIT);
        String batchHash = batch.get("tx_hash");
        assertThat(confirmedA.getString("depositTxHash")).isEqualToIgnoringCase(batchHash);
        assertThat(confirmedC.getString("depositTxHash")).isEqualToIgnoringCase(batchHash);
        assertThat(!failed.containsKey("depositTxHash") || failed.isNull("depositTxHash")).as("a skipped deposit has no deposit transaction").isTrue();
        assertThat(failed.getString("failure")).contains("ERC20InsufficientBalance");

        // the skip, from the batch's own events: the mover's DepositSkipped with the token's error, the others Deposited
        var events = ChainIT.strings("select event_name || ' ' || lower(args::json ->> 'arg0') from chain_event "
                + "where lower(tx_hash) = lower('" + batchHash + "') and contract = '" + escrow + "' and not removed "
                + "order by log_index");
        assertThat(events.stream().filter(e -> e.startsWith("Deposited ")))
                .containsExactlyInAnyOrder("Deposited " + investors.get(0).address().toLowerCase(Locale.ROOT),
                        "Deposited " + investors.get(2).address().toLowerCase(Locale.ROOT));
        assertThat(events).contains("DepositSkipped " + mover.address().toLowerCase(Locale.ROOT));
        var row = ChainIT.row("round-deposit:" + ids.get(1));
        assertThat(row.get("status")).isEqualTo("FAILED");
        assertThat(row.get("failure")).contains("skipped in deposit batch").contains("ERC20InsufficientBalance");
        assertThat(ChainIT.strings("select failure from investment where id = '" + ids.get(1) + "'").get(0))
                .contains("ERC20InsufficientBalance");
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'investment.failed' and subject_id = '"
                + ids.get(1) + "'")).isEqualTo(1);

        // nothing lost, nothing counted twice: the round holds the two deposits, the mover's PKN are where they sent them
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(20)));
        assertThat(ChainIT.balance(mover.address())).isZero();
        assertThat(ChainIT.balance(moved)).isEqualTo(PKN.multiply(BigInteger.valueOf(20)));
        assertThat(ChainIT.balance(investors.get(0).address())).isEqualTo(PKN.multiply(BigInteger.valueOf(10)));
        var after = Funding.round(roundId);
        assertThat(after.getString("raised")).isEqualTo("20");
        assertThat(after.getString("committed")).isEqualTo("20");
        assertThat(ChainIT.count("select count(*) from wallet_hold where business_key = 'round-deposit:" + ids.get(1)
                + "'")).isZero();
        assertThat(web3j.ethGetTransactionReceipt(transfer).send().getTransactionReceipt())
                .hasValueSatisfying(r -> assertThat(r.isStatusOK()).isTrue());
        // the mover may invest again: their wallet is free, and a new deposit of theirs goes through
        Funding.fund(mover.address(), 12);
        var again = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", mover.token(),
                Accounts.body("amount", "10"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        String againId = Http.json(again).getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + againId + "/sign", mover.token(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        awaitInvestment(mover, againId, "CONFIRMED");
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(30)));
    }

    @Test
    void aBatchReorganisedAwayBeforeFinalityIsSentAgainAndEachDepositEndsOnce() throws Exception {
        var startup = Funding.startup("Batch Reorg Labs");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(7));
        String roundId = round.getString("id");
        String escrow = round.getString("contractAddress").toLowerCase(Locale.ROOT);
        var investors = seed(3, 20);
        var ids = reserveAll(roundId, investors, "10");

        String batchKey;
        Map<String, String> before;
        ChainIT.anvil("evm_setAutomine", false);
        try {
            signAll(investors, ids);
            batchKey = awaitBatchOf(ids);
            ChainIT.awaitStatus(batchKey, "SENT", WAIT);
            ChainIT.anvil("evm_mine");
            before = ChainIT.awaitStatus(batchKey, "MINED", WAIT);
            String hash = before.get("tx_hash");
            ChainIT.await("the batch's events indexed", () -> countQuietly("select count(*) from chain_event where "
                    + "lower(tx_hash) = lower('" + hash + "') and event_name = 'Deposited' and not removed") == 3, WAIT);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(Funding.investment(session(investors.get(i)), ids.get(i)).getString("status"))
                        .isEqualTo("PENDING");
            }
            ChainIT.anvil("anvil_reorg", 1, List.of());
            // back to SIGNED and sent again: the same stored bytes, automatic mining still off
            ChainIT.awaitRow(batchKey, r -> "SENT".equals(r.get("status")), WAIT);
            ChainIT.await("the replaced block's events flagged removed", () -> countQuietly("select count(*) from "
                    + "chain_event where lower(tx_hash) = lower('" + hash + "') and not removed") == 0, WAIT);
            for (String id : ids) {
                assertThat(ChainIT.row("round-deposit:" + id).get("status")).isEqualTo("BATCHED");
            }
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        ChainIT.anvil("evm_mine");
        var after = ChainIT.awaitStatus(batchKey, "CONFIRMED", WAIT);
        assertThat(after.get("nonce")).isEqualTo(before.get("nonce"));
        for (int i = 0; i < ids.size(); i++) {
            var confirmed = awaitInvestment(investors.get(i), ids.get(i), "CONFIRMED");
            assertThat(confirmed.getString("depositTxHash")).isEqualToIgnoringCase(after.get("tx_hash"));
        }
        assertThat(ChainIT.count("select count(*) from chain_transaction where kind = 'round-deposit-batch' and "
                + "to_address = '" + escrow + "'")).isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '" + escrow
                + "' and event_name = 'Deposited' and not removed")).isEqualTo(3);
        String inIds = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'investment.confirmed' and subject_id in "
                + inIds)).isEqualTo(3);
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(30)));
        assertThat(Funding.round(roundId).getString("raised")).isEqualTo("30");
    }

    @Test
    void aBatchBroadcastRightBeforeACrashEndsOnceForEachDepositAfterTheRestart() throws Exception {
        var platform = RunningPlatform.platform();
        var startup = Funding.startup("Batch Crash Motors");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(7));
        String roundId = round.getString("id");
        String escrow = round.getString("contractAddress").toLowerCase(Locale.ROOT);
        var investors = seed(3, 20);
        var ids = reserveAll(roundId, investors, "10");
        String batchKey;
        try {
            Faults.arm(Map.of("picktartup.chain.fault.halt-after-broadcast", "round-deposit-batch:" + escrow + ":"));
            signAll(investors, ids);
            ChainIT.await("the dispatcher halts after broadcasting the batch", () -> !platform.applicationAlive(),
                    Duration.ofSeconds(90));
            batchKey = awaitBatchOf(ids);
            // on chain already (anvil mines on arrival); the database saw the broadcast, not the receipt
            assertThat(ChainIT.row(batchKey).get("status")).isEqualTo("SENT");
            for (String id : ids) {
                assertThat(ChainIT.row("round-deposit:" + id).get("status")).isEqualTo("BATCHED");
            }
        } finally {
            Faults.clear();
            platform.restartApplication(false, Map.of());
        }
        var batch = ChainIT.awaitStatus(batchKey, "CONFIRMED", WAIT);
        assertThat(batch.get("attempts")).isEqualTo("1");
        for (int i = 0; i < ids.size(); i++) {
            var confirmed = awaitInvestment(investors.get(i), ids.get(i), "CONFIRMED");
            assertThat(confirmed.getString("depositTxHash")).isEqualToIgnoringCase(batch.get("tx_hash"));
        }
        assertThat(ChainIT.count("select count(*) from chain_transaction where to_address = '" + escrow
                + "' and nonce is not null and kind in ('round-deposit', 'round-deposit-batch')")).isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from chain_event where contract = '" + escrow
                + "' and event_name = 'Deposited' and not removed")).isEqualTo(3);
        String inIds = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'investment.confirmed' and subject_id in "
                + inIds)).isEqualTo(3);
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(30)));
        assertThat(Funding.round(roundId).getString("raised")).isEqualTo("30");
        // the audit renewed meanwhile (every 3 s) saw the chain ahead of the database after the restart, while the
        // batch was not final: a pending verdict, never a mismatch; once final, the round reconciles
        assertThat(ChainIT.count("select count(*) from round_reconciliation where round_id = '" + roundId
                + "' and verdict = 'MISMATCH'")).isZero();
        ChainIT.await("the round's audit reconciles", () -> countQuietly("select count(*) from (select verdict"
                + " from round_reconciliation where round_id = '" + roundId + "' order by checked_at desc, id desc"
                + " limit 1) latest where verdict = 'OK'") == 1, Duration.ofSeconds(30));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static long countQuietly(String sql) {
        try {
            return ChainIT.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean pendingFrom(String address) {
        try {
            var pending = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
            var mined = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount();
            return pending.compareTo(mined) > 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The batch carrying all these investments' deposits, once the dispatcher made it (they must share one). */
    private static String awaitBatchOf(List<String> ids) throws Exception {
        String keys = ids.stream().map(id -> "'round-deposit:" + id + "'").collect(Collectors.joining(", ", "(", ")"));
        ChainIT.await("the deposits carried in a batch", () -> countQuietly("select count(*) from chain_transaction "
                + "where business_key in " + keys + " and status <> 'QUEUED'") == ids.size(), WAIT);
        var carriers = ChainIT.strings("select distinct c.business_key from chain_transaction t join chain_transaction c "
                + "on c.id = t.carrier_id where t.business_key in " + keys);
        assertThat(carriers).as("one batch carries the deposits signed together").hasSize(1);
        return carriers.get(0);
    }

    private static Accounts.Session session(Investor investor) {
        return new Accounts.Session(investor.id(), "", investor.address(), investor.token(), "");
    }

    private static JsonObject awaitInvestment(Investor investor, String id, String status) throws Exception {
        return Funding.awaitInvestment(session(investor), id, status);
    }

    private static List<String> reserveAll(String roundId, List<Investor> investors, String amount) {
        var ids = new ArrayList<String>();
        for (var investor : investors) {
            var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.token(),
                    Accounts.body("amount", amount));
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
            ids.add(Http.json(reserved).getString("id"));
        }
        return ids;
    }

    /** Every investor signs at the same moment: their deposits are queued within the batch's wait. */
    private static void signAll(List<Investor> investors, List<String> ids) {
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(investors.size());
        try {
            var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < investors.size(); i++) {
                var investor = investors.get(i);
                String id = ids.get(i);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Accounts.call("POST", "/api/investments/" + id + "/sign", investor.token(),
                            Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
                }, pool));
            }
            start.countDown();
            for (var call : calls) {
                var response = call.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The investor's key as they would get it: the exported keystore opened with their wallet password. */
    private static Credentials exportedKey(Investor investor) throws Exception {
        var export = Accounts.call("POST", "/api/accounts/me/wallet/keystore", investor.token(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return Credentials.create(Wallet.decrypt(Accounts.WALLET_PASSWORD, JSON.readValue(export.body(), WalletFile.class)));
    }

    /**
     * Investors straight in the database, each with a keystore of a fresh key of their own (light scrypt parameters),
     * {@code pkn} PKN minted to it through the outbox, and an access token for a live session.
     */
    private static List<Investor> seed(int count, long pkn) throws Exception {
        var template = Accounts.Session.open("batch-template");
        var investors = new ArrayList<Investor>();
        try (var db = RunningPlatform.database()) {
            db.setAutoCommit(false);
            var account = db.prepareStatement("""
                    insert into account (id, email, name, password_hash, role, investor_category, created_at, updated_at,
                                         email_verified_at)
                    select ?, ?, 'Batch Investor', password_hash, 'INVESTOR', 'GENERAL', now(), now(), now()
                    from account where id = ?""");
            var wallet = db.prepareStatement("""
                    insert into wallet (account_id, address, keystore, created_at, updated_at)
                    values (?, ?, ?, now(), now())""");
            var session = db.prepareStatement("""
                    insert into session_family (id, account_id, created_at, expires_at) values (?, ?, now(), ?)""");
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                UUID family = UUID.randomUUID();
                var key = Keys.createEcKeyPair();
                String address = Keys.toChecksumAddress(Keys.getAddress(key));
                account.setObject(1, id);
                account.setString(2, "batch." + id + "@example.com");
                account.setObject(3, UUID.fromString(template.id()));
                account.executeUpdate();
                wallet.setObject(1, id);
                wallet.setString(2, address);
                wallet.setString(3, JSON.writeValueAsString(Wallet.createLight(Accounts.WALLET_PASSWORD, key)));
                wallet.executeUpdate();
                session.setObject(1, family);
                session.setObject(2, id);
                session.setTimestamp(3, Timestamp.from(Instant.now().plus(Duration.ofHours(2))));
                session.executeUpdate();
                investors.add(new Investor(id.toString(), address, Tokens.resigned(template.accessToken(),
                        b -> b.subject(id.toString()).claim("sid", family.toString()).jwtID(UUID.randomUUID().toString())),
                        key));
            }
            db.commit();
        }
        var mints = new ArrayList<String>();
        for (var investor : investors) {
            byte[] paymentId = ChainIT.randomId();
            mints.add(ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), investor.address(),
                    PKN.multiply(BigInteger.valueOf(pkn)), paymentId));
        }
        for (String mint : mints) {
            ChainIT.awaitStatus(mint, "CONFIRMED", WAIT);
        }
        return investors;
    }
}
