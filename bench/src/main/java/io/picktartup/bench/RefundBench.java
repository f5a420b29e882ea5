package io.picktartup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static io.picktartup.bench.Figures.measured;

/**
 * Refunding a failed round: N investors (default 1,000) with deposits on chain, the settlement job driven from its
 * start to the round's REFUNDED, timed; gas per investor refunded from the outbox's recorded gas_used; every
 * investor's balance and the escrow checked on chain. Then the same with a kill -9 of the application once about
 * half the refund chunks are confirmed, and exactly-once checked against the escrow's Refunded events. Beside it, on
 * the same anvil just before the first settlement, the raw rate of plain ERC-20 transfers sent one per transaction
 * by one client (each waiting for its receipt: what a naive refund loop gets; and pipelined, for comparison). The
 * floor (issue 19 §4) is measured last, on a third round set up the same way: one raw client pipelining
 * finalizeRound and refundBatch chunks of the same size ({@link PipelinedClient}); goals ≥ 0.7× its rate and 10,000
 * investors in ≤ 30 s.
 *
 * Setup (not measured): investors are local keys (no accounts: a signup costs a scrypt derivation), funded by mint
 * intents written into the outbox (the application's relayer owns its nonces), their deposits signed locally (the EIP-712
 * Investment consent) and carried in depositBatch transactions by a bench relayer (dev account 2,
 * granted RELAYER_ROLE on the factory). While setting up, anvil mines on demand (many transactions per block, base
 * fee held at 1 gwei) so the chain stays as short as a fresh one; automine is back on before anything is measured.
 *
 * <p>bench/refunds.sh [N]; environment: REFUND_CHUNK (investors per refundBatch transaction, passed to the
 * application; default 200), RAW_TRANSFERS (default 300), BENCH_KILL (default true: run the kill-and-restart variant).
 */
public final class RefundBench {

    static final BigInteger PKN = BigInteger.TEN.pow(18);
    static final BigInteger AMOUNT = PKN.multiply(BigInteger.TEN);      // each investor's deposit, all they hold
    static final long CHAIN_ID = 31337;
    static final BigInteger ONE_GWEI = BigInteger.valueOf(1_000_000_000L);
    static final String ADMIN_EMAIL = "admin@refund-bench.test";
    static final String ADMIN_PASSWORD = "refund bench admin passphrase";
    static final String PASSWORD = "correct horse battery staple";
    static final int DEPOSITS_PER_TX = 100;
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = Api.JSON;
    static final byte[] TERMS_HASH = sha256("Picktartup refund bench: investment terms");
    static final byte[] INVESTMENT_TYPEHASH = Hash.sha3(("Investment(address investor,address round,uint256 amount,"
            + "bytes32 termsHash,uint256 nonce,uint256 deadline)").getBytes(StandardCharsets.UTF_8));
    static final String REFUNDED_TOPIC = Numeric.toHexString(Hash.sha3("Refunded(address,uint256)".getBytes(StandardCharsets.UTF_8)));

    final int n;
    final int chunk;
    final Platform platform;
    final Api api;
    final Database db;
    final Web3j web3j;
    final PicktartupToken token;
    final String tokenAddress;
    final String factoryAddress;
    final Credentials benchRelayer = Platform.devAccount(2);
    final Credentials transferSender = Platform.devAccount(3);
    long benchRelayerNonce = -1;
    int rawRuns;
    int retriedMints;
    long clockOffset;

