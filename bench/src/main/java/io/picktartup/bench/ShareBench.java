package io.picktartup.bench;

import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.ShareToken;
import io.picktartup.chain.control.ShareCalls;
import io.picktartup.launcher.DevChain;
import io.picktartup.launcher.Platform;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.picktartup.bench.Figures.measured;
import static io.picktartup.bench.Figures.reference;
import static io.picktartup.bench.Figures.verdict;
import static io.picktartup.bench.RefundBench.ONE_GWEI;
import static io.picktartup.bench.RefundBench.await;
import static io.picktartup.bench.RefundBench.log;

/**
 * The gas of shares as tokens on the running platform (issue 20): a round of N investors (default 300) reaches its
 * goal and is released by the settlement job; the platform creates the round's share token and issues it in
 * {@code issueNext} chunks through its outbox, and the gas per investor is the chunks' recorded gas_used over N. Then
 * two investors are verified (their levels written through the outbox by the compliance agent), business time and
 * the chain move past the 180-day lock-up, and one signed share transfer ({@code transferBySig}, what the platform's
 * relayer carries for a holder) is sent: its gas against the goal of half a T-REX (ERC-3643) transfer, 155.7 k gas,
 * a reference figure from elsewhere, not measured here.
 *
 * <p>Setup as {@link RefundBench}'s (local investor keys, mints through the outbox, deposits carried in depositBatch
 * by the bench relayer, dev account 2). bench/shares.sh [N].
 */
public final class ShareBench {

    static final long TREX_TRANSFER = 155_700;
    static final long ISSUE_CEILING = 60_000;
    static final byte[] SHARE_TRANSFER_TYPEHASH = Hash.sha3(
            "ShareTransfer(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)"
                    .getBytes(StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path work = BenchPlatform.workDir("shares");
        var options = BenchPlatform.fresh(work, Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                        "PICKTARTUP_CLOCK_ADJUSTABLE", "true",
                        "PICKTARTUP_ADMIN_EMAIL", RefundBench.ADMIN_EMAIL,
                        "PICKTARTUP_ADMIN_PASSWORD", RefundBench.ADMIN_PASSWORD),
                List.of("-Xmx1536m", "-XX:+UseSerialGC"));
        Instant begun = Instant.now();
        try (var platform = Platform.start(options)) {
            log("platform ready in " + platform.bootTime().toMillis() + " ms; N=" + n);
            run(new RefundBench(n, 200, platform), n, platform);
        } finally {
            BenchPlatform.deleteTree(work);
            log("whole run " + Duration.between(begun, Instant.now()).toSeconds() + " s");
        }
    }

