package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.DAY;
import static io.picktartup.chain.contract.Platform.HOUR;
import static io.picktartup.chain.contract.Platform.pkn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Measures the gas of every operation on a fresh chain and prints {@code name: value unit} lines (also written to
 * {@code target/gas-report.txt}); fails if the targets are missed. Investors hold 100 PKN and invest 40,
 * so their balance slot stays non-zero (a refund to an emptied balance costs ~17 k more).
 */
@ExtendWith(AnvilExtension.class)
class GasReportTest {

    private static final int BATCH = 50;
    private static final int REFUND_BATCH = 100;
    /** The per-transaction gas cap of EIP-7825 (2^24). */
    private static final long PER_TX_CAP = 1L << 24;

    private static Platform platform;
    private static Chain chain;
    private static final Map<String, Long> REPORT = new LinkedHashMap<>();

    @BeforeAll
    static void deploy(Chain c) {
        chain = c;
        platform = new Platform(c);
        put("gas.deploy.token", platform.tokenDeploy);
        put("gas.deploy.roundImplementation", platform.implementationDeploy);
        put("gas.deploy.factory", platform.factoryDeploy);
        // the token's first mint also creates its total-supply slot (once per token): not a per-holder cost
        put("gas.mint.firstEver", platform.mint(chain.newWallet().getAddress(), pkn(1)));
    }