    RefundBench(int n, int chunk, Platform platform) {
        this.n = n;
        this.chunk = chunk;
        this.platform = platform;
        this.api = new Api(platform.baseUri(), Duration.ofSeconds(60)).verifyingOn(platform);
        this.db = new Database(platform);
        this.web3j = Web3j.build(new HttpService(platform.chainRpcUrl()));
        this.tokenAddress = platform.contracts().get("token");
        this.factoryAddress = platform.contracts().get("factory");
        this.token = PicktartupToken.load(tokenAddress, web3j, new ReadonlyTransactionManager(web3j, tokenAddress),
                new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int chunk = Integer.parseInt(System.getenv().getOrDefault("REFUND_CHUNK", "200"));
        boolean kill = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_KILL", "true"));
        Path work = BenchPlatform.workDir("refund");
        var options = BenchPlatform.fresh(work, Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                        "PICKTARTUP_CLOCK_ADJUSTABLE", "true",
                        "PICKTARTUP_ADMIN_EMAIL", ADMIN_EMAIL,
                        "PICKTARTUP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "PICKTARTUP_SETTLEMENT_REFUND_CHUNK", Integer.toString(chunk)),
                List.of("-Xmx1536m", "-XX:+UseSerialGC"));
        Instant begun = Instant.now();
        try (var platform = Platform.start(options)) {
            log("platform ready in " + platform.bootTime().toMillis() + " ms; N=" + n + ", refund chunk " + chunk);
            new RefundBench(n, chunk, platform).run(kill);
        } finally {
            BenchPlatform.deleteTree(work);
            log("whole run " + Duration.between(begun, Instant.now()).toSeconds() + " s");
        }
    }

    void run(boolean kill) throws Exception {
        // the bench relayer may carry deposits (granted by the factory's admin, dev account 0)
        var factory = FundingRoundFactory.load(factoryAddress, web3j, new ReadonlyTransactionManager(web3j, factoryAddress),
                new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
        byte[] relayerRole = factory.RELAYER_ROLE().send();
        waitReceipt(send(Platform.devAccount(0), nonceOf(Platform.devAccount(0).getAddress()), factoryAddress,
                factory.grantRole(relayerRole, benchRelayer.getAddress()).encodeFunctionCall(), 100_000, gasPrice()), true);

        // ---- round 1: refund everyone, timed
        Instant deadline1 = now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(setupMinutes()));
        var first = setUpRound("plain", deadline1, true);
        travelTo(deadline1.plusSeconds(60));
        long blocksBefore = blockNumber();
        double raw = rawTransfers(Integer.parseInt(System.getenv().getOrDefault("RAW_TRANSFERS", "300")), true);
        double rawPipelined = rawTransfers(Integer.parseInt(System.getenv().getOrDefault("RAW_TRANSFERS", "300")), false);
        log("chain at " + blocksBefore + " blocks before the raw transfers, " + blockNumber() + " after");
        // the raw transfers' blocks hold token Transfer events: the indexer reads them before the timed part, as it
        // read the set-up's (else the job's last step waits behind a backlog the bench made, which the floor never does)
        awaitIndexer();
        // the floor's mining regime: anvil's automine leaves what does not fit in a block in its pool until another
        // transaction comes (seen 2026-12-03: the fifth chunk waited 60 s for the platform's re-pricing); the floor
        // asks it to mine after 200 ms without progress, and so does this, for the platform's timed part
        var nudges = new java.util.concurrent.atomic.AtomicInteger();
        var nudger = startNudger(nudges);
        long execution = startJob();
        Instant start = Instant.now();
        try {
            awaitStatus(first.id, "REFUNDED", Duration.ofSeconds(Math.max(600, n / 5)));
        } finally {
            nudger.interrupt();
            nudger.join();
        }
        double seconds = secondsSince(start);
        log("platform's run: " + nudges.get() + " stalls mined");
        Instant refundedSeen = Instant.now();
        // the machine is shared: the raw rate again right after, on the same chain, and the mean of the two is used
        double rawAfter = rawTransfers(Integer.parseInt(System.getenv().getOrDefault("RAW_TRANSFERS", "300")), true);
        double rawBefore = raw;
        raw = (rawBefore + rawAfter) / 2;
        var jobEnd = awaitJobEnd(execution);
        log("job " + execution + ": " + jobEnd.path("batchStatus").asText() + " / " + jobEnd.path("exitStatus").asText());
        double rate = n / seconds;
        long gas = refundGas(first.id);
        double gasPerInvestor = (double) gas / n;
        verify("plain", first);
        chunkTimeline(first.id);
        settlementTimeline(first, execution, start, refundedSeen);
        measured("refund-investors", n, "investors");
        measured("refund-chunk-size", chunk, "investors/transaction");
        measured("refund-chunks", db.number("select count(*) from chain_transaction where business_key like 'round-refund:" + first.id + ":%'"), "transactions");
        measured("refund-time-" + n, fmt(seconds), "s", "the job's start to the round's REFUNDED");
        measured("refunds-per-second", fmt(rate), "investors/s");
        measured("raw-transfers-per-second", fmt(raw), "transfers/s", "one client, each waiting for its receipt; mean of before and after");
        measured("raw-transfers-per-second-before", fmt(rawBefore), "transfers/s");
        measured("raw-transfers-per-second-after", fmt(rawAfter), "transfers/s");
        measured("raw-transfers-per-second-pipelined", fmt(rawPipelined), "transfers/s", "one client, increasing nonces, then all receipts");
        measured("refund-vs-raw", fmt(rate / raw), "x");
        measured("refund-vs-raw-pipelined", fmt(rate / rawPipelined), "x");
        measured("refund-gas-per-investor", Math.round(gasPerInvestor), "gas");
        measured("refund-gas-total", gas, "gas");
        measured("setup-mints-failed-by-pre-check-and-queued-again", retriedMints, "intents");
        measured("finalize-gas", db.number("select coalesce(sum(gas_used), 0) from chain_transaction where business_key = 'round-finalize:" + first.id + "'"), "gas");

        // ---- round 2: the same, with a kill -9 of the application half-way
        if (kill) {
            Instant deadline2 = now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(setupMinutes()));
            var second = setUpRound("killed", deadline2, false);
            travelTo(deadline2.plusSeconds(60));
            long chunks = (n + chunk - 1) / chunk;
            long half = Math.max(1, chunks / 2);
            long firstExecution = startJob();
            Instant start2 = Instant.now();
            String key = "round-refund:" + second.id + ":%";
            await("half the refund chunks confirmed", () -> db.number("select count(*) from chain_transaction where business_key like '"
                    + key + "' and status = 'CONFIRMED'") >= half, Duration.ofSeconds(600));
            String before = db.strings("select string_agg(status, ',' order by id) from chain_transaction where business_key like '"
                    + key + "'").get(0);
            log("killing the application (kill -9) with refund chunk statuses " + before + " after " + fmt(secondsSince(start2)) + " s");
            Instant killedAt = Instant.now();
            platform.restartApplication(true, Map.of());
            double down = secondsSince(killedAt);
            // a new process: a new token signing key, and business time back at the system clock (the offset is
            // held in memory only), so the round is not due until an admin moves the clock forward again
            adminToken = null;
            appOffset = 0;
            admin();
            setClock(clockOffset);
            log("application up again after " + fmt(down) + " s; chunk statuses now " + db.strings(
                    "select string_agg(status, ',' order by id) from chain_transaction where business_key like '" + key + "'").get(0));
            var old = call("GET", "/api/admin/jobs/executions/" + firstExecution, admin(), null);
            log("crashed execution " + firstExecution + " as the batch runtime sees it: " + old.statusCode() + " " + old.body());
            var restart = call("POST", "/api/admin/jobs/executions/" + firstExecution + "/restart", admin(), null);
            log("restart of the crashed execution: " + restart.statusCode() + " " + restart.body());
            String how;
            long resumed;
            if (restart.statusCode() == 202) {
                resumed = Api.json(restart).path("id").asLong();
                how = "restart of the crashed execution";
            } else {
                resumed = startJob();
                how = "a new start (restart refused: " + restart.statusCode() + ")";
            }
            awaitStatus(second.id, "REFUNDED", Duration.ofSeconds(Math.max(600, n / 5)));
            double total = secondsSince(start2);
            var end2 = awaitJobEnd(resumed);
            log("job " + resumed + " (" + how + "): " + end2.path("batchStatus").asText() + " / " + end2.path("exitStatus").asText());
            verify("killed", second);
            chunkTimeline(second.id);
            long gas2 = refundGas(second.id);
            measured("refund-time-after-kill", fmt(total), "s", "job start to REFUNDED, kill -9 and reboot included");
            measured("refund-time-after-kill-without-reboot", fmt(total - down), "s");
            measured("application-reboot-time", fmt(down), "s");
            measured("refund-after-kill-resumed-by-restart", restart.statusCode() == 202, "", how);
            measured("refund-after-kill-chunks", db.number("select count(*) from chain_transaction where business_key like '" + key + "'"), "transactions");
            measured("refund-gas-per-investor-after-kill", Math.round((double) gas2 / n), "gas");
        }

        // ---- the floor (issue 19 §4): a raw client pipelining refundBatch chunks of the same size on a round of its
        // own (set up like the others, not settled by the platform: no job runs after this)
        Instant deadline3 = now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(setupMinutes()));
        var floorRound = setUpRound("floor", deadline3, false);
        travelTo(deadline3.plusSeconds(60));
        var escrow = FundingRound.load(floorRound.escrow(), web3j, new ReadonlyTransactionManager(web3j,
                floorRound.escrow()), new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
        List<String> floorCalls = new ArrayList<>();
        floorCalls.add(escrow.finalizeRound().encodeFunctionCall()); // in the pipeline, as the job's finalize is timed
        for (int i = 0; i < (n + chunk - 1) / chunk; i++) {
            floorCalls.add(escrow.refundBatch(BigInteger.valueOf(chunk)).encodeFunctionCall());
        }
        // anvil's automine leaves what does not fit in one block (30 M gas: three chunks of 200) in its pool until
        // another transaction comes: a stalled floor asks it to mine (this hung the floor before, 2026-12-03)
        var floor = PipelinedClient.run(web3j, CHAIN_ID, benchRelayer, floorRound.escrow(), floorCalls, gasPrice(),
                BigInteger.valueOf(60_000L + 40_000L * chunk), () -> {
                    var pool = rpc("txpool_status");
                    if (Long.decode(pool.path("pending").asText("0x0")) > 0) {
                        log("floor: receipts stalled, anvil's pool holds " + pool + ": mining it");
                        rpc("evm_mine");
                        return true;
                    }
                    return false;
                });
        long floorCursor = escrow.refundCursor().send().longValueExact();
        double floorRate = n / floor.seconds();
        measured("refund-floor-time-" + n, fmt(floor.seconds()), "s", "one raw client: finalizeRound and "
                + (floorCalls.size() - 1) + " refundBatch(" + chunk + ") signed with local nonces, sent and receipts "
                + "fetched in JSON-RPC batches; " + floor.succeeded() + " of " + floorCalls.size() + " succeeded, cursor "
                + floorCursor + " of " + n + ", " + floor.nudges() + " stalls mined");
        measured("refunds-per-second-floor", fmt(floorRate), "investors/s");
        measured("refund-vs-floor", fmt(rate / floorRate), "x");
        measured("refund-floor-gas-per-investor", Math.round(floor.gasUsed().doubleValue() / n), "gas");
        Figures.verdict("goal-refund-vs-pipelined-floor-min-0.7", rate / floorRate >= 0.7 && floorCursor == n,
                fmt(rate / floorRate) + " x");
        Figures.verdict(n >= 10_000 ? "goal-10000-investors-max-30-s" : "goal-10000-investors-max-30-s-extrapolated",
                seconds * 10_000 / n <= 30, (n >= 10_000 ? "" : "linear from " + n + ": ") + fmt(seconds * 10_000 / n)
                        + " s");
        Figures.verdict("goal-refund-vs-raw-min-10", rate / raw >= 10, fmt(rate / raw) + " x");
        Figures.verdict("goal-refund-gas-per-investor-max-35000", gasPerInvestor <= 35_000, Math.round(gasPerInvestor) + " gas");
        web3j.shutdown();
    }

