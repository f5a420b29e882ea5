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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The edges of the round's rules, one by one: signatures replayed across rounds and chains, tampered or malleable,
 * a round id reused with other parameters, the bare implementation, the exact deadline and cut-off instants, a
 * 300-investor refund chunk around a pause, and stray tokens swept only after settlement to the fixed recipient.
 */
@ExtendWith(AnvilExtension.class)
class FundingRoundEdgeCaseTest {

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

    private static Credentials investorWith(BigInteger pkn) {
        Credentials investor = chain.newWallet();
        platform.mint(investor.getAddress(), pkn);
        return investor;
    }

    private static Platform.Round openRound() {
        return platform.createRound(chain.newWallet().getAddress(), pkn(100), pkn(150), pkn(10), 10 * DAY);
    }

    private static FundingRound.Deposit consent(Platform.Round round, Credentials investor, BigInteger amount) {
        return platform.signedDeposit(investor, round.address(), amount, Platform.sha256("terms"),
                platform.consentNonce(round, investor.getAddress()), chain.now() + HOUR);
    }

    private static String depositData(Platform.Round round, FundingRound.Deposit d) {
        return round.contract().deposit(d).encodeFunctionCall();
    }

    private static Reverted expectDepositRevert(Platform.Round round, FundingRound.Deposit d) {
        return chain.expectRevert(platform.relayer, round.address(), depositData(round, d));
    }

    /** The deposit with its consent signature replaced. */
    private static FundingRound.Deposit withConsent(FundingRound.Deposit d, Sign.SignatureData consent) {
        return new FundingRound.Deposit(d.investor, d.amount, d.termsHash, d.nonce, d.deadline,
                Signatures.v(consent), consent.getR(), consent.getS());
    }

    private static Sign.SignatureData consentSignature(FundingRound.Deposit d) {
        return new Sign.SignatureData(d.v.byteValueExact(), d.r, d.s);
    }

