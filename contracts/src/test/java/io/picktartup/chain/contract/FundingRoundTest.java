package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.DAY;
import static io.picktartup.chain.contract.Platform.HOUR;
import static io.picktartup.chain.contract.Platform.call;
import static io.picktartup.chain.contract.Platform.pkn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

@ExtendWith(AnvilExtension.class)
class FundingRoundTest {

    private static final BigInteger FUNDING = BigInteger.ZERO;
    private static final BigInteger SUCCEEDED = BigInteger.ONE;
    private static final BigInteger FAILED = BigInteger.TWO;
    private static final BigInteger RELEASED = BigInteger.valueOf(3);

    private static Platform platform;
    private static Chain chain;

    @BeforeAll
    static void deploy(Chain c) {
        chain = c;
        platform = new Platform(c);
    }

    private static Platform.Round openRound(String startup) {
        return platform.createRound(startup, pkn(100), pkn(150), pkn(10), 10 * DAY);
    }

    private static Credentials investorWith(BigInteger pkn) {
        Credentials investor = chain.newWallet();
        platform.mint(investor.getAddress(), pkn);
        return investor;
    }

    private static FundingRound.Deposit consent(Platform.Round round, Credentials investor, BigInteger amount,
            byte[] terms) {
        return platform.signedDeposit(investor, round.address(), amount, terms,
                platform.consentNonce(round, investor.getAddress()), chain.now() + HOUR);
    }

