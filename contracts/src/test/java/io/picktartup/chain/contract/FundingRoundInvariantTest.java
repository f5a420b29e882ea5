package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.DAY;
import static io.picktartup.chain.contract.Platform.HOUR;
import static io.picktartup.chain.contract.Platform.call;
import static io.picktartup.chain.contract.Platform.pkn;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A randomised sequence of deposits (single and batched, some refused or skipped), cancels, time jumps, finalisation and
 * settlement; after every step the round's token balance must equal deposits − cancels − refunds − release as
 * told by the round's own events, and each investor's position must match a model.
 */
@ExtendWith(AnvilExtension.class)
class FundingRoundInvariantTest {

    private static Platform platform;
    private static Chain chain;

    @BeforeAll
    static void deploy(Chain c) {
        chain = c;
        platform = new Platform(c);
    }

    @ParameterizedTest(name = "seed {0}, goal {1} PKN, cap {2} PKN")
    @CsvSource({"20260101, 150, 600", "424242, 5000, 6000", "7, 400, 600"})
    void escrowBalanceAlwaysEqualsDepositsMinusCancelsRefundsAndRelease(long seed, long goal, long cap) throws Exception {
        Random random = new Random(seed);
        Ledger ledger = new Ledger(pkn(cap));
        Platform.Round round = platform.createRound(chain.newWallet().getAddress(), pkn(goal), pkn(cap), pkn(10),
                10 * DAY);
        List<Credentials> investors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Credentials investor = chain.newWallet();
            platform.mint(investor.getAddress(), pkn(300));
            investors.add(investor);
        }

        for (int step = 0; step < 30; step++) {
            randomFundingStep(random, round, investors, ledger, true);
            ledger.check(round, "funding step " + step + " (seed " + seed + ")");
        }
        chain.increaseTime(round.deadline() - 48 * HOUR - chain.now() + 1);
        for (int step = 0; step < 6; step++) {
            randomFundingStep(random, round, investors, ledger, false);
            ledger.check(round, "after cut-off step " + step);
        }
        chain.increaseTime(round.deadline() - chain.now());
        chain.send(platform.stranger, round.address(), round.contract().finalizeRound().encodeFunctionCall());
        BigInteger status = round.contract().status().send();
        BigInteger raised = ledger.deposits.subtract(ledger.cancels);
        assertThat(status).isEqualTo(raised.compareTo(pkn(goal)) >= 0 ? BigInteger.ONE : BigInteger.TWO);