    @AfterAll
    static void print() throws IOException {
        StringBuilder out = new StringBuilder();
        REPORT.forEach((name, gas) -> out.append(name).append(": ").append(gas).append(" gas\n"));
        System.out.print(out);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("gas-report.txt"), out);
        }
    }

    private static void put(String name, TransactionReceipt receipt) {
        REPORT.put(name, receipt.getGasUsed().longValueExact());
    }

    private static Credentials investor() {
        Credentials investor = chain.newWallet();
        platform.mint(investor.getAddress(), pkn(100));
        return investor;
    }

    private static FundingRound.Deposit signed(Platform.Round round, Credentials investor) {
        return signed(round, investor, pkn(40));
    }

    private static FundingRound.Deposit signed(Platform.Round round, Credentials investor, BigInteger amount) {
        return platform.signedDeposit(investor, round.address(), amount, Platform.sha256("terms"),
                platform.consentNonce(round, investor.getAddress()), chain.now() + HOUR);
    }

    @Test
    void tokenOperations() {
        Credentials holder = chain.newWallet();
        put("gas.mint.newHolder", platform.mint(holder.getAddress(), pkn(100)));
        put("gas.mint.existingHolder", platform.mint(holder.getAddress(), pkn(100)));
        var sig = Signatures.cashOut(holder, holder.getAddress(), chain.chainId(), platform.token.getContractAddress(),
                pkn(10), Platform.sha256("c"), BigInteger.valueOf(chain.now() + HOUR));
        put("gas.cashOut", chain.send(platform.relayer, platform.token.getContractAddress(), platform.token.cashOut(
                holder.getAddress(), pkn(10), Platform.sha256("c"), BigInteger.valueOf(chain.now() + HOUR),
                Signatures.v(sig), sig.getR(), sig.getS()).encodeFunctionCall()));
    }

    @Test
    void transferCarriedByTheRelayer() {
        Credentials owner = investor();
        String to = chain.newWallet().getAddress();
        String token = platform.token.getContractAddress();
        BigInteger deadline = BigInteger.valueOf(chain.now() + HOUR);
        var permit = Signatures.permit(owner, chain.chainId(), token, platform.relayer.getAddress(), pkn(10),
                BigInteger.ZERO, deadline);
        TransactionReceipt approve = chain.send(platform.relayer, token, platform.token.permit(owner.getAddress(),
                platform.relayer.getAddress(), pkn(10), deadline, Signatures.v(permit), permit.getR(), permit.getS())
                .encodeFunctionCall());
        TransactionReceipt move = chain.send(platform.relayer, token,
                platform.token.transferFrom(owner.getAddress(), to, pkn(10)).encodeFunctionCall());
        put("gas.transfer.permit", approve);
        put("gas.transfer.transferFrom", move);
        REPORT.put("gas.transfer.total", approve.getGasUsed().add(move.getGasUsed()).longValueExact());
    }

    @Test
    void transferWithPermitCarriedByTheRelayer() {
        Credentials owner = investor();
        String to = chain.newWallet().getAddress();
        String token = platform.token.getContractAddress();
        BigInteger deadline = BigInteger.valueOf(chain.now() + HOUR);
        var permit = Signatures.permit(owner, chain.chainId(), token, platform.relayer.getAddress(), pkn(10),
                BigInteger.ZERO, deadline);
        put("gas.transferWithPermit", chain.send(platform.relayer, token, platform.token.transferWithPermit(
                owner.getAddress(), to, pkn(10), deadline, Signatures.v(permit), permit.getR(), permit.getS())
                .encodeFunctionCall()));
    }

    @Test
    void roundLifecycle() throws Exception {
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(100), pkn(100_000), pkn(10),
                10 * DAY);
        put("gas.deploy.roundClone", round.creation());

        // the round's very first deposit also creates the round's balance and totals slots (once per round)
        put("gas.deposit.single.roundFirst", platform.deposit(round, signed(round, investor())));
        Credentials single = investor();
        TransactionReceipt first = platform.deposit(round, signed(round, single));
        TransactionReceipt repeat = platform.deposit(round, signed(round, single));
        put("gas.deposit.single.first", first);
        put("gas.deposit.single.repeat", repeat);

        List<Credentials> investors = new ArrayList<>();
        List<FundingRound.Deposit> batch = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            Credentials investor = investor();
            investors.add(investor);
            batch.add(signed(round, investor));
        }
        long batchFirst = platform.depositBatch(round, batch).getGasUsed().longValueExact() / BATCH;
        batch.clear();
        for (Credentials investor : investors) {
            batch.add(signed(round, investor));
        }
        long batchRepeat = platform.depositBatch(round, batch).getGasUsed().longValueExact() / BATCH;
        REPORT.put("gas.deposit.batch50.first.perInvestor", batchFirst);
        REPORT.put("gas.deposit.batch50.repeat.perInvestor", batchRepeat);

        put("gas.cancel", platform.cancel(round, single, platform.consentNonce(round, single.getAddress()),
                chain.now() + HOUR));

        chain.increaseTime(round.deadline() - chain.now());
        put("gas.finalize", chain.send(platform.stranger, round.address(),
                round.contract().finalizeRound().encodeFunctionCall()));
        put("gas.release", chain.send(platform.stranger, round.address(),
                round.contract().release().encodeFunctionCall()));
        // PKN someone sent to the settled round by plain transfer: swept to the fixed recipient
        Credentials sender = investor();
        chain.setEthBalance(sender.getAddress(), Platform.PKN);
        chain.send(sender, platform.token.getContractAddress(), platform.token.transfer(round.address(), pkn(5))
                .encodeFunctionCall());
        put("gas.sweep", chain.send(platform.stranger, round.address(), round.contract().sweep().encodeFunctionCall()));

        assertThat(REPORT.get("gas.deposit.single.first")).as("first-time single deposit").isLessThanOrEqualTo(120_000);
        assertThat(batchFirst).as("first-time deposit in a batch of 50").isLessThanOrEqualTo(75_000);
        assertThat(batchRepeat).as("repeat deposit in a batch of 50").isLessThanOrEqualTo(35_000);
    }

    @Test
    void refunds() throws Exception {
        refundScenario(pkn(40), "");
    }

    @Test
    void refundsToEmptiedWallets() throws Exception {
        // each investor put in everything they had: each refund creates their balance slot again
        refundScenario(pkn(100), ".emptyWallets");
    }

    /**
     * The largest refund chunk the platform sends (RoundCalls.MAX_REFUND_CHUNK), in the worst case (every investor
     * emptied their wallet into the round, so each refund creates a balance slot again): the gas it needs must fit
     * a 2^24 per-transaction cap (EIP-7825; BSC follows the Osaka limits) with a fifth to spare.
     */
    @Test
    void refundChunkOf300FitsThePerTransactionGasCap() throws Exception {
        int chunk = 300;
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(1_000_000), pkn(1_000_000),
                pkn(10), 10 * DAY);
        List<FundingRound.Deposit> batch = new ArrayList<>();
        for (int i = 0; i < chunk; i++) {
            batch.add(signed(round, investor(), pkn(100)));
            if (batch.size() == BATCH) {
                platform.depositBatch(round, batch);
                batch.clear();
            }
        }
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), round.contract().finalizeRound().encodeFunctionCall());
        String data = round.contract().refundBatch(BigInteger.valueOf(chunk)).encodeFunctionCall();
        long needed = chain.estimateGas(platform.relayer.getAddress(), round.address(), data);
        TransactionReceipt refunds = chain.send(platform.relayer, round.address(), data);
        assertThat(FundingRound.getRefundedEvents(refunds)).hasSize(chunk);
        REPORT.put("gas.refundBatch300.emptyWallets.used", refunds.getGasUsed().longValueExact());
        REPORT.put("gas.refundBatch300.emptyWallets.limitNeeded", needed);
        assertThat(needed).as("gas limit a 300-investor refund chunk needs").isLessThanOrEqualTo(PER_TX_CAP * 4 / 5);
    }

    private static void refundScenario(BigInteger amount, String suffix) throws Exception {
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(1_000_000), pkn(1_000_000),
                pkn(10), 10 * DAY);
        List<FundingRound.Deposit> batch = new ArrayList<>();
        Credentials claimer = investor();
        batch.add(signed(round, claimer, amount));
        for (int i = 0; i < REFUND_BATCH; i++) {
            batch.add(signed(round, investor(), amount));
            if (batch.size() == BATCH) {
                platform.depositBatch(round, batch);
                batch.clear();
            }
        }
        platform.depositBatch(round, batch);
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), round.contract().finalizeRound().encodeFunctionCall());

        chain.setEthBalance(claimer.getAddress(), Platform.PKN);
        put("gas.claimRefund" + suffix, chain.send(claimer, round.address(),
                round.contract().claimRefund().encodeFunctionCall()));
        TransactionReceipt refunds = chain.send(platform.relayer, round.address(),
                round.contract().refundBatch(BigInteger.valueOf(REFUND_BATCH + 1)).encodeFunctionCall());
        assertThat(FundingRound.getRefundedEvents(refunds)).hasSize(REFUND_BATCH);
        long perInvestor = refunds.getGasUsed().longValueExact() / REFUND_BATCH;
        REPORT.put("gas.refundBatch100.perInvestor" + suffix, perInvestor);
        assertThat(perInvestor).as("refund per investor in a batch of 100").isLessThanOrEqualTo(35_000);
    }

    @Test
    void standaloneRoundForComparison() throws Exception {
        long deadline = chain.now() + 10 * DAY;
        // a token of its own, whose one escrow registrar is the admin: the platform's token takes escrows only from
        // its factory, and a standalone round must be registered to pull deposits
        Credentials admin = platform.admin;
        PicktartupToken own = PicktartupToken.deploy(chain.web3j(), chain.txManager(admin), chain.gas(),
                admin.getAddress(), admin.getAddress(), BigInteger.valueOf(Platform.ADMIN_DELAY), Platform.MINT_CAP)
                .send();
        chain.send(admin, own.getContractAddress(), own.grantRole(own.ESCROW_REGISTRAR_ROLE().send(),
                admin.getAddress()).encodeFunctionCall());
        StandaloneFundingRound standalone = StandaloneFundingRound.deploy(chain.web3j(), chain.txManager(platform.admin),
                chain.gas(), new StandaloneFundingRound.Config(platform.newId("round"),
                        own.getContractAddress(), platform.factory.getContractAddress(),
                        chain.newWallet().getAddress(), pkn(100), pkn(100_000), pkn(10), BigInteger.valueOf(deadline)),
                platform.treasury.getAddress()).send();
        put("gas.deploy.roundStandalone", standalone.getTransactionReceipt().orElseThrow());
        chain.send(admin, own.getContractAddress(), own.registerEscrow(standalone.getContractAddress())
                .encodeFunctionCall());
        Credentials investor = chain.newWallet();
        chain.send(admin, own.getContractAddress(), own.mint(investor.getAddress(), pkn(100), platform.newId("payment"))
                .encodeFunctionCall());
        FundingRound.Deposit d = platform.signedDeposit(investor, standalone.getContractAddress(), pkn(40),
                Platform.sha256("terms"), BigInteger.ZERO, chain.now() + HOUR);
        StandaloneFundingRound.Deposit sd = new StandaloneFundingRound.Deposit(d.investor, d.amount, d.termsHash,
                d.nonce, d.deadline, d.v, d.r, d.s);
        put("gas.deposit.single.roundFirst.standalone", chain.send(platform.relayer, standalone.getContractAddress(),
                standalone.deposit(sd).encodeFunctionCall()));
    }
}