    @Test
    void aConsentForAnotherRoundOrAnotherChainIsRefusedAndChangesNothing() throws Exception {
        Platform.Round a = openRound();
        Platform.Round b = openRound();
        Credentials investor = investorWith(pkn(100));
        BigInteger amount = pkn(20);
        BigInteger deadline = BigInteger.valueOf(chain.now() + HOUR);
        byte[] terms = Platform.sha256("terms");

        // signed for round A, carried to round B
        FundingRound.Deposit forB = consent(b, investor, amount);
        Sign.SignatureData forA = Signatures.investment(investor, chain.chainId(), a.address(), amount, terms,
                BigInteger.ZERO, deadline);
        Reverted replayed = expectDepositRevert(b, withConsent(forB, forA));
        assertThat(replayed.name()).isEqualTo("InvalidSigner");
        assertThat(replayed.addressArg(1)).isEqualToIgnoringCase(investor.getAddress());

        // signed for round B on another chain (BSC's id), carried here
        Sign.SignatureData otherChain = Signatures.investment(investor, 56, b.address(), amount, terms,
                BigInteger.ZERO, deadline);
        assertThat(expectDepositRevert(b, withConsent(forB, otherChain)).name()).isEqualTo("InvalidSigner");

        // the genuine deposit into A, then its exact transaction replayed into B
        FundingRound.Deposit intoA = consent(a, investor, amount);
        platform.deposit(a, intoA);
        assertThat(expectDepositRevert(b, intoA).name()).isEqualTo("InvalidSigner");

        // a cancel signed for A, carried to B where the investor holds nothing: refused by its signature first
        platform.deposit(b, consent(b, investor, amount));
        BigInteger nonce = BigInteger.ONE;
        Sign.SignatureData cancelForA = Signatures.cancel(investor, chain.chainId(), a.address(), nonce, deadline);
        assertThat(chain.expectRevert(platform.stranger, b.address(), b.contract().cancel(investor.getAddress(), nonce,
                deadline, Signatures.v(cancelForA), cancelForA.getR(), cancelForA.getS()).encodeFunctionCall()).name())
                .isEqualTo("InvalidSigner");
        Sign.SignatureData cancelOtherChain = Signatures.cancel(investor, 56, b.address(), nonce, deadline);
        assertThat(chain.expectRevert(platform.stranger, b.address(), b.contract().cancel(investor.getAddress(), nonce,
                deadline, Signatures.v(cancelOtherChain), cancelOtherChain.getR(), cancelOtherChain.getS())
                .encodeFunctionCall()).name()).isEqualTo("InvalidSigner");

        assertThat(platform.position(a, investor.getAddress())).isEqualTo(amount);
        assertThat(platform.position(b, investor.getAddress())).isEqualTo(amount);
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(60));
        assertThat(platform.balanceOf(a.address())).isEqualTo(amount);
        assertThat(platform.balanceOf(b.address())).isEqualTo(amount);
    }

    @Test
    void aTamperedAmountIsRefusedByTheConsentItBreaks() throws Exception {
        Platform.Round round = openRound();
        Credentials investor = investorWith(pkn(100));
        long deadline = chain.now() + HOUR;
        byte[] terms = Platform.sha256("terms");

        // consent for 20, carried as 30: the consent does not match
        FundingRound.Deposit thirty = platform.signedDeposit(investor, round.address(), pkn(30), terms,
                BigInteger.ZERO, deadline);
        Sign.SignatureData consentFor20 = Signatures.investment(investor, chain.chainId(), round.address(), pkn(20),
                terms, BigInteger.ZERO, BigInteger.valueOf(deadline));
        Reverted consentBroken = expectDepositRevert(round, withConsent(thirty, consentFor20));
        assertThat(consentBroken.name()).isEqualTo("InvalidSigner");
        assertThat(consentBroken.addressArg(0)).isNotEqualToIgnoringCase(investor.getAddress());

        // in a batch, the same tampered item is skipped with that error and its honest neighbour goes through
        Credentials neighbour = investorWith(pkn(100));
        TransactionReceipt batch = platform.depositBatch(round, List.of(withConsent(thirty, consentFor20),
                consent(round, neighbour, pkn(25))));
        assertThat(FundingRound.getDepositSkippedEvents(batch)).extracting(e -> Reverted.of(Platform.hex(e.reason), "")
                .name()).containsExactly("InvalidSigner");
        assertThat(FundingRound.getDepositedEvents(batch)).extracting(e -> e.amount).containsExactly(pkn(25));

        assertThat(platform.position(round, investor.getAddress())).isZero();
        assertThat(platform.consentNonce(round, investor.getAddress())).isZero();
        assertThat(platform.token.nonces(investor.getAddress()).send()).isZero();
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(100));
        // the untampered consent still goes through, once
        platform.deposit(round, thirty);
        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(30));
    }

    @Test
    void highSSignaturesAreRefusedAndTheirLowSFormsStillWork() throws Exception {
        Platform.Round round = openRound();
        Credentials investor = investorWith(pkn(100));
        FundingRound.Deposit d = consent(round, investor, pkn(40));

        Reverted consentHighS = expectDepositRevert(round, withConsent(d, Signatures.highS(consentSignature(d))));
        assertThat(consentHighS.name()).isEqualTo("InvalidSigner");
        assertThat(consentHighS.addressArg(0)).as("no signer recovered").isEqualTo("0x" + "0".repeat(40));

        platform.deposit(round, d);
        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(40));

        BigInteger nonce = platform.consentNonce(round, investor.getAddress());
        BigInteger deadline = BigInteger.valueOf(chain.now() + HOUR);
        Sign.SignatureData cancel = Signatures.cancel(investor, chain.chainId(), round.address(), nonce, deadline);
        Sign.SignatureData cancelHighS = Signatures.highS(cancel);
        Reverted refused = chain.expectRevert(platform.stranger, round.address(), round.contract().cancel(
                investor.getAddress(), nonce, deadline, Signatures.v(cancelHighS), cancelHighS.getR(),
                cancelHighS.getS()).encodeFunctionCall());
        assertThat(refused.name()).isEqualTo("InvalidSigner");
        assertThat(platform.position(round, investor.getAddress())).isEqualTo(pkn(40));
        chain.send(platform.stranger, round.address(), round.contract().cancel(investor.getAddress(), nonce, deadline,
                Signatures.v(cancel), cancel.getR(), cancel.getS()).encodeFunctionCall());
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(100));
    }

    @Test
    void aRoundIdIsCreatedOnceEvenWithOtherParameters() throws Exception {
        FundingRoundFactory factory = platform.factory;
        String startup = chain.newWallet().getAddress();
        byte[] roundId = platform.newId("round");
        BigInteger deadline = BigInteger.valueOf(chain.now() + 10 * DAY);
        TransactionReceipt created = chain.send(platform.roundCreator, factory.getContractAddress(),
                factory.createRound(roundId, startup, pkn(100), pkn(150), pkn(10), deadline).encodeFunctionCall());
        String first = FundingRoundFactory.getRoundCreatedEvents(created).get(0).round;

        // the same id with another startup wallet, goal, cap, minimum or deadline: each would be a new CREATE2
        // address (the parameters are part of the clone's code), so only the factory's record refuses them
        String otherWallet = chain.newWallet().getAddress();
        List<String> others = List.of(
                factory.createRound(roundId, otherWallet, pkn(100), pkn(150), pkn(10), deadline).encodeFunctionCall(),
                factory.createRound(roundId, startup, pkn(120), pkn(150), pkn(10), deadline).encodeFunctionCall(),
                factory.createRound(roundId, startup, pkn(100), pkn(200), pkn(10), deadline).encodeFunctionCall(),
                factory.createRound(roundId, startup, pkn(100), pkn(150), pkn(1), deadline).encodeFunctionCall(),
                factory.createRound(roundId, startup, pkn(100), pkn(150), pkn(10), deadline.add(BigInteger.ONE))
                        .encodeFunctionCall());
        for (String data : others) {
            Reverted taken = chain.expectRevert(platform.roundCreator, factory.getContractAddress(), data);
            assertThat(taken.name()).isEqualTo("RoundIdTaken");
            assertThat(taken.addressArg(1)).isEqualToIgnoringCase(first);
        }
        String elsewhere = factory.predictRound(roundId, otherWallet, pkn(100), pkn(150), pkn(10), deadline).send();
        assertThat(elsewhere).isNotEqualToIgnoringCase(first);
        assertThat(chain.web3j().ethGetCode(elsewhere, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                .send().getCode()).isIn("0x", "0x0");
        assertThat(factory.roundOf(roundId).send()).isEqualToIgnoringCase(first);
        assertThat(FundingRound.load(first, chain.web3j(), chain.txManager(platform.relayer), chain.gas()).config()
                .send().startupWallet).isEqualToIgnoringCase(startup);
    }

    @Test
    void theImplementationItselfCannotBeUsedAsARound() throws Exception {
        FundingRound implementation = platform.implementation;
        String address = implementation.getContractAddress();
        Credentials investor = investorWith(pkn(100));
        FundingRound.Deposit d = platform.signedDeposit(investor, address, pkn(20), Platform.sha256("terms"),
                BigInteger.ZERO, chain.now() + HOUR);
        BigInteger deadline = BigInteger.valueOf(chain.now() + HOUR);
        Sign.SignatureData cancel = Signatures.cancel(investor, chain.chainId(), address, BigInteger.ZERO, deadline);

        // it has no configuration (no clone arguments): whatever needs one reverts; the rest finds it in Funding
        List<String> needConfig = List.of(
                implementation.deposit(d).encodeFunctionCall(),
                implementation.depositBatch(List.of(d)).encodeFunctionCall(),
                implementation.cancel(investor.getAddress(), BigInteger.ZERO, deadline, Signatures.v(cancel),
                        cancel.getR(), cancel.getS()).encodeFunctionCall(),
                implementation.finalizeRound().encodeFunctionCall(),
                implementation.config().encodeFunctionCall());
        for (String data : needConfig) {
            assertThat(chain.tryCall(platform.relayer.getAddress(), address, data)).as(data.substring(0, 10))
                    .isNotNull();
        }
        chain.increaseTime(11 * DAY);
        assertThat(chain.tryCall(platform.stranger.getAddress(), address, implementation.finalizeRound()
                .encodeFunctionCall())).as("finalize, even long after any deadline").isNotNull();
        assertThat(chain.expectRevert(platform.stranger, address, implementation.release().encodeFunctionCall()).name())
                .isEqualTo("WrongStatus");
        assertThat(chain.expectRevert(platform.stranger, address, implementation.refundBatch(BigInteger.TEN)
                .encodeFunctionCall()).name()).isEqualTo("WrongStatus");
        assertThat(chain.expectRevert(platform.stranger, address, implementation.claimRefund().encodeFunctionCall())
                .name()).isEqualTo("WrongStatus");
        assertThat(chain.expectRevert(platform.stranger, address, implementation.sweep().encodeFunctionCall()).name())
                .isEqualTo("NotSettled");

        assertThat(implementation.status().send()).isEqualTo(FUNDING);
        assertThat(implementation.investorCount().send()).isZero();
        assertThat(platform.token.isEscrow(address).send()).as("not an escrow: a pause holds its transfers").isFalse();
        assertThat(platform.token.nonces(investor.getAddress()).send()).isZero();
        assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(100));
    }

    @Test
    void depositsCancelsAndFinalisationTurnAtTheExactInstants() throws Exception {
        Platform.Round round = openRound();
        FundingRound r = round.contract();
        long cutoff = round.deadline() - 48 * HOUR;
        assertThat(r.cancelCutoff().send()).isEqualTo(BigInteger.valueOf(cutoff));
        Credentials early = investorWith(pkn(100));
        Credentials late = investorWith(pkn(100));
        Credentials last = investorWith(pkn(100));
        platform.depositBatch(round, List.of(consent(round, early, pkn(30)), consent(round, late, pkn(30))));

        // cancel: the second before the cut-off still, at the cut-off no more
        String cancelEarly = platform.cancelData(round, early, BigInteger.ONE, cutoff + HOUR);
        String cancelLate = platform.cancelData(round, late, BigInteger.ONE, cutoff + HOUR);
        assertThat(chain.tryCallAt(platform.stranger.getAddress(), round.address(), cancelEarly, cutoff - 1)).isNull();
        assertThat(chain.tryCallAt(platform.stranger.getAddress(), round.address(), cancelEarly, cutoff).name())
                .isEqualTo("CancelPeriodOver");
        assertThat(chain.sendAt(platform.stranger, round.address(), cancelEarly, cutoff - 1).isStatusOK()).isTrue();
        assertThat(chain.sendAt(platform.stranger, round.address(), cancelLate, cutoff).isStatusOK()).isFalse();
        assertThat(platform.balanceOf(early.getAddress())).isEqualTo(pkn(100));
        assertThat(platform.position(round, late.getAddress())).isEqualTo(pkn(30));

        // a signature is good up to and including its deadline second
        long deadlineOfSignature = cutoff + 10;
        FundingRound.Deposit expiring = platform.signedDeposit(late, round.address(), pkn(10),
                Platform.sha256("terms"), BigInteger.ONE, deadlineOfSignature);
        assertThat(chain.tryCallAt(platform.relayer.getAddress(), round.address(), depositData(round, expiring),
                deadlineOfSignature + 1).name()).isEqualTo("SignatureExpired");
        assertThat(chain.sendAt(platform.relayer, round.address(), depositData(round, expiring), deadlineOfSignature)
                .isStatusOK()).isTrue();

        // deposit: the second before the deadline still, at the deadline no more
        long deadline = round.deadline();
        FundingRound.Deposit lastSecond = platform.signedDeposit(last, round.address(), pkn(30),
                Platform.sha256("terms"), BigInteger.ZERO, deadline + HOUR);
        FundingRound.Deposit tooLate = platform.signedDeposit(late, round.address(), pkn(30),
                Platform.sha256("terms"), BigInteger.TWO, deadline + HOUR);
        assertThat(chain.tryCallAt(platform.relayer.getAddress(), round.address(), depositData(round, lastSecond),
                deadline).name()).isEqualTo("RoundClosed");
        // finalize: not before the deadline, from the deadline's second on
        assertThat(chain.tryCallAt(platform.stranger.getAddress(), round.address(), r.finalizeRound()
                .encodeFunctionCall(), deadline - 1).name()).isEqualTo("RoundStillOpen");
        assertThat(chain.sendAt(platform.relayer, round.address(), depositData(round, lastSecond), deadline - 1)
                .isStatusOK()).isTrue();
        assertThat(chain.sendAt(platform.relayer, round.address(), depositData(round, tooLate), deadline)
                .isStatusOK()).isFalse();
        assertThat(chain.sendAt(platform.stranger, round.address(), r.finalizeRound().encodeFunctionCall(),
                deadline + 1).isStatusOK()).isTrue();
        assertThat(r.status().send()).isEqualTo(FAILED);
        assertThat(r.totalRaised().send()).isEqualTo(pkn(70));
        assertThat(platform.balanceOf(round.address())).isEqualTo(pkn(70));

        // and a round finalised in the deadline's very second
        Platform.Round onTime = openRound();
        assertThat(chain.sendAt(platform.stranger, onTime.address(), onTime.contract().finalizeRound()
                .encodeFunctionCall(), onTime.deadline()).isStatusOK()).isTrue();
        assertThat(onTime.contract().status().send()).isEqualTo(FAILED);
    }

    /**
     * The largest chunk the platform sends (RoundCalls.MAX_REFUND_CHUNK = 300), with a pause before it and an
     * unpause after: two investors claimed first, the chunk refunds the other 298 while the token is paused, nobody
     * is paid twice, and the stray PKN sent after the unpause go to the fixed recipient, and only then.
     */
    @Test
    void aRefundChunkOf300PassesAPauseAndPaysEachInvestorExactlyOnce() throws Exception {
        int investors = 300;
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(1_000_000), pkn(1_000_000),
                pkn(10), 10 * DAY);
        List<Credentials> all = new ArrayList<>();
        List<FundingRound.Deposit> batch = new ArrayList<>();
        for (int i = 0; i < investors; i++) {
            Credentials investor = investorWith(pkn(100));
            all.add(investor);
            batch.add(consent(round, investor, pkn(10 + i % 90)));
            if (batch.size() == 50) {
                assertThat(FundingRound.getDepositedEvents(platform.depositBatch(round, batch))).hasSize(50);
                batch.clear();
            }
        }
        BigInteger raised = round.contract().totalRaised().send();
        assertThat(platform.balanceOf(round.address())).isEqualTo(raised);
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), round.contract().finalizeRound().encodeFunctionCall());
        assertThat(round.contract().status().send()).isEqualTo(FAILED);

        for (Credentials claimer : List.of(all.get(7), all.get(299))) {
            chain.setEthBalance(claimer.getAddress(), Platform.PKN);
            chain.send(claimer, round.address(), round.contract().claimRefund().encodeFunctionCall());
        }
        String token = platform.token.getContractAddress();
        chain.send(platform.admin, token, platform.token.pause().encodeFunctionCall());
        TransactionReceipt chunk;
        try {
            chunk = chain.send(platform.relayer, round.address(),
                    round.contract().refundBatch(BigInteger.valueOf(investors)).encodeFunctionCall());
            assertThat(platform.token.paused().send()).isTrue();
            assertThat(chain.expectRevert(platform.stranger, round.address(), round.contract().sweep()
                    .encodeFunctionCall()).name()).as("nothing stray yet").isEqualTo("NothingToSweep");
        } finally {
            chain.send(platform.admin, token, platform.token.unpause().encodeFunctionCall());
        }
        assertThat(FundingRound.getRefundedEvents(chunk)).hasSize(investors - 2)
                .extracting(e -> e.investor.toLowerCase()).doesNotHaveDuplicates()
                .doesNotContain(all.get(7).getAddress().toLowerCase(), all.get(299).getAddress().toLowerCase());
        assertThat(round.contract().refundCursor().send()).isEqualTo(BigInteger.valueOf(investors));
        for (Credentials investor : all) {
            assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(100));
            assertThat(platform.position(round, investor.getAddress())).isZero();
        }
        assertThat(platform.balanceOf(round.address())).isZero();
        // walking past the end again pays nobody
        TransactionReceipt again = chain.send(platform.relayer, round.address(),
                round.contract().refundBatch(BigInteger.valueOf(investors)).encodeFunctionCall());
        assertThat(FundingRound.getRefundedEvents(again)).isEmpty();

        // stray PKN after the unpause: swept to the factory's fixed recipient, not to the sender or the caller
        Credentials sender = all.get(0);
        chain.setEthBalance(sender.getAddress(), Platform.PKN);
        chain.send(sender, token, platform.token.transfer(round.address(), pkn(3)).encodeFunctionCall());
        BigInteger treasuryBefore = platform.balanceOf(platform.treasury.getAddress());
        TransactionReceipt swept = chain.send(platform.stranger, round.address(),
                round.contract().sweep().encodeFunctionCall());
        assertThat(FundingRound.getSweptEvents(swept).get(0).amount).isEqualTo(pkn(3));
        assertThat(platform.balanceOf(platform.treasury.getAddress())).isEqualTo(treasuryBefore.add(pkn(3)));
        assertThat(platform.balanceOf(round.address())).isZero();
    }

    @Test
    void strayTokensAreSweptOnlyAfterSettlementAndOnlyToTheFixedRecipient() throws Exception {
        String startup = chain.newWallet().getAddress();
        Platform.Round round = platform.createRound(startup, pkn(100), pkn(150), pkn(10), 10 * DAY);
        FundingRound r = round.contract();
        String treasury = platform.treasury.getAddress();
        assertThat(r.strayTokenRecipient().send()).isEqualToIgnoringCase(treasury);
        assertThat(platform.factory.strayTokenRecipient().send()).isEqualToIgnoringCase(treasury);
        Credentials investor = investorWith(pkn(200));
        platform.deposit(round, consent(round, investor, pkn(120)));
        Credentials stranger = investorWith(pkn(50));
        chain.setEthBalance(stranger.getAddress(), Platform.PKN);
        String token = platform.token.getContractAddress();
        chain.send(stranger, token, platform.token.transfer(round.address(), pkn(7)).encodeFunctionCall());
        String sweep = r.sweep().encodeFunctionCall();

        Reverted funding = chain.expectRevert(platform.stranger, round.address(), sweep);
        assertThat(funding.name()).isEqualTo("NotSettled");
        assertThat(funding.uintArg(0)).isEqualTo(FUNDING);
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), r.finalizeRound().encodeFunctionCall());
        Reverted succeeded = chain.expectRevert(platform.stranger, round.address(), sweep);
        assertThat(succeeded.name()).isEqualTo("NotSettled");
        assertThat(succeeded.uintArg(0)).isEqualTo(SUCCEEDED);

        // the release pays the startup what was raised, not the stray tokens
        chain.send(platform.stranger, round.address(), r.release().encodeFunctionCall());
        assertThat(r.status().send()).isEqualTo(RELEASED);
        assertThat(platform.balanceOf(startup)).isEqualTo(pkn(120));
        assertThat(platform.balanceOf(round.address())).isEqualTo(pkn(7));

        BigInteger treasuryBefore = platform.balanceOf(treasury);
        TransactionReceipt swept = chain.send(platform.stranger, round.address(), sweep);
        var event = FundingRound.getSweptEvents(swept).get(0);
        assertThat(event.recipient).isEqualToIgnoringCase(treasury);
        assertThat(event.amount).isEqualTo(pkn(7));
        assertThat(platform.balanceOf(treasury)).isEqualTo(treasuryBefore.add(pkn(7)));
        assertThat(platform.balanceOf(round.address())).isZero();
        assertThat(platform.balanceOf(platform.stranger.getAddress())).isZero();
        assertThat(chain.expectRevert(platform.stranger, round.address(), sweep).name()).isEqualTo("NothingToSweep");

        // a failed round: not before every investor is refunded (the cursor at the end)
        Platform.Round failing = platform.createRound(chain.newWallet().getAddress(), pkn(1000), pkn(1500), pkn(10),
                10 * DAY);
        Credentials a = investorWith(pkn(100));
        Credentials b = investorWith(pkn(100));
        platform.depositBatch(failing, List.of(consent(failing, a, pkn(40)), consent(failing, b, pkn(50))));
        chain.send(stranger, token, platform.token.transfer(failing.address(), pkn(4)).encodeFunctionCall());
        chain.increaseTime(failing.deadline() - chain.now());
        FundingRound f = failing.contract();
        chain.send(platform.stranger, failing.address(), f.finalizeRound().encodeFunctionCall());
        chain.setEthBalance(a.getAddress(), Platform.PKN);
        chain.setEthBalance(b.getAddress(), Platform.PKN);
        chain.send(a, failing.address(), f.claimRefund().encodeFunctionCall());
        chain.send(b, failing.address(), f.claimRefund().encodeFunctionCall());
        // every position is back, but the cursor has not walked past them: not settled yet
        Reverted walking = chain.expectRevert(platform.stranger, failing.address(), f.sweep().encodeFunctionCall());
        assertThat(walking.name()).isEqualTo("NotSettled");
        assertThat(walking.uintArg(0)).isEqualTo(FAILED);
        chain.send(platform.stranger, failing.address(), f.refundBatch(BigInteger.TEN).encodeFunctionCall());
        BigInteger before = platform.balanceOf(treasury);
        chain.send(platform.stranger, failing.address(), f.sweep().encodeFunctionCall());
        assertThat(platform.balanceOf(treasury)).isEqualTo(before.add(pkn(4)));
        assertThat(platform.balanceOf(a.getAddress())).isEqualTo(pkn(100));
        assertThat(platform.balanceOf(b.getAddress())).isEqualTo(pkn(100));
        assertThat(platform.balanceOf(failing.address())).isZero();
    }

    @Test
    void theFactoryRefusesAZeroStrayTokenRecipient() {
        String constructor = FunctionEncoder.encodeConstructor(List.of(new Address(platform.admin.getAddress()),
                new Address(platform.relayer.getAddress()), new Address(platform.roundCreator.getAddress()),
                new Address(platform.token.getContractAddress()),
                new Address(platform.implementation.getContractAddress()), new Uint48(Platform.ADMIN_DELAY),
                new Address("0x0000000000000000000000000000000000000000")));
        Reverted refused = chain.tryCall(platform.admin.getAddress(), null, FundingRoundFactory.BINARY + constructor);
        assertThat(refused).isNotNull();
        assertThat(refused.name()).isEqualTo("InvalidStrayTokenRecipient");
        assertThat(call(() -> platform.factory.strayTokenRecipient().send()))
                .isEqualToIgnoringCase(platform.treasury.getAddress());
    }
}
