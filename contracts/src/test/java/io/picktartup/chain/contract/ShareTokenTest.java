package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.HOUR;
import static io.picktartup.chain.contract.Platform.pkn;
import static io.picktartup.chain.contract.Shares.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The share token of a released round: issue from the escrow (total supply = confirmed shares), the transfer rules
 * (eligibility, freeze, lock-up and its boundaries), signed transfers carried by the relayer, recovery with two
 * agents, and the factory's and registry's guards.
 */
@ExtendWith(AnvilExtension.class)
class ShareTokenTest {

    private static Chain chain;
    private static Platform platform;
    private static Shares shares;

    @BeforeAll
    static void deploy(Chain c) {
        chain = c;
        platform = new Platform(c);
        shares = new Shares(platform);
    }

    private static Credentials investor() {
        Credentials investor = chain.newWallet();
        chain.setEthBalance(investor.getAddress(), pkn(1));
        return investor;
    }

    /** A released round of the given investors' whole-share amounts, its share token created and fully issued. */
    private static Shares.Created issued(List<Credentials> investors, long... wholeShares) {
        List<BigInteger> amounts = new ArrayList<>();
        for (long n : wholeShares) {
            amounts.add(PRICE.multiply(BigInteger.valueOf(n)));
        }
        Shares.Created created = shares.create(shares.releasedRound(investors, amounts));
        shares.issueNext(created, 1000);
        return created;
    }

    private static void verify(Credentials wallet, BigInteger identity) {
        shares.setLevel(wallet.getAddress(), identity, 1);
    }

    private static void afterLockup(Shares.Created created) {
        long now = chain.now();
        if (now < created.lockupEnd()) {
            chain.increaseTime(created.lockupEnd() - now);
        }
    }