    // ------------------------------------------------------------------ setup

    record Investor(Credentials key) {
        String address() {
            return key.getAddress();
        }
    }

    record Round(String id, String escrow, List<Investor> investors) {
    }

    /** Whether the rounds set up reach their goal (ShareBench releases them); refunds need them not to. */
    boolean succeeds;

    int setupMinutes() {
        return 5 + n / 1000;
    }

    Round setUpRound(String label, Instant deadline, boolean fundTransferSender) throws Exception {
        Instant t0 = Instant.now();
        // a startup with its CEO, and its round, through the API; the goal cannot be met by N deposits
        String admin = admin();
        String ceoEmail = "ceo-" + label + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        // a signup answers 202 and waits for the mailed link: the bench verifies the address as following it does
        String ceoId = api.signUp(ceoEmail, PASSWORD, "Bench CEO", "bench wallet passphrase").path("id").asText();
        Api.expect(200, call("PUT", "/api/admin/accounts/" + ceoId + "/role", admin, "{\"role\":\"STARTUP\"}"));
        String ceo = login(ceoEmail, PASSWORD);
        String startupWallet = Credentials.create(ECKeyPair.create(seed("startup-" + label))).getAddress();
        var startup = call("POST", "/api/admin/startups", admin, JSON.createObjectNode()
                .put("name", "Refund Bench " + label + " " + UUID.randomUUID().toString().substring(0, 6))
                .put("pitch", "never reaches its goal").put("description", "bench").put("sector", "Bench")
                .put("foundedOn", "2021-03-02").put("ceoAccountId", ceoId).put("walletAddress", startupWallet).toString());
        Api.expect(201, startup);
        String startupId = Api.json(startup).path("id").asText();
        // PKN; N deposits of 10 PKN reach half of it (or all of it, for a round that must succeed: ShareBench)
        String goal = BigInteger.valueOf(succeeds ? 10L * n : 20L * n + 10).toString();
        var draft = call("POST", "/api/rounds", ceo, JSON.createObjectNode().put("startupId", startupId)
                .put("name", "Bench round " + label).put("goal", goal).put("hardCap", goal).put("minInvestment", "10")
                .put("pricePerShareKrw", 10_000).put("preMoneyValuationKrw", 3_000_000_000L)
                .put("deadline", deadline.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("terms", "Common shares; funds held in escrow until the deadline.").toString());
        Api.expect(201, draft);
        String roundId = Api.json(draft).path("id").asText();
        Api.expect(202, call("POST", "/api/rounds/" + roundId + "/open", ceo, null));
        String[] escrow = new String[1];
        await("round " + roundId + " OPEN", () -> {
            var r = Api.json(call("GET", "/api/rounds/" + roundId, null, null));
            escrow[0] = r.path("contractAddress").asText(null);
            return "OPEN".equals(r.path("status").asText());
        }, Duration.ofSeconds(60));
        log(label + ": round " + roundId + " OPEN, escrow " + escrow[0] + " (" + fmt(secondsSince(t0)) + " s)");

        // N investors: local keys, PKN minted through the outbox, deposits signed locally, carried in batches
        List<Investor> investors = IntStream.range(0, n).parallel()
                .mapToObj(i -> new Investor(Credentials.create(ECKeyPair.create(seed(label + "-investor-" + i)))))
                .toList();
        // mints go out from the platform's minter key (a queued row would be moved to it anyway)
        String minterKey = Platform.devAccount(io.picktartup.launcher.DevChain.MINTER).getAddress().toLowerCase();
        setAutomine(false);
        var miner = startMiner();
        try {
            try (var connection = platform.connect()) {
                connection.setAutoCommit(false);
                var insert = connection.prepareStatement("""
                        insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                                       status, attempts, created_at, updated_at)
                        values (?, 'mint', ?, ?, ?, 120000, 'QUEUED', 0, now(), now())""");
                int i = 0;
                for (var investor : investors) {
                    queueMint(insert, "mint:bench-" + label + "-" + i++, investor.address(), AMOUNT, minterKey);
                }
                if (fundTransferSender) {
                    queueMint(insert, "mint:bench-transfers", transferSender.getAddress(), PKN.multiply(BigInteger.valueOf(10_000)), minterKey);
                }
                insert.executeBatch();
                connection.commit();
            }
            Instant mintStart = Instant.now();
            await("mints confirmed", () -> {
                admin(); // keeps the admin token fresh through a long setup
                // the application takes any eth_call error in its pre-check for a refusal (seen: anvil's transient
                // "BlockOutOfRangeError" while blocks come every 100 ms): such an intent is queued again, same call
                for (String failure : db.strings("select business_key || ' ' || failure from chain_transaction where kind = 'mint' "
                        + "and status = 'FAILED' and business_key like 'mint:bench-" + label + "-%' and not exists (select 1 "
                        + "from chain_transaction r where r.business_key = chain_transaction.business_key || '-again')")) {
                    log("mint intent failed, queued again: " + failure);
                    retriedMints++;
                }
                try (var connection = platform.connect()) {
                    connection.createStatement().executeUpdate("""
                            insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                                           status, attempts, created_at, updated_at)
                            select business_key || '-again', kind, from_address, to_address, call_data, gas_limit, 'QUEUED', 0, now(), now()
                            from chain_transaction where kind = 'mint' and status = 'FAILED' and failure like 'pre-check: BlockOutOfRange%'
                            on conflict (business_key) do nothing""");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                long failed = db.number("select count(*) from chain_transaction where kind = 'mint' and status = 'FAILED' "
                        + "and failure not like 'pre-check: BlockOutOfRange%'");
                if (failed > 0) {
                    throw new IllegalStateException(failed + " mint intents FAILED: " + db.strings(
                            "select failure from chain_transaction where kind = 'mint' and status = 'FAILED' limit 3"));
                }
                return db.number("select count(*) from chain_transaction where kind = 'mint' and business_key like 'mint:bench-"
                        + label + "-%' and status = 'CONFIRMED'") == n;
            }, Duration.ofSeconds(600));
            log(label + ": " + n + " mints confirmed in " + fmt(secondsSince(mintStart)) + " s");

            Instant depositStart = Instant.now();
            long deadlineSeconds = deadline.getEpochSecond();
            var round = FundingRound.load(escrow[0], web3j, new ReadonlyTransactionManager(web3j, escrow[0]),
                    new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
            byte[] roundDomain = round.domainSeparator().send();
            List<FundingRound.Deposit> deposits = investors.parallelStream()
                    .map(inv -> signedDeposit(inv.key(), escrow[0], roundDomain, deadlineSeconds))
                    .toList();
            log(label + ": " + n + " deposits signed in " + fmt(secondsSince(depositStart)) + " s");
            BigInteger price = gasPrice();
            List<String> hashes = new ArrayList<>();
            for (int from = 0; from < n; from += DEPOSITS_PER_TX) {
                var batch = deposits.subList(from, Math.min(n, from + DEPOSITS_PER_TX));
                String data = round.depositBatch(batch).encodeFunctionCall();
                if (from == 0) {
                    ethCall(benchRelayer.getAddress(), escrow[0], data); // a bad signature shows here, before any gas
                }
                hashes.add(send(benchRelayer, benchRelayerNonce(), escrow[0], data, 150_000L * batch.size() + 200_000, price));
            }
            for (String hash : hashes) {
                waitReceipt(hash, true);
            }
            log(label + ": " + n + " deposits in " + hashes.size() + " transactions in " + fmt(secondsSince(depositStart)) + " s");
        } finally {
            miner.interrupt();
            miner.join();
            setAutomine(true);
            rpc("anvil_setNextBlockBaseFeePerGas", Numeric.toHexStringWithPrefix(ONE_GWEI));
            rpc("evm_mine");
        }
        var round = FundingRound.load(escrow[0], web3j, new ReadonlyTransactionManager(web3j, escrow[0]),
                new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
        BigInteger held = token.balanceOf(escrow[0]).send();
        BigInteger count = round.investorCount().send();
        if (!held.equals(AMOUNT.multiply(BigInteger.valueOf(n))) || count.intValueExact() != n) {
            throw new IllegalStateException("escrow holds " + held + " for " + count + " investors, expected " + n);
        }
        awaitIndexer();
        log(label + ": set up in " + fmt(secondsSince(t0)) + " s, chain at block " + blockNumber());
        return new Round(roundId, escrow[0], investors);
    }

    void queueMint(java.sql.PreparedStatement insert, String key, String to, BigInteger amount, String relayer) throws Exception {
        insert.setString(1, key);
        insert.setString(2, relayer);
        insert.setString(3, tokenAddress.toLowerCase());
        insert.setString(4, token.mint(to, amount, Hash.sha3(key.getBytes(StandardCharsets.UTF_8))).encodeFunctionCall());
        insert.addBatch();
    }

    /**
     * What the floor's {@link PipelinedClient} does when its receipts stall, for the platform's timed part: when anvil's
     * pool holds transactions and no block came for 200 ms, asks it to mine (counted in {@code nudges}).
     */
    Thread startNudger(java.util.concurrent.atomic.AtomicInteger nudges) {
        long[] lastBlock = {-1};
        Instant[] lastProgress = {Instant.now()};
        return daemon("nudger", 10, () -> {
            long block = blockNumber();
            if (block != lastBlock[0]) {
                lastBlock[0] = block;
                lastProgress[0] = Instant.now();
            } else if (Duration.between(lastProgress[0], Instant.now()).compareTo(PipelinedClient.STALL) >= 0
                    && Long.decode(rpc("txpool_status").path("pending").asText("0x0")) > 0) {
                log("platform's run: no block for 200 ms and anvil's pool holds transactions: mining it");
                rpc("evm_mine");
                nudges.incrementAndGet();
                lastProgress[0] = Instant.now();
            }
        });
    }

    /** Mines whatever is pending every 100 ms, base fee held at 1 gwei (full blocks would raise it 12.5 % each). */
    Thread startMiner() {
        return daemon("miner", 100, () -> {
            if (Long.decode(rpc("txpool_status").path("pending").asText("0x0")) > 0) {
                rpc("anvil_setNextBlockBaseFeePerGas", Numeric.toHexStringWithPrefix(ONE_GWEI));
                rpc("evm_mine");
            }
        });
    }

    /** One step of a background loop; it may fail (logged, tried again after the pause). */
    interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} every {@code pauseMillis} on a daemon thread of its own until the thread is interrupted. */
    private Thread daemon(String name, long pauseMillis, Step step) {
        var t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    step.run();
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log(name + ": " + e);
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    FundingRound.Deposit signedDeposit(Credentials investor, String round, byte[] roundDomain, long deadline) {
        BigInteger dl = BigInteger.valueOf(deadline);
        var consent = Sign.signMessage(digest(roundDomain, Hash.sha3(concat(INVESTMENT_TYPEHASH, address(investor.getAddress()),
                address(round), uint(AMOUNT), TERMS_HASH, uint(BigInteger.ZERO), uint(dl)))), investor.getEcKeyPair(), false);
        return new FundingRound.Deposit(investor.getAddress(), AMOUNT, TERMS_HASH, BigInteger.ZERO, dl,
                v(consent), consent.getR(), consent.getS());
    }

    // ------------------------------------------------------------------ measurement

    /** Plain ERC-20 transfers to new holders, one per transaction, by one client. */
    double rawTransfers(int count, boolean waitEach) throws Exception {
        BigInteger price = gasPrice();
        long nonce = nonceOf(transferSender.getAddress());
        List<String> data = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String to = Credentials.create(ECKeyPair.create(seed("raw-" + rawRuns + "-" + i))).getAddress();
            data.add(token.transfer(to, PKN).encodeFunctionCall());
        }
        rawRuns++;
        Instant start = Instant.now();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String hash = send(transferSender, nonce + i, tokenAddress, data.get(i), 80_000, price);
            if (waitEach) {
                waitReceipt(hash, true);
            } else {
                hashes.add(hash);
            }
        }
        long gas = 0;
        for (String hash : hashes) {
            gas += waitReceipt(hash, true);
        }
        double rate = count / secondsSince(start);
        if (!waitEach) {
            measured("raw-transfer-gas", gas / count, "gas", "a plain ERC-20 transfer to a new holder");
        }
        return rate;
    }

    long refundGas(String roundId) {
        return db.number("select coalesce(sum(gas_used), 0) from chain_transaction where business_key like 'round-refund:" + roundId + ":%'");
    }

    /** Every investor has exactly their deposit back, the escrow holds nothing, one Refunded event per investor. */
    void verify(String label, Round round) throws Exception {
        BigInteger escrowBalance = token.balanceOf(round.escrow()).send();
        long wrong = round.investors().parallelStream().filter(inv -> {
            try {
                return !token.balanceOf(inv.address()).send().equals(AMOUNT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
        var logs = rpc("eth_getLogs", JSON.createObjectNode().put("fromBlock", "0x0").put("toBlock", "latest")
                .put("address", round.escrow()).set("topics", JSON.createArrayNode().add(REFUNDED_TOPIC)));
        var perInvestor = new HashMap<String, Integer>();
        BigInteger refunded = BigInteger.ZERO;
        for (JsonNode entry : logs) {
            String investor = "0x" + entry.path("topics").get(1).asText().substring(26);
            perInvestor.merge(investor.toLowerCase(), 1, Integer::sum);
            refunded = refunded.add(Numeric.toBigInt(entry.path("data").asText()));
        }
        long once = round.investors().stream().filter(inv -> perInvestor.getOrDefault(inv.address().toLowerCase(), 0) == 1).count();
        long twice = perInvestor.values().stream().filter(c -> c > 1).count();
        measured(label + ".escrow-balance-after", escrowBalance, "wei");
        measured(label + ".investors-balance-not-restored", wrong, "investors", "of " + n + ", every balance read");
        measured(label + ".refunded-events", logs.size(), "events");
        measured(label + ".investors-refunded-exactly-once", once, "investors");
        measured(label + ".investors-refunded-more-than-once", twice, "investors");
        measured(label + ".refunded-amount-matches", refunded.equals(AMOUNT.multiply(BigInteger.valueOf(n))), "");
    }

    /** Where the time goes: each refund chunk's queued → signed → sent → mined → confirmed, relative to the job. */
    void chunkTimeline(String roundId) {
        for (String line : db.strings("""
                select business_key || ' ' || status || ' gas ' || coalesce(gas_used::text, '-') || ' block '
                       || coalesce(block_number::text, '-') || ' queued ' || to_char(created_at, 'HH24:MI:SS.MS')
                       || ' +sign ' || coalesce((extract(epoch from signed_at - created_at) * 1000)::int::text, '-')
                       || ' +sent ' || coalesce((extract(epoch from sent_at - created_at) * 1000)::int::text, '-')
                       || ' +mined ' || coalesce((extract(epoch from mined_at - created_at) * 1000)::int::text, '-')
                       || ' +confirmed ' || coalesce((extract(epoch from confirmed_at - created_at) * 1000)::int::text, '-')
                       || ' ms, attempts ' || attempts
                from chain_transaction where business_key like 'round-%:""" + roundId + "%' order by id")) {
            log("  " + line);
        }
    }

    /**
     * Where the settlement's time goes: every moment the database holds of it (the job's execution and steps, the
     * round's audited status changes, each outbox row's queued → signed → sent → mined → confirmed, the escrow's
     * Refunded events as indexed), in ms from the job's start as the bench saw it (its POST answered). The
     * application stamps business time (its clock is moved ahead): those are taken back by the offset.
     */
    void settlementTimeline(Round round, long execution, Instant start, Instant refundedSeen) {
        String shift = "interval '" + clockOffset + " seconds'";
        String outbox = "from chain_transaction where business_key like 'round-%:" + round.id() + "%'";
        String sql = """
                select (extract(epoch from t) * 1000)::bigint || ' ' || what from (
                  select createtime as t, 'job execution created' as what from jbatchexecutioninstancedata where jobexecid = %1$d
                  union all select starttime, 'job execution started' from jbatchexecutioninstancedata where jobexecid = %1$d
                  union all select endtime, 'job execution ended' from jbatchexecutioninstancedata where jobexecid = %1$d
                  union all select starttime, 'step ' || stepname || ' started' from jbatchstepexecutioninstancedata where jobexecid = %1$d
                  union all select endtime, 'step ' || stepname || ' ended' from jbatchstepexecutioninstancedata where jobexecid = %1$d
                  union all select occurred_at - %2$s, 'audit ' || action || ' → ' || coalesce(new_value, '') from audit_event
                      where subject_type = 'funding_round' and subject_id = '%3$s'
                  union all select created_at - %2$s, business_key || ' queued' %4$s
                  union all select signed_at - %2$s, business_key || ' signed' %4$s
                  union all select sent_at - %2$s, business_key || ' sent' %4$s
                  union all select mined_at - %2$s, business_key || ' mined (block ' || block_number || ')' %4$s
                  union all select confirmed_at - %2$s, business_key || ' ' || status %4$s
                  union all select min(indexed_at) - %2$s, 'first of ' || count(*) || ' Refunded events indexed' from chain_event
                      where contract = '%5$s' and event_name = 'Refunded'
                  union all select max(indexed_at) - %2$s, 'last Refunded event indexed' from chain_event
                      where contract = '%5$s' and event_name = 'Refunded'
                  union all select indexed_at - %2$s, 'indexer stored blocks ' || min(block_number) || '-'
                      || max(block_number) from chain_block group by indexed_at
                  union all select updated_at - %2$s, 'indexer cursor last moved, to block ' || block_number
                      from chain_indexer_cursor
                  union all select min(created_at) - %2$s, count(*) || ' settlement mails queued' from mail_message
                      where business_key like 'round-settled:%3$s:%%'
                ) x where t is not null and t >= (select createtime from jbatchexecutioninstancedata where jobexecid = %1$d)
                    - interval '1 second' order by t""".formatted(execution, shift, round.id(), outbox,
                round.escrow().toLowerCase(java.util.Locale.ROOT));
        try {
            long zero = start.toEpochMilli();
            log("settlement timeline, ms from the job's start (its POST answered):");
            for (String line : db.strings(sql)) {
                int space = line.indexOf(' ');
                log(String.format("  %+6d %s", Long.parseLong(line.substring(0, space)) - zero, line.substring(space + 1)));
            }
            log(String.format("  %+6d the bench saw REFUNDED (polling every 20 ms)", refundedSeen.toEpochMilli() - zero));
        } catch (RuntimeException e) {
            log("settlement timeline not read: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ platform API

    String adminToken;
    Instant adminTokenAt = Instant.MIN;

    String admin() {
        if (adminToken == null || Duration.between(adminTokenAt, Instant.now()).toMinutes() >= 5) {
            login(ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /**
     * Logs in at business offset 0: the application stamps an access token's iat/nbf/exp with its business clock
     * (Clock.now(), moved ahead by PUT /api/admin/clock) but verifies them against the system clock (Nimbus), so a
     * token issued while business time is ahead is "not yet valid" everywhere. The clock goes back to 0 for the
     * login and forward again after it.
     */
    String login(String email, String password) {
        long shifted = appOffset;
        if (shifted != 0) {
            setClock(0);
        }
        try {
            String token = api.login(email, password);
            if (email.equals(ADMIN_EMAIL)) {
                adminToken = token;
                adminTokenAt = Instant.now();
            }
            return token;
        } finally {
            if (shifted != 0) {
                setClock(shifted);
            }
        }
    }

    long appOffset;

    void setClock(long offsetSeconds) {
        Api.expect(200, call("PUT", "/api/admin/clock", adminToken, "{\"offsetSeconds\":" + offsetSeconds + "}"));
        appOffset = offsetSeconds;
    }

    long startJob() throws Exception {
        var started = call("POST", "/api/admin/jobs/round-settlement", admin(), null);
        Api.expect(202, started);
        return Api.json(started).path("id").asLong();
    }

    JsonNode awaitJobEnd(long execution) {
        JsonNode[] last = new JsonNode[1];
        await("execution " + execution + " ended", () -> {
            last[0] = Api.json(call("GET", "/api/admin/jobs/executions/" + execution, admin(), null));
            return List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(last[0].path("batchStatus").asText());
        }, Duration.ofSeconds(120));
        return last[0];
    }

    void awaitStatus(String roundId, String status, Duration timeout) {
        await("round " + roundId + " " + status, () -> status.equals(db.strings(
                "select status from funding_round where id = '" + roundId + "'").get(0)), timeout, 20);
    }

    /** Business time to {@code target} (the platform's adjustable clock), anvil's moved forward by as much. */
    void travelTo(Instant target) throws Exception {
        long offset = Duration.between(Instant.now(), target).toSeconds();
        admin();
        setClock(offset);
        long step = offset - clockOffset;
        clockOffset = offset;
        if (step > 0) {
            rpc("evm_increaseTime", step);
            rpc("evm_mine");
        }
    }

    Instant now() {
        return Instant.now().plusSeconds(clockOffset);
    }

    /** The indexer has caught up with the chain (so it does not compete with the measured part). */
    void awaitIndexer() throws Exception {
        long head = blockNumber();
        await("indexer at block " + head, () -> db.strings("select coalesce(min(block_number), 0)::text from chain_indexer_cursor")
                .stream().mapToLong(Long::parseLong).min().orElse(0) >= head - 1, Duration.ofSeconds(300));
    }

    HttpResponse<String> call(String method, String path, String bearer, String body) {
        return api.call(method, path, bearer, body);
    }

    // ------------------------------------------------------------------ chain

    JsonNode rpc(String method, Object... params) {
        return api.rpc(platform.chainRpcUrl(), method, params);
    }

    void setAutomine(boolean on) throws Exception {
        rpc("evm_setAutomine", on);
    }

    long blockNumber() throws Exception {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    BigInteger gasPrice() throws Exception {
        return Numeric.toBigInt(rpc("eth_gasPrice").asText()).max(ONE_GWEI.multiply(BigInteger.TWO));
    }

    long nonceOf(String address) throws Exception {
        return Long.decode(rpc("eth_getTransactionCount", address, "pending").asText());
    }

    long benchRelayerNonce() throws Exception {
        if (benchRelayerNonce < 0) {
            benchRelayerNonce = nonceOf(benchRelayer.getAddress());
        }
        return benchRelayerNonce++;
    }

    void ethCall(String from, String to, String data) throws Exception {
        rpc("eth_call", JSON.createObjectNode().put("from", from).put("to", to).put("data", data), "latest");
    }

    String send(Credentials from, long nonce, String to, String data, long gasLimit, BigInteger gasPrice) throws Exception {
        var tx = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, BigInteger.valueOf(gasLimit), to,
                BigInteger.ZERO, data);
        return rpc("eth_sendRawTransaction", Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, from))).asText();
    }

    /** Polls for the receipt (1 ms apart); returns the gas used. */
    long waitReceipt(String hash, boolean mustSucceed) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            var receipt = rpc("eth_getTransactionReceipt", hash);
            if (!receipt.isNull() && !receipt.isMissingNode()) {
                if (mustSucceed && !"0x1".equals(receipt.path("status").asText())) {
                    throw new IllegalStateException("transaction " + hash + " reverted: " + receipt);
                }
                return Long.decode(receipt.path("gasUsed").asText());
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no receipt for " + hash);
    }

    // ------------------------------------------------------------------ helpers

    static byte[] digest(byte[] domain, byte[] structHash) {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domain, structHash));
    }

    static byte[] address(String address) {
        return Numeric.toBytesPadded(Numeric.toBigInt(address), 32);
    }

    static byte[] uint(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static BigInteger v(Sign.SignatureData signature) {
        return BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0]));
    }

    /** A private key derived from a label (deterministic, so a run can be repeated and inspected). */
    static BigInteger seed(String label) {
        return new BigInteger(1, Hash.sha3(("picktartup-refund-bench:" + label).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) {
        await(what, condition, timeout, 100);
    }

    static void await(String what, BooleanSupplier condition, Duration timeout, long pollMillis) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting until " + what);
    }

    static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toNanos() / 1e9;
    }

    static String fmt(double value) {
        return Figures.fixed(value, 2);
    }

    static void log(String message) {
        Figures.progress(java.time.LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
    }
}