        if (status.equals(BigInteger.ONE)) {
            ledger.add(chain.send(platform.stranger, round.address(), round.contract().release().encodeFunctionCall()));
            ledger.check(round, "released");
            assertThat(platform.balanceOf(round.address())).isZero();
            return;
        }
        BigInteger count = round.contract().investorCount().send();
        int guard = 0;
        while (round.contract().refundCursor().send().compareTo(count) < 0 || ledger.openPositions() > 0) {
            assertThat(guard++).as("settles in a bounded number of steps").isLessThan(100);
            if (random.nextBoolean()) {
                ledger.add(chain.send(platform.relayer, round.address(),
                        round.contract().refundBatch(BigInteger.valueOf(1 + random.nextInt(3))).encodeFunctionCall()));
            } else {
                Credentials investor = investors.get(random.nextInt(investors.size()));
                chain.setEthBalance(investor.getAddress(), Platform.PKN);
                String data = round.contract().claimRefund().encodeFunctionCall();
                if (ledger.position(investor).signum() == 0) {
                    assertThat(chain.expectRevert(investor, round.address(), data).name()).isEqualTo("NothingToRefund");
                } else {
                    ledger.add(chain.send(investor, round.address(), data));
                }
            }
            ledger.check(round, "refund step " + guard);
        }
        assertThat(platform.balanceOf(round.address())).isZero();
        for (Credentials investor : investors) {
            assertThat(platform.balanceOf(investor.getAddress())).isEqualTo(pkn(300));
        }
    }

    private static void randomFundingStep(Random random, Platform.Round round, List<Credentials> investors,
            Ledger ledger, boolean cancelAllowed) {
        int op = random.nextInt(10);
        Credentials investor = investors.get(random.nextInt(investors.size()));
        if (op < 4) {
            BigInteger amount = pkn(5 + random.nextInt(80));
            FundingRound.Deposit d = signed(round, investor, amount);
            String data = round.contract().deposit(d).encodeFunctionCall();
            String expected = expectedDepositError(ledger, BigInteger.ZERO, investor, amount);
            if (expected != null) {
                assertThat(chain.expectRevert(platform.relayer, round.address(), data).name()).isEqualTo(expected);
            } else {
                ledger.add(chain.send(platform.relayer, round.address(), data));
            }
        } else if (op < 7) {
            List<FundingRound.Deposit> batch = new ArrayList<>();
            BigInteger total = BigInteger.ZERO;
            List<String> expectedSkips = new ArrayList<>();
            List<Credentials> shuffled = new ArrayList<>(investors);
            java.util.Collections.shuffle(shuffled, random);
            for (Credentials each : shuffled.subList(0, 2 + random.nextInt(3))) {
                BigInteger amount = pkn(5 + random.nextInt(45));
                batch.add(signed(round, each, amount));
                // each item on its own: a skipped one leaves the room to the next
                String expected = expectedDepositError(ledger, total, each, amount);
                if (expected == null) {
                    total = total.add(amount);
                } else {
                    expectedSkips.add(each.getAddress().toLowerCase() + " " + expected);
                }
            }
            TransactionReceipt receipt = chain.send(platform.relayer, round.address(),
                    round.contract().depositBatch(batch).encodeFunctionCall());
            ledger.add(receipt);
            assertThat(FundingRound.getDepositSkippedEvents(receipt).stream()
                    .map(e -> e.investor.toLowerCase() + " " + Reverted.of(Platform.hex(e.reason), "").name()))
                    .containsExactlyElementsOf(expectedSkips);
            assertThat(FundingRound.getDepositedEvents(receipt)).hasSize(batch.size() - expectedSkips.size());
        } else {
            BigInteger nonce = platform.consentNonce(round, investor.getAddress());
            String data = platform.cancelData(round, investor, nonce, chain.now() + HOUR);
            if (!cancelAllowed) {
                assertThat(chain.expectRevert(platform.relayer, round.address(), data).name())
                        .isEqualTo("CancelPeriodOver");
            } else if (ledger.position(investor).signum() == 0) {
                assertThat(chain.expectRevert(platform.relayer, round.address(), data).name())
                        .isEqualTo("NothingToCancel");
            } else {
                ledger.add(chain.send(platform.relayer, round.address(), data));
            }
        }
    }

    /** The error the contract checks first, in its order: minimum, hard cap, then the investor's balance. */
    private static String expectedDepositError(Ledger ledger, BigInteger earlierInBatch, Credentials investor,
            BigInteger amount) {
        if (amount.compareTo(pkn(10)) < 0) {
            return "BelowMinimumInvestment";
        }
        if (ledger.deposits.subtract(ledger.cancels).add(earlierInBatch).add(amount).compareTo(ledger.cap) > 0) {
            return "HardCapExceeded";
        }
        // every investor starts with 300 PKN and moves tokens only to and from this round
        if (ledger.position(investor).add(amount).compareTo(pkn(300)) > 0) {
            return "ERC20InsufficientBalance";
        }
        return null;
    }

    private static FundingRound.Deposit signed(Platform.Round round, Credentials investor, BigInteger amount) {
        return platform.signedDeposit(investor, round.address(), amount, Platform.sha256("terms " + amount),
                platform.consentNonce(round, investor.getAddress()), chain.now() + HOUR);
    }

    /** Sums of the round's movement events, and the positions they imply. */
    private static final class Ledger {
        BigInteger deposits = BigInteger.ZERO;
        BigInteger cancels = BigInteger.ZERO;
        BigInteger refunds = BigInteger.ZERO;
        BigInteger released = BigInteger.ZERO;
        final Map<String, BigInteger> positions = new HashMap<>();
        final BigInteger cap;

        Ledger(BigInteger cap) {
            this.cap = cap;
        }

        void add(TransactionReceipt receipt) {
            for (var e : FundingRound.getDepositedEvents(receipt)) {
                deposits = deposits.add(e.amount);
                positions.merge(e.investor.toLowerCase(), e.amount, BigInteger::add);
            }
            for (var e : FundingRound.getCancelledEvents(receipt)) {
                cancels = cancels.add(e.amount);
                positions.merge(e.investor.toLowerCase(), e.amount.negate(), BigInteger::add);
            }
            for (var e : FundingRound.getRefundedEvents(receipt)) {
                refunds = refunds.add(e.amount);
                positions.merge(e.investor.toLowerCase(), e.amount.negate(), BigInteger::add);
            }
            for (var e : FundingRound.getReleasedEvents(receipt)) {
                released = released.add(e.amount);
            }
        }

        BigInteger position(Credentials investor) {
            return positions.getOrDefault(investor.getAddress().toLowerCase(), BigInteger.ZERO);
        }

        long openPositions() {
            return positions.values().stream().filter(v -> v.signum() != 0).count();
        }

        void check(Platform.Round round, String when) {
            BigInteger expected = deposits.subtract(cancels).subtract(refunds).subtract(released);
            assertThat(platform.balanceOf(round.address())).as("escrow balance " + when).isEqualTo(expected);
            if (released.signum() > 0) {
                return; // positions are not zeroed by the release: the whole round went to the startup
            }
            for (var entry : positions.entrySet()) {
                assertThat(entry.getValue().signum()).as("never negative " + when).isGreaterThanOrEqualTo(0);
                assertThat(platform.position(round, entry.getKey())).as("position of " + entry.getKey() + " " + when)
                        .isEqualTo(entry.getValue());
            }
            if (refunds.signum() == 0) {
                assertThat(call(() -> round.contract().totalRaised().send())).as("totalRaised " + when)
                        .isEqualTo(deposits.subtract(cancels));
            }
        }
    }
}