    @Test
    void issueGivesEachInvestorTheirSharesOnceAndTheSupplyIsTheConfirmedShares() throws Exception {
        Credentials a = investor();
        Credentials b = investor();
        Credentials c = investor();
        Platform.Round round = shares.releasedRound(List.of(a, b, c),
                List.of(PRICE.multiply(BigInteger.valueOf(3)), PRICE.multiply(BigInteger.valueOf(5)), PRICE));
        Shares.Created created = shares.create(round);
        assertThat(chain.blockTime(created.receipt()) + Shares.LOCKUP).isEqualTo(created.lockupEnd());
        assertThat(created.token().lockupEnd().send().longValueExact()).isEqualTo(created.lockupEnd());
        assertThat(created.token().decimals().send()).isEqualTo(BigInteger.ZERO);
        assertThat(shares.factory.shareTokenOf(round.address()).send()).isEqualTo(created.address());

        TransactionReceipt first = shares.issueNext(created, 2);
        assertThat(ShareToken.getTransferEvents(first)).extracting(e -> e.to, e -> e.value.longValueExact())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.getAddress(), 3L),
                        org.assertj.core.groups.Tuple.tuple(b.getAddress(), 5L));
        assertThat(shares.totalSupply(created)).isEqualTo(BigInteger.valueOf(8));
        shares.issueNext(created, 2);
        shares.issueNext(created, 2); // nothing left: walks past nobody, issues nothing
        assertThat(created.token().issueCursor().send()).isEqualTo(BigInteger.valueOf(3));
        assertThat(shares.balanceOf(created, a.getAddress())).isEqualTo(BigInteger.valueOf(3));
        assertThat(shares.balanceOf(created, b.getAddress())).isEqualTo(BigInteger.valueOf(5));
        assertThat(shares.balanceOf(created, c.getAddress())).isEqualTo(BigInteger.ONE);
        assertThat(shares.totalSupply(created))
                .isEqualTo(round.contract().totalRaised().send().divide(PRICE))
                .isEqualTo(BigInteger.valueOf(9));
    }

    @Test
    void theFactoryCreatesOneShareTokenPerReleasedRoundOfItsOwnAtAPriceThatDividesTheRaise() throws Exception {
        Credentials a = investor();
        Platform.Round open = platform.createRound(chain.newWallet().getAddress(), PRICE, pkn(1000), PRICE,
                3 * Platform.DAY);
        String factory = shares.factory.getContractAddress();
        assertThat(chain.expectRevert(shares.issuer, factory,
                shares.factory.createShareToken(open.address(), PRICE).encodeFunctionCall()).name())
                .isEqualTo("RoundNotReleased");

        Platform.Round round = shares.releasedRound(List.of(a), List.of(PRICE.multiply(BigInteger.valueOf(4))));
        assertThat(chain.expectRevert(platform.stranger, factory,
                shares.factory.createShareToken(round.address(), PRICE).encodeFunctionCall()).name())
                .isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.expectRevert(shares.issuer, factory,
                shares.factory.createShareToken(round.address(), pkn(3)).encodeFunctionCall()).name())
                .isEqualTo("InvalidPrice");
        assertThat(chain.expectRevert(shares.issuer, factory,
                shares.factory.createShareToken(round.address(), BigInteger.ZERO).encodeFunctionCall()).name())
                .isEqualTo("InvalidPrice");
        // a look-alike round that the funding-round factory did not create
        var config = round.contract().config().send();
        StandaloneFundingRound fake = StandaloneFundingRound.deploy(chain.web3j(), chain.txManager(platform.admin),
                chain.gas(), new StandaloneFundingRound.Config(config.roundId, config.token, config.roleSource,
                        config.startupWallet, config.goal, config.hardCap, config.minInvestment, config.deadline),
                platform.admin.getAddress())
                .send();
        assertThat(chain.expectRevert(shares.issuer, factory,
                shares.factory.createShareToken(fake.getContractAddress(), PRICE).encodeFunctionCall()).name())
                .isEqualTo("UnknownRound");

        Shares.Created created = shares.create(round);
        Reverted twice = chain.expectRevert(shares.issuer, factory,
                shares.factory.createShareToken(round.address(), PRICE).encodeFunctionCall());
        assertThat(twice.name()).isEqualTo("ShareTokenExists");
        assertThat(twice.addressArg(1)).isEqualToIgnoringCase(created.address());
    }

    @Test
    void transfersGoOnlyAfterTheLockupBetweenEligibleUnfrozenWallets() throws Exception {
        Credentials a = investor();
        Credentials b = investor();
        Shares.Created created = issued(List.of(a), 10);
        String token = created.address();
        verify(a, shares.newIdentity());
        verify(b, shares.newIdentity());

        Reverted locked = chain.expectRevert(a, token, shares.transferData(created, b.getAddress(), 1));
        assertThat(locked.name()).isEqualTo("LockedUp");
        assertThat(locked.uintArg(0).longValueExact()).isEqualTo(created.lockupEnd());

        // the boundary: one second before the end refused, at the end accepted
        chain.setNextBlockTimestamp(created.lockupEnd() - 1);
        TransactionReceipt early = chain.sendUnchecked(a, token, shares.transferData(created, b.getAddress(), 1));
        assertThat(early.isStatusOK()).isFalse();
        chain.setNextBlockTimestamp(created.lockupEnd());
        TransactionReceipt onTime = chain.sendUnchecked(a, token, shares.transferData(created, b.getAddress(), 1));
        assertThat(onTime.isStatusOK()).isTrue();
        assertThat(chain.blockTime(onTime)).isEqualTo(created.lockupEnd());
        assertThat(shares.balanceOf(created, b.getAddress())).isEqualTo(BigInteger.ONE);

        Credentials unverified = investor();
        Reverted toUnverified = chain.expectRevert(a, token, shares.transferData(created, unverified.getAddress(), 1));
        assertThat(toUnverified.name()).isEqualTo("NotEligible");
        assertThat(toUnverified.addressArg(0)).isEqualToIgnoringCase(unverified.getAddress());
        shares.setLevel(b.getAddress(), shares.newIdentity(), 0); // eligibility withdrawn
        Reverted fromWithdrawn = chain.expectRevert(b, token, shares.transferData(created, a.getAddress(), 1));
        assertThat(fromWithdrawn.name()).isEqualTo("NotEligible");
        assertThat(fromWithdrawn.addressArg(0)).isEqualToIgnoringCase(b.getAddress());
        verify(b, shares.newIdentity());

        Reverted tooMany = chain.expectRevert(a, token, shares.transferData(created, b.getAddress(), 10));
        assertThat(tooMany.name()).isEqualTo("InsufficientShares");
        assertThat(tooMany.uintArg(1)).isEqualTo(BigInteger.valueOf(9));
        assertThat(chain.expectRevert(a, token, shares.transferData(created, b.getAddress(), 0)).name())
                .isEqualTo("ZeroShares");

        // freezing: by an agent only; a frozen wallet neither sends nor receives
        assertThat(chain.expectRevert(platform.stranger, token,
                created.token().setFrozen(b.getAddress(), true).encodeFunctionCall()).name()).isEqualTo("NotAgent");
        chain.send(shares.agent, token, created.token().setFrozen(b.getAddress(), true).encodeFunctionCall());
        assertThat(created.token().isFrozen(b.getAddress()).send()).isTrue();
        assertThat(chain.expectRevert(a, token, shares.transferData(created, b.getAddress(), 1)).name())
                .isEqualTo("WalletFrozen");
        assertThat(chain.expectRevert(b, token, shares.transferData(created, a.getAddress(), 1)).name())
                .isEqualTo("WalletFrozen");
        chain.send(shares.secondAgent, token, created.token().setFrozen(b.getAddress(), false).encodeFunctionCall());
        chain.send(b, token, shares.transferData(created, a.getAddress(), 1));
        assertThat(shares.balanceOf(created, a.getAddress())).isEqualTo(BigInteger.TEN);
        assertThat(shares.totalSupply(created)).isEqualTo(BigInteger.TEN);
    }

    @Test
    void aSignedTransferIsCarriedByTheRelayerOnceAndOnlyAsSigned() throws Exception {
        Credentials a = chain.newWallet(); // no ETH at all
        Credentials b = chain.newWallet();
        Shares.Created created = issued(List.of(a), 5);
        verify(a, shares.newIdentity());
        verify(b, shares.newIdentity());
        String token = created.address();
        long deadline = chain.now() + Shares.LOCKUP + 10 * Platform.DAY;

        assertThat(chain.expectRevert(platform.relayer, token, shares.transferBySigData(created, a, b.getAddress(),
                BigInteger.TWO, BigInteger.ZERO, deadline)).name()).isEqualTo("LockedUp");
        afterLockup(created);
        String signed = shares.transferBySigData(created, a, b.getAddress(), BigInteger.TWO, BigInteger.ZERO, deadline);
        // someone else's signature, a changed amount: refused
        var other = Signatures.shareTransfer(b, chain.chainId(), token, b.getAddress(), BigInteger.TWO,
                BigInteger.ZERO, BigInteger.valueOf(deadline));
        Reverted wrongSigner = chain.expectRevert(platform.relayer, token, created.token().transferBySig(
                a.getAddress(), b.getAddress(), BigInteger.TWO, BigInteger.ZERO, BigInteger.valueOf(deadline),
                Signatures.v(other), other.getR(), other.getS()).encodeFunctionCall());
        assertThat(wrongSigner.name()).isEqualTo("InvalidSigner");
        var sig = Signatures.shareTransfer(a, chain.chainId(), token, b.getAddress(), BigInteger.TWO, BigInteger.ZERO,
                BigInteger.valueOf(deadline));
        Reverted changed = chain.expectRevert(platform.relayer, token, created.token().transferBySig(a.getAddress(),
                b.getAddress(), BigInteger.valueOf(3), BigInteger.ZERO, BigInteger.valueOf(deadline),
                Signatures.v(sig), sig.getR(), sig.getS()).encodeFunctionCall());
        assertThat(changed.name()).isEqualTo("InvalidSigner");

        chain.send(platform.relayer, token, signed);
        assertThat(shares.balanceOf(created, b.getAddress())).isEqualTo(BigInteger.TWO);
        assertThat(chain.ethBalance(a.getAddress())).isZero();
        assertThat(created.token().nonces(a.getAddress()).send()).isEqualTo(BigInteger.ONE);
        Reverted replay = chain.expectRevert(platform.relayer, token, signed);
        assertThat(replay.name()).isEqualTo("InvalidNonce");

        long past = chain.now() - 1;
        assertThat(chain.expectRevert(platform.relayer, token, shares.transferBySigData(created, a, b.getAddress(),
                BigInteger.ONE, BigInteger.ONE, past)).name()).isEqualTo("SignatureExpired");
    }

    @Test
    void aLostWalletIsRecoveredToAWalletOfTheSameIdentityWithTwoAgents() throws Exception {
        Credentials lost = investor();
        Credentials other = investor();
        Shares.Created created = issued(List.of(lost, other), 7, 2);
        String token = created.address();
        BigInteger identity = shares.newIdentity();
        verify(lost, identity);
        Credentials newWallet = chain.newWallet();
        Credentials impostor = chain.newWallet();
        verify(impostor, shares.newIdentity());
        ShareToken t = created.token();
        // during the lock-up and with the lost wallet frozen: recovery still goes
        chain.send(shares.agent, token, t.setFrozen(lost.getAddress(), true).encodeFunctionCall());

        assertThat(chain.expectRevert(platform.stranger, token,
                t.requestRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("NotAgent");
        assertThat(chain.expectRevert(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("NoRecoveryRequest");
        assertThat(chain.expectRevert(shares.agent, token,
                t.requestRecovery(chain.newWallet().getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("NothingToRecover");

        TransactionReceipt requested = chain.send(shares.agent, token,
                t.requestRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall());
        assertThat(ShareToken.getRecoveryRequestedEvents(requested).get(0).agent)
                .isEqualToIgnoringCase(shares.agent.getAddress());
        assertThat(chain.expectRevert(shares.agent, token,
                t.approveRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("SameAgent");
        assertThat(chain.expectRevert(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), impostor.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("RecoveryMismatch");
        // the new wallet is not yet verified as the same identity
        assertThat(chain.expectRevert(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("IdentityMismatch");
        // a request to an impostor's wallet cannot be approved either
        chain.send(shares.agent, token, t.requestRecovery(lost.getAddress(), impostor.getAddress()).encodeFunctionCall());
        assertThat(chain.expectRevert(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), impostor.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("IdentityMismatch");
        TransactionReceipt cancelled = chain.send(shares.secondAgent, token,
                t.cancelRecovery(lost.getAddress()).encodeFunctionCall());
        assertThat(ShareToken.getRecoveryCancelledEvents(cancelled)).hasSize(1);

        shares.setLevel(newWallet.getAddress(), identity, 1); // identity verified again, on the new wallet
        chain.send(shares.agent, token, t.requestRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall());
        TransactionReceipt approved = chain.send(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall());
        var recovered = ShareToken.getWalletRecoveredEvents(approved).get(0);
        assertThat(recovered.shares).isEqualTo(BigInteger.valueOf(7));
        assertThat(recovered.requestedBy).isEqualToIgnoringCase(shares.agent.getAddress());
        assertThat(recovered.approvedBy).isEqualToIgnoringCase(shares.secondAgent.getAddress());
        assertThat(ShareToken.getTransferEvents(approved).get(0).from).isEqualToIgnoringCase(lost.getAddress());
        assertThat(shares.balanceOf(created, lost.getAddress())).isZero();
        assertThat(shares.balanceOf(created, newWallet.getAddress())).isEqualTo(BigInteger.valueOf(7));
        assertThat(shares.totalSupply(created)).isEqualTo(BigInteger.valueOf(9));
        assertThat(t.recoveryOf(lost.getAddress()).send().component2()).isEqualTo("0x0000000000000000000000000000000000000000");
        assertThat(chain.expectRevert(shares.secondAgent, token,
                t.approveRecovery(lost.getAddress(), newWallet.getAddress()).encodeFunctionCall()).name())
                .isEqualTo("NoRecoveryRequest");
    }

    @Test
    void theRegistryIsWrittenByTheComplianceAgentOnly() throws Exception {
        String registry = shares.registry.getContractAddress();
        String wallet = chain.newWallet().getAddress();
        BigInteger identity = shares.newIdentity();
        assertThat(chain.expectRevert(platform.stranger, registry,
                shares.registry.setLevel(wallet, identity, BigInteger.ONE).encodeFunctionCall()).name())
                .isEqualTo("AccessControlUnauthorizedAccount");
        assertThat(chain.expectRevert(shares.compliance, registry,
                shares.registry.setLevel(wallet, BigInteger.ZERO, BigInteger.ONE).encodeFunctionCall()).name())
                .isEqualTo("ZeroIdentity");
        assertThat(chain.expectRevert(shares.compliance, registry,
                shares.registry.setLevels(List.of(wallet), List.of(identity), List.of()).encodeFunctionCall()).name())
                .isEqualTo("LengthMismatch");
        TransactionReceipt set = shares.setLevel(wallet, identity, 2);
        assertThat(EligibilityRegistry.getLevelSetEvents(set).get(0).level).isEqualTo(BigInteger.TWO);
        assertThat(shares.registry.levelOf(wallet).send()).isEqualTo(BigInteger.TWO);
        assertThat(shares.registry.identityOf(wallet).send()).isEqualTo(identity);
        assertThat(shares.registry.bothEligible(wallet, chain.newWallet().getAddress(), BigInteger.ONE).send())
                .isFalse();
    }

    /**
     * Seeded random transfers, freezes and recoveries between a few holders: the total supply never moves from the
     * confirmed shares and always equals the sum of the balances.
     */
    @Test
    void theSupplyStaysTheConfirmedSharesWhateverMoves() throws Exception {
        List<Credentials> holders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holders.add(investor());
        }
        Shares.Created created = issued(holders, 4, 6, 1, 9);
        BigInteger confirmed = BigInteger.valueOf(20);
        List<BigInteger> identities = new ArrayList<>();
        for (Credentials h : holders) {
            BigInteger id = shares.newIdentity();
            identities.add(id);
            verify(h, id);
        }
        afterLockup(created);
        Random random = new Random(20_2026L);
        String token = created.address();
        int moved = 0;
        for (int step = 0; step < 30; step++) {
            int from = random.nextInt(holders.size());
            int to = random.nextInt(holders.size());
            int op = random.nextInt(10);
            if (op == 0) {
                chain.send(shares.agent, token, created.token().setFrozen(holders.get(from).getAddress(),
                        !created.token().isFrozen(holders.get(from).getAddress()).send()).encodeFunctionCall());
            } else if (op == 1 && shares.balanceOf(created, holders.get(from).getAddress()).signum() > 0) {
                Credentials replacement = investor();
                shares.setLevel(replacement.getAddress(), identities.get(from), 1);
                chain.send(shares.agent, token, created.token().requestRecovery(holders.get(from).getAddress(),
                        replacement.getAddress()).encodeFunctionCall());
                chain.send(shares.secondAgent, token, created.token().approveRecovery(holders.get(from).getAddress(),
                        replacement.getAddress()).encodeFunctionCall());
                holders.set(from, replacement);
            } else {
                long amount = 1 + random.nextInt(5);
                String data = shares.transferData(created, holders.get(to).getAddress(), amount);
                if (chain.tryCall(holders.get(from).getAddress(), token, data) == null) {
                    chain.send(holders.get(from), token, data);
                    moved++;
                }
            }
            BigInteger sum = BigInteger.ZERO;
            for (Credentials h : holders) {
                sum = sum.add(shares.balanceOf(created, h.getAddress()));
            }
            assertThat(sum).as("step %d", step).isEqualTo(confirmed);
            assertThat(shares.totalSupply(created)).isEqualTo(confirmed);
        }
        assertThat(moved).isPositive();
    }

    @Test
    void signedTransfersNeedAnUnexpiredSignature() {
        // covered with the relayer above; here the deadline boundary: a signature is good up to its deadline
        Credentials a = chain.newWallet();
        Credentials b = chain.newWallet();
        Shares.Created created = issued(List.of(a), 2);
        verify(a, shares.newIdentity());
        verify(b, shares.newIdentity());
        afterLockup(created);
        long deadline = chain.now() + HOUR;
        chain.setNextBlockTimestamp(deadline + 1);
        TransactionReceipt late = chain.sendUnchecked(platform.relayer, created.address(),
                shares.transferBySigData(created, a, b.getAddress(), BigInteger.ONE, BigInteger.ZERO, deadline));
        assertThat(late.isStatusOK()).isFalse();
        long deadline2 = chain.now() + HOUR;
        chain.setNextBlockTimestamp(deadline2);
        TransactionReceipt onTime = chain.sendUnchecked(platform.relayer, created.address(),
                shares.transferBySigData(created, a, b.getAddress(), BigInteger.ONE, BigInteger.ZERO, deadline2));
        assertThat(onTime.isStatusOK()).isTrue();
        assertThat(shares.balanceOf(created, b.getAddress())).isEqualTo(BigInteger.ONE);
    }
}