    static void run(RefundBench bench, int n, Platform platform) throws Exception {
        var web3j = bench.web3j;
        var factory = FundingRoundFactory.load(bench.factoryAddress, web3j,
                new ReadonlyTransactionManager(web3j, bench.factoryAddress),
                new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
        var admin = Platform.devAccount(DevChain.ADMIN);
        bench.waitReceipt(bench.send(admin, bench.nonceOf(admin.getAddress()), bench.factoryAddress,
                factory.grantRole(factory.RELAYER_ROLE().send(), bench.benchRelayer.getAddress()).encodeFunctionCall(),
                100_000, bench.gasPrice()), true);

        // a round that reaches its goal, released by the settlement job
        bench.succeeds = true;
        Instant deadline = bench.now().plus(Duration.ofHours(48)).plus(Duration.ofMinutes(bench.setupMinutes()));
        var round = bench.setUpRound("shares", deadline, false);
        bench.travelTo(deadline.plusSeconds(60));
        bench.startJob();
        bench.awaitStatus(round.id(), "RELEASED", Duration.ofSeconds(600));
        log("round " + round.id() + " RELEASED");

        // the platform creates and issues the share token on its own
        Instant issueStart = Instant.now();
        await("shares issued", () -> bench.db.strings("select status from share_issue where round_id = '" + round.id()
                + "'").stream().anyMatch("ISSUED"::equals), Duration.ofSeconds(600), 500);
        String token = bench.db.strings("select token_address from share_issue where round_id = '" + round.id() + "'")
                .get(0);
        long chunks = bench.db.number("select count(*) from chain_transaction where business_key like 'share-issue:"
                + round.id() + ":%' and status = 'CONFIRMED'");
        long issueGas = bench.db.number("select coalesce(sum(gas_used), 0) from chain_transaction where business_key "
                + "like 'share-issue:" + round.id() + ":%' and status = 'CONFIRMED'");
        long createGas = bench.db.number("select coalesce(sum(gas_used), 0) from chain_transaction where business_key = "
                + "'share-create:" + round.id() + "'");
        var shares = ShareToken.load(token, web3j, new ReadonlyTransactionManager(web3j, token),
                new StaticGasProvider(ONE_GWEI, BigInteger.valueOf(300_000)));
        BigInteger supply = shares.totalSupply().send();
        if (supply.longValueExact() != n) {
            throw new IllegalStateException("the share token's supply is " + supply + ", expected " + n);
        }
        log("issued " + supply + " shares in " + chunks + " chunks, " + RefundBench.fmt(RefundBench.secondsSince(
                issueStart)) + " s after the release");

        // two investors verified (the compliance agent's setLevel through the outbox), the lock-up over
        var from = round.investors().get(0).key();
        var to = round.investors().get(1).key();
        String registry = platform.contracts().get("eligibilityRegistry");
        String agent = Platform.devAccount(DevChain.RELAYER).getAddress().toLowerCase();
        var calls = new ShareCalls();
        try (var connection = platform.connect()) {
            var insert = connection.prepareStatement("""
                    insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                                   status, attempts, created_at, updated_at)
                    values (?, 'eligibility', ?, ?, ?, 120000, 'QUEUED', 0, now(), now())""");
            for (var investor : List.of(from, to)) {
                insert.setString(1, "eligibility:bench-" + investor.getAddress());
                insert.setString(2, agent);
                insert.setString(3, registry.toLowerCase());
                insert.setString(4, calls.setLevel(investor.getAddress(), ShareCalls.identity(UUID.randomUUID()), 1));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        await("levels on chain", () -> bench.db.number("select count(*) from chain_transaction where business_key "
                + "like 'eligibility:bench-%' and status = 'CONFIRMED'") == 2, Duration.ofSeconds(120), 200);
        long lockupEnd = shares.lockupEnd().send().longValueExact();
        bench.travelTo(Instant.ofEpochSecond(lockupEnd).plus(Duration.ofDays(1)));

        // one signed transfer, carried by another account (the holder has no gas), as the platform's relayer does
        BigInteger nonce = shares.nonces(from.getAddress()).send();
        BigInteger signatureDeadline = BigInteger.valueOf(bench.now().plusSeconds(3600).getEpochSecond());
        var signature = Sign.signMessage(RefundBench.digest(shares.domainSeparator().send(), Hash.sha3(
                RefundBench.concat(SHARE_TRANSFER_TYPEHASH, RefundBench.address(from.getAddress()),
                        RefundBench.address(to.getAddress()), RefundBench.uint(BigInteger.ONE), RefundBench.uint(nonce),
                        RefundBench.uint(signatureDeadline)))), from.getEcKeyPair(), false);
        String data = calls.transferBySig(from.getAddress(), to.getAddress(), BigInteger.ONE, nonce, signatureDeadline,
                RefundBench.v(signature).intValueExact(), signature.getR(), signature.getS());
        long transferGas = bench.waitReceipt(bench.send(bench.benchRelayer, bench.benchRelayerNonce(), token, data,
                200_000, bench.gasPrice()), true);
        if (shares.balanceOf(to.getAddress()).send().longValueExact() != 2) {
            throw new IllegalStateException("the transfer did not arrive");
        }

        long perInvestor = Math.round((double) issueGas / n);
        measured("shares.investors", n, "investors");
        measured("shares.issueChunks", chunks, "transactions", ShareCalls.ISSUE_CHUNK + " investors per issueNext");
        measured("shares.issueGasPerInvestor", perInvestor, "gas", "sum of the issue chunks' gas_used / investors; "
                + "goal <= " + ISSUE_CEILING);
        measured("shares.createGas", createGas, "gas", "createShareToken (a clone)");
        measured("shares.transferGas", transferGas, "gas", "transferBySig to an existing holder, carried by a relayer; "
                + "goal <= 0.5 x reference.trex.transferGas");
        reference("trex.transferGas", TREX_TRANSFER, "gas", "a T-REX (ERC-3643) transfer, figure from elsewhere, "
                + "not measured here");
        measured("shares.transferVsTrex", Figures.fixed((double) transferGas / TREX_TRANSFER, 3), "x");
        verdict("shares.transferGoal", transferGas * 2 <= TREX_TRANSFER, transferGas + " <= " + TREX_TRANSFER / 2);
        verdict("shares.issueGoal", perInvestor <= ISSUE_CEILING, perInvestor + " <= " + ISSUE_CEILING);
    }
}