    @Test
    void factoryCreatesEachRoundOnceAtAPredictableAddress() throws Exception {
        FundingRoundFactory factory = platform.factory;
        String startup = chain.newWallet().getAddress();
        byte[] roundId = platform.newId("round");
        BigInteger deadline = BigInteger.valueOf(chain.now() + 10 * DAY);
        String predicted = factory.predictRound(roundId, startup, pkn(100), pkn(150), pkn(10), deadline).send();

        TransactionReceipt receipt = chain.send(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(roundId, startup, pkn(100), pkn(150), pkn(10), deadline).encodeFunctionCall());
        var created = FundingRoundFactory.getRoundCreatedEvents(receipt).get(0);
        assertThat(created.round).isEqualToIgnoringCase(predicted);
        assertThat(created.roundId).isEqualTo(roundId);

        FundingRound round = FundingRound.load(predicted, chain.web3j(), chain.txManager(platform.relayer), chain.gas());
        FundingRound.Config config = round.config().send();
        assertThat(config.roundId).isEqualTo(roundId);
        assertThat(config.token).isEqualToIgnoringCase(platform.token.getContractAddress());
        assertThat(config.startupWallet).isEqualToIgnoringCase(startup);
        assertThat(config.goal).isEqualTo(pkn(100));
        assertThat(config.hardCap).isEqualTo(pkn(150));
        assertThat(config.minInvestment).isEqualTo(pkn(10));
        assertThat(config.deadline).isEqualTo(deadline);
        assertThat(round.cancelCutoff().send()).isEqualTo(deadline.subtract(BigInteger.valueOf(48 * HOUR)));
        assertThat(round.status().send()).isEqualTo(FUNDING);
        var domain = round.eip712Domain().send();
        assertThat(domain.component2()).isEqualTo(Signatures.ROUND_NAME);
        assertThat(domain.component3()).isEqualTo("1");
        assertThat(domain.component4()).isEqualTo(BigInteger.valueOf(chain.chainId()));
        assertThat(domain.component5()).isEqualToIgnoringCase(predicted);

        assertThat(factory.roundOf(roundId).send()).isEqualToIgnoringCase(predicted);
        assertThat(chain.expectRevert(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(roundId, startup, pkn(100), pkn(150), pkn(10), deadline).encodeFunctionCall())
                .name()).isEqualTo("RoundIdTaken");
        assertThat(chain.expectRevert(platform.stranger, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), startup, pkn(100), pkn(150), pkn(10), deadline)
                        .encodeFunctionCall()).name()).isEqualTo("AccessControlUnauthorizedAccount");
        // the relayer's key carries deposits but cannot open a round (nor can the admin's, without the role)
        assertThat(chain.expectRevert(platform.relayer, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), startup, pkn(100), pkn(150), pkn(10), deadline)
                        .encodeFunctionCall()).name()).isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.expectRevert(platform.admin, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), startup, pkn(100), pkn(150), pkn(10), deadline)
                        .encodeFunctionCall()).name()).isEqualTo("AccessControlUnauthorizedAccount");
        BigInteger tooSoon = BigInteger.valueOf(chain.now() + 47 * HOUR);
        assertThat(chain.expectRevert(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), startup, pkn(100), pkn(150), pkn(10), tooSoon)
                        .encodeFunctionCall()).name()).isEqualTo("InvalidRoundParameters");
        assertThat(chain.expectRevert(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), startup, pkn(200), pkn(150), pkn(10), deadline)
                        .encodeFunctionCall()).name()).isEqualTo("InvalidRoundParameters");
        assertThat(chain.expectRevert(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(platform.newId("round"), "0x0000000000000000000000000000000000000000", pkn(100),
                        pkn(150), pkn(10), deadline).encodeFunctionCall()).name()).isEqualTo("InvalidRoundParameters");
    }

    @Test
    void relayerDepositsWithTheInvestorsSignaturesWhileTheInvestorPaysNoGas() throws Exception {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        Credentials investor = investorWith(pkn(100));
        byte[] terms = Platform.sha256("investment contract v1 for " + investor.getAddress());

        TransactionReceipt first = platform.deposit(round, consent(round, investor, pkn(30), terms));
        var event = FundingRound.getDepositedEvents(first).get(0);
        assertThat(event.investor).isEqualToIgnoringCase(investor.getAddress());
        assertThat(event.amount).isEqualTo(pkn(30));
        assertThat(event.termsHash).isEqualTo(terms);
        assertThat(event.nonce).isZero();

        platform.deposit(round, consent(round, investor, pkn(15), terms));

        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(45));
        assertThat(platform.consentNonce(round, investor.getAddress())).isEqualTo(BigInteger.TWO);
        assertThat(round.contract().totalRaised().send()).isEqualTo(pkn(45));
        assertThat(round.contract().investorCount().send()).isEqualTo(BigInteger.ONE);
        assertThat(round.contract().investorAt(BigInteger.ZERO).send()).isEqualToIgnoringCase(investor.getAddress());
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(55));
        assertThat(platform.balanceOf(round.address())).isEqualTo(pkn(45));
        assertThat(chain.ethBalance(investor.getAddress())).isZero();
        assertThat(chain.transactionCount(investor.getAddress())).isZero();
    }

    @Test
    void depositRefusesBadReplayedExpiredAndUnrelayedSignatures() {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        Credentials investor = investorWith(pkn(100));
        Credentials other = chain.newWallet();
        byte[] terms = Platform.sha256("terms");
        long deadline = chain.now() + HOUR;

        // consent signed by someone else
        FundingRound.Deposit foreign = platform.signedDeposit(other, round.address(), pkn(20), terms, BigInteger.ZERO,
                deadline);
        Reverted bad = expectDepositRevert(round, copy(foreign, investor.getAddress(), foreign.termsHash));
        assertThat(bad.name()).isEqualTo("InvalidSigner");
        assertThat(bad.addressArg(1)).isEqualToIgnoringCase(investor.getAddress());

        // a consent for other terms than the ones carried
        FundingRound.Deposit tampered = consent(round, investor, pkn(20), terms);
        assertThat(expectDepositRevert(round, copy(tampered, tampered.investor, Platform.sha256("other terms")))
                .name()).isEqualTo("InvalidSigner");

        // expired
        FundingRound.Deposit expired = platform.signedDeposit(investor, round.address(), pkn(20), terms,
                BigInteger.ZERO, chain.now() - 1);
        assertThat(expectDepositRevert(round, expired).name()).isEqualTo("SignatureExpired");

        // only the relayer carries deposits
        FundingRound.Deposit good = consent(round, investor, pkn(20), terms);
        Reverted notRelayer = chain.expectRevert(platform.stranger, round.address(),
                round.contract().deposit(good).encodeFunctionCall());
        assertThat(notRelayer.name()).isEqualTo("NotRelayer");

        // replayed
        platform.deposit(round, good);
        Reverted replay = expectDepositRevert(round, good);
        assertThat(replay.name()).isEqualTo("InvalidNonce");
        assertThat(replay.uintArg(1)).isEqualTo(BigInteger.ONE);
        assertThat(replay.uintArg(2)).isEqualTo(BigInteger.ZERO);
        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(20));
    }

    @Test
    void onlyARegisteredEscrowPullsAndOnlyUnderItsInvestorsConsent() throws Exception {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        Credentials investor = investorWith(pkn(50));
        String token = platform.token.getContractAddress();
        FundingRound.Deposit d = consent(round, investor, pkn(25), Platform.sha256("terms"));
        // nobody but a registered escrow pulls: not a stranger, not the relayer, not the token's admin
        for (Credentials caller : List.of(platform.stranger, platform.relayer, platform.admin)) {
            Reverted refused = chain.expectRevert(caller, token,
                    platform.token.escrowPull(investor.getAddress(), pkn(25)).encodeFunctionCall());
            assertThat(refused.name()).isEqualTo("NotEscrow");
            assertThat(refused.addressArg(0)).isEqualToIgnoringCase(caller.getAddress());
        }
        // the registrar role stays with the factory: even the admin cannot name another registrar
        Reverted secondRegistrar = chain.expectRevert(platform.admin, token, platform.token.grantRole(
                platform.token.ESCROW_REGISTRAR_ROLE().send(), platform.admin.getAddress()).encodeFunctionCall());
        assertThat(secondRegistrar.name()).isEqualTo("EscrowRegistrarFixed");
        assertThat(secondRegistrar.addressArg(0)).isEqualToIgnoringCase(platform.factory.getContractAddress());
        assertThat(platform.token.escrowRegistrar().send()).isEqualToIgnoringCase(
                platform.factory.getContractAddress());
        // a consent for one round pulls nothing into another round (its domain names the round)
        Platform.Round other = openRound(chain.newWallet().getAddress());
        FundingRound.Deposit carriedElsewhere = new FundingRound.Deposit(d.investor, d.amount, d.termsHash, d.nonce,
                d.deadline, d.v, d.r, d.s);
        assertThat(expectDepositRevert(other, carriedElsewhere).name()).isEqualTo("InvalidSigner");
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(50));

        platform.deposit(round, d);

        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(25));
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(25));
        assertThat(platform.token.allowance(investor.getAddress(), round.address()).send()).isZero();
        assertThat(platform.token.nonces(investor.getAddress()).send()).isZero(); // no permit spent
    }

    @Test
    void depositRespectsTheMinimumTheHardCapAndTheDeadline() throws Exception {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        Credentials whale = investorWith(pkn(1000));
        byte[] terms = Platform.sha256("terms");

        Reverted under = expectDepositRevert(round, consent(round, whale, pkn(9), terms));
        assertThat(under.name()).isEqualTo("BelowMinimumInvestment");
        assertThat(under.uintArg(1)).isEqualTo(pkn(10));

        platform.deposit(round, consent(round, whale, pkn(140), terms));
        Reverted over = expectDepositRevert(round, consent(round, whale, pkn(11), terms));
        assertThat(over.name()).isEqualTo("HardCapExceeded");
        assertThat(over.uintArg(1)).isEqualTo(pkn(10));
        platform.deposit(round, consent(round, whale, pkn(10), terms)); // exactly up to the cap
        assertThat(round.contract().totalRaised().send()).isEqualTo(pkn(150));

        Platform.Round later = openRound(chain.newWallet().getAddress());
        Credentials late = investorWith(pkn(20));
        chain.increaseTime(later.deadline() - chain.now());
        FundingRound.Deposit afterDeadline = platform.signedDeposit(late, later.address(), pkn(20), terms,
                BigInteger.ZERO, chain.now() + HOUR);
        assertThat(expectDepositRevert(later, afterDeadline).name()).isEqualTo("RoundClosed");
    }

    @Test
    void aBatchDepositsForManyInvestorsAndSkipsEachItemThatCannotGo() throws Exception {
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(100), pkn(1000), pkn(10),
                10 * DAY);
        List<Credentials> investors = new ArrayList<>();
        List<FundingRound.Deposit> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Credentials investor = investorWith(pkn(100));
            investors.add(investor);
            good.add(consent(round, investor, pkn(10 + i), Platform.sha256("terms " + i)));
        }
        assertThat(chain.expectRevert(platform.relayer, round.address(),
                round.contract().depositBatch(List.of()).encodeFunctionCall()).name()).isEqualTo("EmptyBatch");
        assertThat(chain.expectRevert(platform.stranger, round.address(),
                round.contract().depositBatch(good).encodeFunctionCall()).name()).isEqualTo("NotRelayer");
        assertThat(chain.expectRevert(platform.roundCreator, round.address(),
                round.contract().depositBatch(good).encodeFunctionCall()).name()).isEqualTo("NotRelayer");

        // among them: one below the minimum, one whose PKN left their wallet after signing, one with a consent
        // signed by someone else, one over the hard cap, and a replay of an item of this very batch
        Credentials small = investorWith(pkn(100));
        Credentials moved = investorWith(pkn(100));
        FundingRound.Deposit movedDeposit = consent(round, moved, pkn(50), Platform.sha256("moved"));
        chain.setEthBalance(moved.getAddress(), Platform.PKN);
        chain.send(moved, platform.token.getContractAddress(), platform.token.transfer(platform.stranger.getAddress(),
                pkn(60)).encodeFunctionCall());
        Credentials forged = investorWith(pkn(100));
        FundingRound.Deposit forgedDeposit = consent(round, forged, pkn(20), Platform.sha256("forged"));
        FundingRound.Deposit byOther = consent(round, investors.get(0), pkn(20), Platform.sha256("forged"));
        Credentials whale = investorWith(pkn(2000));
        List<FundingRound.Deposit> batch = new ArrayList<>();
        batch.add(good.get(0));
        batch.add(consent(round, small, pkn(5), Platform.sha256("small")));
        batch.add(good.get(1));
        batch.add(movedDeposit);
        batch.add(new FundingRound.Deposit(forged.getAddress(), forgedDeposit.amount, forgedDeposit.termsHash,
                forgedDeposit.nonce, forgedDeposit.deadline, byOther.v, byOther.r, byOther.s));
        batch.add(good.get(2));
        batch.add(consent(round, whale, pkn(990), Platform.sha256("whale")));
        batch.add(good.get(3));
        batch.add(good.get(0));
        batch.add(good.get(4));

        TransactionReceipt receipt = platform.depositBatch(round, batch);

        assertThat(FundingRound.getDepositedEvents(receipt)).extracting(e -> e.investor.toLowerCase())
                .containsExactlyElementsOf(investors.stream().map(c -> c.getAddress().toLowerCase()).toList());
        var skipped = FundingRound.getDepositSkippedEvents(receipt);
        assertThat(skipped).extracting(e -> e.investor.toLowerCase() + " " + Reverted.of(Platform.hex(e.reason), "").name())
                .containsExactly(small.getAddress().toLowerCase() + " BelowMinimumInvestment",
                        moved.getAddress().toLowerCase() + " ERC20InsufficientBalance",
                        forged.getAddress().toLowerCase() + " InvalidSigner",
                        whale.getAddress().toLowerCase() + " HardCapExceeded",
                        investors.get(0).getAddress().toLowerCase() + " InvalidNonce");
        assertThat(skipped.get(3).nonce).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(platform.position(round, investors.get(i).getAddress())).isEqualTo(pkn(10 + i));
            assertThat(round.contract().investorAt(BigInteger.valueOf(i)).send())
                    .isEqualToIgnoringCase(investors.get(i).getAddress());
        }
        // a skipped item changed nothing: no position, no listing, the nonce still unused, the PKN where they were
        for (Credentials none : List.of(small, moved, forged, whale)) {
            assertThat(platform.position(round, none.getAddress())).isZero();
            assertThat(platform.consentNonce(round, none.getAddress())).isZero();
        }
        assertThat(round.contract().investorCount().send()).isEqualTo(BigInteger.valueOf(5));
        assertThat(platform.balanceOf(whale.getAddress())).isEqualTo(pkn(2000));
        assertThat(platform.balanceOf(small.getAddress())).isEqualTo(pkn(100));
        assertThat(round.contract().totalRaised().send()).isEqualTo(pkn(60));
        assertThat(platform.balanceOf(round.address())).isEqualTo(pkn(60));

        // the skipped whale's consent is still good, for what fits
        Reverted single = expectDepositRevert(round, consent(round, whale, pkn(990), Platform.sha256("whale")));
        assertThat(single.name()).isEqualTo("HardCapExceeded");
        assertThat(single.uintArg(1)).isEqualTo(pkn(940));
        platform.deposit(round, consent(round, whale, pkn(940), Platform.sha256("whale")));
        assertThat(round.contract().totalRaised().send()).isEqualTo(pkn(1000));
    }

    @Test
    void theInvestorCancelsBeforeTheCutOffOnly() throws Exception {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        Credentials investor = investorWith(pkn(100));
        Credentials other = chain.newWallet();
        platform.deposit(round, consent(round, investor, pkn(40), Platform.sha256("terms")));
        BigInteger nonce = platform.consentNonce(round, investor.getAddress());
        long deadline = chain.now() + HOUR;

        Sign.SignatureData foreign = Signatures.cancel(other, chain.chainId(), round.address(), nonce,
                BigInteger.valueOf(deadline));
        assertThat(chain.expectRevert(platform.relayer, round.address(), round.contract().cancel(investor.getAddress(),
                nonce, BigInteger.valueOf(deadline), Signatures.v(foreign), foreign.getR(), foreign.getS())
                .encodeFunctionCall()).name()).isEqualTo("InvalidSigner");
        assertThat(chain.expectRevert(platform.relayer, round.address(),
                platform.cancelData(round, investor, nonce, chain.now() - 1)).name()).isEqualTo("SignatureExpired");

        String cancel = platform.cancelData(round, investor, nonce, deadline);
        TransactionReceipt receipt = chain.send(platform.stranger, round.address(), cancel); // anyone may carry it

        var event = FundingRound.getCancelledEvents(receipt).get(0);
        assertThat(event.investor).isEqualToIgnoringCase(investor.getAddress());
        assertThat(event.amount).isEqualTo(pkn(40));
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(100));
        assertThat(platform.position(round, investor.getAddress())).isZero();
        assertThat(round.contract().totalRaised().send()).isZero();
        assertThat(platform.balanceOf(round.address())).isZero();

        Reverted replay = chain.expectRevert(platform.relayer, round.address(), cancel);
        assertThat(replay.name()).isEqualTo("InvalidNonce");
        assertThat(chain.expectRevert(platform.relayer, round.address(),
                platform.cancelData(round, investor, nonce.add(BigInteger.ONE), deadline)).name())
                .isEqualTo("NothingToCancel");

        // invests again, then the cut-off passes
        platform.deposit(round, consent(round, investor, pkn(30), Platform.sha256("terms")));
        chain.increaseTime(round.deadline() - 48 * HOUR - chain.now());
        Reverted late = chain.expectRevert(platform.relayer, round.address(), platform.cancelData(round, investor,
                platform.consentNonce(round, investor.getAddress()), chain.now() + HOUR));
        assertThat(late.name()).isEqualTo("CancelPeriodOver");
        assertThat(late.uintArg(0)).isEqualTo(BigInteger.valueOf(round.deadline() - 48 * HOUR));
        // deposits stay open until the deadline
        platform.deposit(round, consent(round, investor, pkn(10), Platform.sha256("terms")));
        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(40));
    }

    @Test
    void aSucceededRoundReleasesToTheStartupExactlyOnce() throws Exception {
        String startup = chain.newWallet().getAddress();
        Platform.Round round = openRound(startup);
        Credentials a = investorWith(pkn(100));
        Credentials b = investorWith(pkn(100));
        platform.depositBatch(round, List.of(consent(round, a, pkn(60), Platform.sha256("a")),
                consent(round, b, pkn(50), Platform.sha256("b"))));
        String address = round.address();
        FundingRound r = round.contract();

        assertThat(chain.expectRevert(platform.stranger, address, r.finalizeRound().encodeFunctionCall()).name())
                .isEqualTo("RoundStillOpen");
        assertThat(chain.expectRevert(platform.stranger, address, r.release().encodeFunctionCall()).name())
                .isEqualTo("WrongStatus");
        chain.increaseTime(round.deadline() - chain.now());

        TransactionReceipt finalized = chain.send(platform.stranger, address, r.finalizeRound().encodeFunctionCall());
        assertThat(FundingRound.getFinalizedEvents(finalized).get(0).status).isEqualTo(SUCCEEDED);
        assertThat(FundingRound.getFinalizedEvents(finalized).get(0).totalRaised).isEqualTo(pkn(110));
        assertThat(r.status().send()).isEqualTo(SUCCEEDED);
        assertThat(chain.expectRevert(platform.stranger, address, r.finalizeRound().encodeFunctionCall()).name())
                .isEqualTo("AlreadyFinalized");
        Reverted claim = chain.expectRevert(a, address, r.claimRefund().encodeFunctionCall());
        assertThat(claim.name()).isEqualTo("WrongStatus");
        assertThat(claim.uintArg(0)).isEqualTo(FAILED);
        assertThat(claim.uintArg(1)).isEqualTo(SUCCEEDED);
        assertThat(chain.expectRevert(platform.stranger, address, r.refundBatch(BigInteger.TEN).encodeFunctionCall())
                .name()).isEqualTo("WrongStatus");

        TransactionReceipt released = chain.send(platform.stranger, address, r.release().encodeFunctionCall());
        assertThat(FundingRound.getReleasedEvents(released).get(0).amount).isEqualTo(pkn(110));
        assertThat(platform.balanceOf(startup)).isEqualTo(pkn(110));
        assertThat(platform.balanceOf(address)).isZero();
        assertThat(r.status().send()).isEqualTo(RELEASED);
        Reverted twice = chain.expectRevert(platform.stranger, address, r.release().encodeFunctionCall());
        assertThat(twice.name()).isEqualTo("WrongStatus");
        assertThat(twice.uintArg(1)).isEqualTo(RELEASED);
    }

    @Test
    void aFailedRoundRefundsEveryInvestorExactlyOnce() throws Exception {
        Platform.Round round = openRound(chain.newWallet().getAddress());
        FundingRound r = round.contract();
        List<Credentials> investors = new ArrayList<>();
        List<FundingRound.Deposit> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Credentials investor = investorWith(pkn(30));
            investors.add(investor);
            batch.add(consent(round, investor, pkn(15), Platform.sha256("terms")));
        }
        platform.depositBatch(round, batch);
        platform.cancel(round, investors.get(4), BigInteger.ONE, chain.now() + HOUR);
        chain.increaseTime(round.deadline() - chain.now());
        assertThat(chain.expectRevert(platform.stranger, round.address(), r.refundBatch(BigInteger.TEN)
                .encodeFunctionCall()).name()).isEqualTo("WrongStatus");
        chain.send(platform.stranger, round.address(), r.finalizeRound().encodeFunctionCall());
        assertThat(r.status().send()).isEqualTo(FAILED);

        Reverted release = chain.expectRevert(platform.stranger, round.address(), r.release().encodeFunctionCall());
        assertThat(release.name()).isEqualTo("WrongStatus");
        assertThat(release.uintArg(1)).isEqualTo(FAILED);

        // investor 1 takes their money back without the platform
        Credentials self = investors.get(1);
        chain.setEthBalance(self.getAddress(), Platform.PKN);
        TransactionReceipt claimed = chain.send(self, round.address(), r.claimRefund().encodeFunctionCall());
        assertThat(FundingRound.getRefundedEvents(claimed).get(0).amount).isEqualTo(pkn(15));
        assertThat(chain.expectRevert(self, round.address(), r.claimRefund().encodeFunctionCall()).name())
                .isEqualTo("NothingToRefund");

        List<String> refunded = new ArrayList<>();
        TransactionReceipt first = chain.send(platform.stranger, round.address(), r.refundBatch(BigInteger.TWO)
                .encodeFunctionCall());
        FundingRound.getRefundedEvents(first).forEach(e -> refunded.add(e.investor.toLowerCase()));
        assertThat(r.refundCursor().send()).isEqualTo(BigInteger.TWO);
        BigInteger unbounded = BigInteger.TWO.pow(256).subtract(BigInteger.ONE); // capped by the list, no overflow
        TransactionReceipt rest = chain.send(platform.relayer, round.address(), r.refundBatch(unbounded)
                .encodeFunctionCall());
        FundingRound.getRefundedEvents(rest).forEach(e -> refunded.add(e.investor.toLowerCase()));
        assertThat(r.refundCursor().send()).isEqualTo(BigInteger.valueOf(5));

        // refunded by the batches: 0, 2, 3 (1 claimed itself, 4 cancelled): nobody twice, nobody skipped
        assertThat(refunded).containsExactly(investors.get(0).getAddress().toLowerCase(),
                investors.get(2).getAddress().toLowerCase(), investors.get(3).getAddress().toLowerCase());
        for (Credentials investor : investors) {
            assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(30));
            assertThat(platform.position(round, investor.getAddress())).isZero();
        }
        assertThat(platform.balanceOf(round.address())).isZero();
        TransactionReceipt again = chain.send(platform.relayer, round.address(), r.refundBatch(BigInteger.TEN)
                .encodeFunctionCall());
        assertThat(FundingRound.getRefundedEvents(again)).isEmpty();
        Credentials refundedByBatch = investors.get(0);
        chain.setEthBalance(refundedByBatch.getAddress(), Platform.PKN);
        assertThat(chain.expectRevert(refundedByBatch, round.address(), r.claimRefund().encodeFunctionCall()).name())
                .isEqualTo("NothingToRefund");
    }

    @Test
    void aPauseStopsDepositsButNeverCancelsRefundsClaimsOrTheReleaseOfASettledRound() throws Exception {
        String startup = chain.newWallet().getAddress();
        Platform.Round succeeding = platform.createRound(startup, pkn(100), pkn(150), pkn(10), 49 * HOUR);
        Platform.Round failing = platform.createRound(chain.newWallet().getAddress(), pkn(1000), pkn(1500), pkn(10),
                49 * HOUR);
        assertThat(platform.token.isEscrow(succeeding.address()).send()).isTrue();
        Credentials backer = investorWith(pkn(200));
        platform.deposit(succeeding, consent(succeeding, backer, pkn(120), Platform.sha256("terms")));
        Credentials canceller = investorWith(pkn(50));
        Credentials claimer = investorWith(pkn(50));
        Credentials refunded = investorWith(pkn(50));
        for (Credentials each : List.of(canceller, claimer, refunded)) {
            platform.deposit(failing, consent(failing, each, pkn(20), Platform.sha256("terms")));
        }
        String tokenAddress = platform.token.getContractAddress();
        chain.send(platform.admin, tokenAddress, platform.token.pause().encodeFunctionCall());
        try {
            // inflows stop: a deposit, a batch item (skipped, the batch goes on), a plain transfer into the escrow
            assertThat(expectDepositRevert(succeeding, consent(succeeding, backer, pkn(20), Platform.sha256("terms")))
                    .name()).isEqualTo("EnforcedPause");
            TransactionReceipt batch = platform.depositBatch(succeeding,
                    List.of(consent(succeeding, backer, pkn(20), Platform.sha256("terms"))));
            assertThat(FundingRound.getDepositSkippedEvents(batch)).extracting(e -> Reverted.of(Platform.hex(e.reason),
                    "").name()).containsExactly("EnforcedPause");
            chain.setEthBalance(backer.getAddress(), Platform.PKN);
            assertThat(chain.expectRevert(backer, tokenAddress, platform.token.transfer(succeeding.address(), pkn(1))
                    .encodeFunctionCall()).name()).isEqualTo("EnforcedPause");

            // outflows of an escrow go on: a cancel before the cut-off…
            platform.cancel(failing, canceller, BigInteger.ONE, chain.now() + HOUR);
            assertThat(platform.balanceOf(canceller.getAddress())).isEqualTo(pkn(50));

            chain.increaseTime(succeeding.deadline() - chain.now());
            assertThat(platform.token.paused().send()).isTrue();
            // …the release of a round that succeeded…
            FundingRound won = succeeding.contract();
            chain.send(platform.stranger, succeeding.address(), won.finalizeRound().encodeFunctionCall());
            chain.send(platform.stranger, succeeding.address(), won.release().encodeFunctionCall());
            assertThat(platform.balanceOf(startup)).isEqualTo(pkn(120));
            // …and the refunds of one that failed, claimed or pushed
            FundingRound lost = failing.contract();
            chain.send(platform.stranger, failing.address(), lost.finalizeRound().encodeFunctionCall());
            assertThat(lost.status().send()).isEqualTo(FAILED);
            chain.setEthBalance(claimer.getAddress(), Platform.PKN);
            chain.send(claimer, failing.address(), lost.claimRefund().encodeFunctionCall());
            chain.send(platform.relayer, failing.address(), lost.refundBatch(BigInteger.TEN).encodeFunctionCall());
            assertThat(platform.token.paused().send()).isTrue();
        } finally {
            chain.send(platform.admin, tokenAddress, platform.token.unpause().encodeFunctionCall());
        }
        for (Credentials each : List.of(canceller, claimer, refunded)) {
            assertThat(platform.balanceOf(each.getAddress())).isEqualTo(pkn(50));
        }
        assertThat(platform.balanceOf(failing.address())).isZero();
        assertThat(platform.balanceOf(succeeding.address())).isZero();
    }

    /** web3j structs encode the values given to their constructor: a changed field needs a new struct. */
    private static FundingRound.Deposit copy(FundingRound.Deposit d, String investor, byte[] termsHash) {
        return new FundingRound.Deposit(investor, d.amount, termsHash, d.nonce, d.deadline, d.v, d.r, d.s);
    }

    private static Reverted expectDepositRevert(Platform.Round round, FundingRound.Deposit d) {
        return chain.expectRevert(platform.relayer, round.address(), round.contract().deposit(d).encodeFunctionCall());
    }
}
