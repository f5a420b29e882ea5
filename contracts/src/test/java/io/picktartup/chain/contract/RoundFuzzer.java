package io.picktartup.chain.contract;

import static io.picktartup.chain.contract.Platform.DAY;
import static io.picktartup.chain.contract.Platform.HOUR;
import static io.picktartup.chain.contract.Platform.PKN;
import static io.picktartup.chain.contract.Platform.pkn;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Stateful fuzzing of a funding round against anvil: random sequences of actions by several actors (deposits single,
 * batched, tampered or first tried by a stranger; cancels; time jumps to and around the cut-off and the deadline;
 * finalisation; refund chunks; claims; the release; pause and unpause; stray transfers; sweeps), each predicted by a
 * Java model of the contract and checked after every step: the transaction's outcome and events, every balance,
 * position, total, status and cursor, the token's total supply, and the money rules (the escrow holds exactly the
 * open positions plus stray tokens; refunds only on a failed round, once per investor; the startup paid only after a
 * met goal, exactly what was raised; stray tokens only to the fixed recipient, only after settlement).
 * <p>
 * Every sequence starts from one chain snapshot ({@code evm_snapshot}/{@code evm_revert}) with deterministic block
 * times ({@code anvil_setBlockTimestampInterval} 1 s), so a sequence replays exactly. A failing sequence is shrunk
 * (chunks of actions dropped, amounts lowered, variants simplified) and reported with its seed.
 */
final class RoundFuzzer {

    // ---------------------------------------------------------------- actions

    /** What breaks in a deposit's signature (NONE: genuine). */
    enum Tamper {
        NONE, CONSENT_AMOUNT, HIGH_S_CONSENT, STALE_NONCE, EXPIRED, OTHER_CHAIN, OTHER_ROUND
    }

    /** Where a time jump goes. */
    enum Jump {
        BY, TO_CUTOFF_MINUS_1, TO_CUTOFF, TO_DEADLINE_MINUS_1, TO_DEADLINE
    }

    sealed interface Action permits Deposit, FrontRunDeposit, Batch, Cancel, Advance, Finalize, Release,
            RefundBatch, Claim, Pause, Unpause, Stray, Sweep {
    }

    record Item(int investor, BigInteger amount, Tamper tamper) {
        @Override
        public String toString() {
            return "inv" + investor + " " + show(amount) + (tamper == Tamper.NONE ? "" : " " + tamper);
        }
    }

    record Deposit(Item item) implements Action {
        @Override
        public String toString() {
            return "deposit(" + item + ")";
        }
    }

    /**
     * A stranger copies the investor's signed deposit and tries to carry it itself, then to pull the investor's PKN
     * straight from the token: both refused (not a relayer, not an escrow); the relayer's deposit then goes.
     */
    record FrontRunDeposit(int investor, BigInteger amount) implements Action {
        @Override
        public String toString() {
            return "strangerFirstThenDeposit(inv" + investor + " " + show(amount) + ")";
        }
    }

    record Batch(List<Item> items) implements Action {
        @Override
        public String toString() {
            return "depositBatch" + items;
        }
    }

    record Cancel(int investor) implements Action {
        @Override
        public String toString() {
            return "cancel(inv" + investor + ")";
        }
    }

    record Advance(Jump jump, long seconds) implements Action {
        @Override
        public String toString() {
            return jump == Jump.BY ? "advance(" + seconds + " s)" : "advance(" + jump + ")";
        }
    }

    record Finalize() implements Action {
        @Override
        public String toString() {
            return "finalizeRound()";
        }
    }

    record Release() implements Action {
        @Override
        public String toString() {
            return "release()";
        }
    }

    record RefundBatch(int max) implements Action {
        @Override
        public String toString() {
            return "refundBatch(" + max + ")";
        }
    }

    record Claim(int investor) implements Action {
        @Override
        public String toString() {
            return "claimRefund(inv" + investor + ")";
        }
    }

    record Pause() implements Action {
        @Override
        public String toString() {
            return "pause()";
        }
    }

    record Unpause() implements Action {
        @Override
        public String toString() {
            return "unpause()";
        }
    }

    record Stray(int investor, BigInteger amount) implements Action {
        @Override
        public String toString() {
            return "strayTransfer(inv" + investor + " " + show(amount) + ")";
        }
    }

    record Sweep() implements Action {
        @Override
        public String toString() {
            return "sweep()";
        }
    }

    /** A property beyond the contract's own rules, checked after every step (the shrinker's own test plants one). */
    interface Property {
        /** @return what is violated, or {@code null} */
        String check(Model model, Action action);
    }

    /** Where and why a sequence failed. */
    record Failure(int step, String message) {
    }

    /** A round the fuzzer plays on, with its parameters. */
    record RoundSpec(Platform.Round round, String startup, BigInteger goal, BigInteger cap, BigInteger min,
            long deadline, byte[] domain) {
        long cutoff() {
            return deadline - 48 * HOUR;
        }
    }

    // ---------------------------------------------------------------- fixed world

    static final int INVESTORS = 4;
    private static final int RELAYER = INVESTORS;
    private static final int STRANGER = INVESTORS + 1;
    private static final int ADMIN = INVESTORS + 2;
    private static final BigInteger START_BALANCE = pkn(1500);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
    private static final byte[] TERMS = Platform.sha256("fuzzed investment terms");

    private static final byte[] INVESTMENT_TYPEHASH = keccak(
            "Investment(address investor,address round,uint256 amount,bytes32 termsHash,uint256 nonce,uint256 deadline)");
    private static final byte[] CANCEL_TYPEHASH = keccak(
            "Cancel(address investor,address round,uint256 nonce,uint256 deadline)");
    private static final String DEPOSITED = topic("Deposited(address,uint256,bytes32,uint256)");
    private static final String SKIPPED = topic("DepositSkipped(address,uint256,bytes)");
    private static final String REFUNDED = topic("Refunded(address,uint256)");
    private static final String CANCELLED = topic("Cancelled(address,uint256,uint256)");
    private static final String RELEASED = topic("Released(address,uint256)");
    private static final String SWEPT = topic("Swept(address,uint256)");

    private final Chain chain;
    private final Platform platform;
    private final Rpc rpc;
    private final Credentials[] senders = new Credentials[INVESTORS + 3];
    private final List<RoundSpec> rounds = new ArrayList<>();
    private final long[] baseTxNonces = new long[INVESTORS + 3];
    private final BigInteger totalSupply;
    private final BigInteger treasuryStart;
    private long baseTime;
    private String snapshot;
    /** Counters for the report. */
    long sequencesRun;
    long stepsRun;
    long depositsSeen;
    long skipsSeen;
    long refundsSeen;
    long sweepsSeen;
    /** The round's status at the end of the last sequence run. */
    int lastStatus;

    RoundFuzzer(Chain chain) {
        this.chain = chain;
        this.platform = new Platform(chain);
        this.rpc = new Rpc(chain.rpcUrl());
        for (int i = 0; i < INVESTORS; i++) {
            senders[i] = chain.newWallet();
            platform.mint(senders[i].getAddress(), START_BALANCE);
            chain.setEthBalance(senders[i].getAddress(), PKN.multiply(BigInteger.valueOf(100)));
        }
        senders[RELAYER] = platform.relayer;
        senders[STRANGER] = platform.stranger;
        senders[ADMIN] = platform.admin;
        byte[] probe = keccak("fast signing equals web3j's");
        Sign.SignatureData slow = Sign.signMessage(probe, senders[0].getEcKeyPair(), false);
        Sign.SignatureData fast = FastSign.sign(probe, senders[0].getEcKeyPair().getPrivateKey());
        check(Arrays.equals(slow.getR(), fast.getR()) && Arrays.equals(slow.getS(), fast.getS())
                && Arrays.equals(slow.getV(), fast.getV()), "FastSign signs as web3j does");
        RawTransaction probeTx = RawTransaction.createTransaction(BigInteger.ONE, Chain.GAS_PRICE, GAS_LIMIT,
                senders[0].getAddress(), BigInteger.ZERO, "0x1234");
        check(Arrays.equals(TransactionEncoder.signMessage(probeTx, chain.chainId(), senders[0]),
                FastSign.signTransaction(probeTx, chain.chainId(), senders[0])), "FastSign signs transactions as web3j");
        // reachable goal; a goal that needs most of what the investors hold; goal = cap
        addRound(pkn(100), pkn(300), pkn(10));
        addRound(pkn(1500), pkn(2000), pkn(50));
        addRound(pkn(300), pkn(300), pkn(25));
        totalSupply = Platform.call(() -> platform.token.totalSupply().send());
        treasuryStart = platform.balanceOf(platform.treasury.getAddress());
        check(treasuryStart.signum() == 0, "the treasury starts empty");
        for (int i = 0; i < senders.length; i++) {
            baseTxNonces[i] = chain.transactionCount(senders[i].getAddress());
        }
        rpc.call("anvil_setBlockTimestampInterval", 1);
        rpc.call("evm_mine");
        baseTime = chain.now();
        snapshot = rpc.call("evm_snapshot").asText();
    }

    private void addRound(BigInteger goal, BigInteger cap, BigInteger min) {
        String startup = chain.newWallet().getAddress();
        Platform.Round round = platform.createRound(startup, goal, cap, min, 10 * DAY);
        byte[] domain = domain("Picktartup Funding Round", chain.chainId(), round.address());
        check(Arrays.equals(domain, Platform.call(() -> round.contract().domainSeparator().send())),
                "round domain separator computed as the round does");
        rounds.add(new RoundSpec(round, startup, goal, cap, min, round.deadline(), domain));
    }

    int roundCount() {
        return rounds.size();
    }

    /** Leaves the chain as it was before the fuzzer's sequences and stops the fixed block interval. */
    void close() {
        rpc.call("evm_revert", snapshot);
        rpc.call("anvil_removeBlockTimestampInterval");
    }

    // ---------------------------------------------------------------- generation

    /** A random sequence for {@code seed}: its round and its actions. */
    record Sequence(long seed, int round, List<Action> actions) {
    }

    Sequence generate(long seed, int maxLength) {
        Random random = new Random(seed);
        int round = random.nextInt(rounds.size());
        RoundSpec spec = rounds.get(round);
        int length = 3 + random.nextInt(Math.max(1, maxLength - 2));
        // most sequences pass the deadline somewhere in their second half, and then weigh settlement over funding;
        // every kind of action stays possible in both phases (a deposit after the deadline, a refund before it)
        int deadlineAt = random.nextInt(10) < 8 ? length / 3 + random.nextInt(length - length / 3) : length;
        List<Action> actions = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            if (i == deadlineAt) {
                actions.add(new Advance(random.nextInt(4) == 0 ? Jump.TO_DEADLINE_MINUS_1 : Jump.TO_DEADLINE, 0));
                if (random.nextInt(10) < 6 && ++i < length) {
                    actions.add(new Finalize());
                }
            } else {
                actions.add(randomAction(random, spec, i > deadlineAt ? SETTLEMENT : FUNDING));
            }
        }
        return new Sequence(seed, round, actions);
    }

    /** Weights of deposit, batch, front-run, cancel, advance, finalize, refund, claim, release, pause, unpause,
     * stray transfer, sweep. */
    private static final int[] FUNDING = {30, 14, 5, 9, 8, 3, 2, 2, 2, 4, 4, 6, 2};
    private static final int[] SETTLEMENT = {4, 2, 1, 2, 5, 16, 16, 14, 12, 4, 4, 8, 12};

    private static Action randomAction(Random random, RoundSpec spec, int[] weights) {
        int total = Arrays.stream(weights).sum();
        int roll = random.nextInt(total);
        int kind = 0;
        while (roll >= weights[kind]) {
            roll -= weights[kind++];
        }
        return switch (kind) {
            case 0 -> new Deposit(randomItem(random, spec));
            case 1 -> {
                List<Item> items = new ArrayList<>();
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    items.add(randomItem(random, spec));
                }
                yield new Batch(items);
            }
            case 2 -> new FrontRunDeposit(random.nextInt(INVESTORS), randomAmount(random, spec));
            case 3 -> new Cancel(random.nextInt(INVESTORS));
            case 4 -> {
                Jump jump = Jump.values()[random.nextInt(Jump.values().length)];
                yield new Advance(jump, jump == Jump.BY ? 1 + random.nextLong(2 * DAY) : 0);
            }
            case 5 -> new Finalize();
            case 6 -> new RefundBatch(random.nextInt(5));
            case 7 -> new Claim(random.nextInt(INVESTORS));
            case 8 -> new Release();
            case 9 -> new Pause();
            case 10 -> new Unpause();
            case 11 -> new Stray(random.nextInt(INVESTORS), pkn(1 + random.nextInt(20)).add(BigInteger.valueOf(
                    random.nextInt(1000))));
            default -> new Sweep();
        };
    }

    private static Item randomItem(Random random, RoundSpec spec) {
        Tamper tamper = random.nextInt(100) < 85 ? Tamper.NONE
                : Tamper.values()[1 + random.nextInt(Tamper.values().length - 1)];
        return new Item(random.nextInt(INVESTORS), randomAmount(random, spec), tamper);
    }

    /** Mostly around the round's minimum and cap, sometimes below the minimum or past a balance; odd wei too. */
    private static BigInteger randomAmount(Random random, RoundSpec spec) {
        long min = spec.min().divide(PKN).longValueExact();
        long cap = spec.cap().divide(PKN).longValueExact();
        long whole = switch (random.nextInt(10)) {
            case 0 -> Math.max(1, min - 1 - random.nextInt((int) Math.min(min, 10)));
            case 1 -> min;
            case 2, 3 -> cap / 2 + random.nextInt((int) (cap / 2) + 1);
            case 4 -> 1400 + random.nextInt(200); // around a whole wallet
            default -> min + random.nextInt((int) Math.max(1, cap / 4));
        };
        BigInteger wei = random.nextInt(3) == 0 ? BigInteger.valueOf(random.nextInt(1_000_000)) : BigInteger.ZERO;
        return pkn(whole).add(wei);
    }

    // ---------------------------------------------------------------- running

    /** Runs the sequence from the snapshot; the first failed check, or empty. */
    Optional<Failure> run(int round, List<Action> actions, Property property) {
        check(rpc.call("evm_revert", snapshot).asBoolean(), "reverted to snapshot " + snapshot);
        snapshot = rpc.call("evm_snapshot").asText();
        sequencesRun++;
        Model model = new Model(rounds.get(round));
        for (int step = 0; step < actions.size(); step++) {
            Action action = actions.get(step);
            try {
                execute(model, action);
                stepsRun++;
                String violated = property == null ? null : property.check(model, action);
                if (violated != null) {
                    return Optional.of(new Failure(step, "property violated: " + violated));
                }
            } catch (AssertionError e) {
                lastStatus = model.status;
                return Optional.of(new Failure(step, e.getMessage()));
            }
        }
        lastStatus = model.status;
        return Optional.empty();
    }

    /** The state the contracts should be in: predicted action by action. */
    final class Model {
        final RoundSpec spec;
        long time;
        int status;
        BigInteger totalRaised = BigInteger.ZERO;
        int cursor;
        final List<Integer> order = new ArrayList<>();
        final BigInteger[] position = filled(BigInteger.ZERO);
        final long[] consentNonce = new long[INVESTORS];
        final boolean[] listed = new boolean[INVESTORS];
        final BigInteger[] balance = filled(START_BALANCE);
        final int[] refunds = new int[INVESTORS];
        final long[] txNonce = baseTxNonces.clone();
        BigInteger escrow = BigInteger.ZERO;
        BigInteger stray = BigInteger.ZERO;
        BigInteger startup = BigInteger.ZERO;
        BigInteger treasury = treasuryStart;
        long pausedUntil;

        Model(RoundSpec spec) {
            this.spec = spec;
            this.time = baseTime; // fresh wallets: no permit used before the snapshot
        }

        boolean paused(long at) {
            return at < pausedUntil;
        }

        BigInteger openPositions() {
            return Arrays.stream(position).reduce(BigInteger.ZERO, BigInteger::add);
        }

        int refundsOf(int investor) {
            return refunds[investor];
        }
    }

    private static BigInteger[] filled(BigInteger value) {
        BigInteger[] values = new BigInteger[INVESTORS];
        Arrays.fill(values, value);
        return values;
    }

    /** What one transaction is expected to do, and what it did. */
    private record Sent(String hash, boolean expectOk, int deposited, int skipped, int refunded, int cancelled,
            int released, int swept) {
    }

    private void execute(Model m, Action action) {
        RoundSpec spec = m.spec;
        String round = spec.round().address();
        FundingRound contract = spec.round().contract();
        List<Sent> sent = new ArrayList<>();
        if (action instanceof Deposit d) {
            long at = m.time + 1;
            FundingRound.Deposit signed = sign(m, d.item(), at);
            boolean ok = at < spec.deadline() && depositItem(m, d.item(), signed, at);
            sent.add(new Sent(send(m, RELAYER, round, contract.deposit(signed).encodeFunctionCall()), ok,
                    ok ? 1 : 0, 0, 0, 0, 0, 0));
        } else if (action instanceof FrontRunDeposit f) {
            Item item = new Item(f.investor(), f.amount(), Tamper.NONE);
            long strangerAt = m.time + 1;
            FundingRound.Deposit signed = sign(m, item, strangerAt + 2);
            // the signed deposit carried by a stranger, then a direct pull: both revert, nothing moves
            sent.add(new Sent(send(m, STRANGER, round, contract.deposit(signed).encodeFunctionCall()), false,
                    0, 0, 0, 0, 0, 0));
            sent.add(new Sent(send(m, STRANGER, platform.token.getContractAddress(), platform.token.escrowPull(
                    senders[f.investor()].getAddress(), f.amount()).encodeFunctionCall()), false, 0, 0, 0, 0, 0, 0));
            long at = strangerAt + 2;
            boolean ok = at < spec.deadline() && depositItem(m, item, signed, at);
            sent.add(new Sent(send(m, RELAYER, round, contract.deposit(signed).encodeFunctionCall()), ok,
                    ok ? 1 : 0, 0, 0, 0, 0, 0));
        } else if (action instanceof Batch b) {
            long at = m.time + 1;
            boolean open = at < spec.deadline();
            List<FundingRound.Deposit> signed = new ArrayList<>();
            int deposited = 0;
            for (Item item : b.items()) {
                FundingRound.Deposit one = sign(m, item, at);
                signed.add(one);
                if (open && depositItem(m, item, one, at)) {
                    deposited++;
                }
            }
            sent.add(new Sent(send(m, RELAYER, round, contract.depositBatch(signed).encodeFunctionCall()), open,
                    deposited, open ? b.items().size() - deposited : 0, 0, 0, 0, 0));
        } else if (action instanceof Cancel c) {
            long at = m.time + 1;
            int i = c.investor();
            long deadline = at + HOUR;
            byte[] digest = digest(spec.domain(), concat(CANCEL_TYPEHASH, word(senders[i].getAddress()),
                    word(round), word(m.consentNonce[i]), word(deadline)));
            Sign.SignatureData sig = FastSign.sign(digest, senders[i].getEcKeyPair().getPrivateKey());
            String data = contract.cancel(senders[i].getAddress(), BigInteger.valueOf(m.consentNonce[i]),
                    BigInteger.valueOf(deadline), Signatures.v(sig), sig.getR(), sig.getS()).encodeFunctionCall();
            boolean ok = at < spec.cutoff() && m.position[i].signum() > 0;
            if (ok) {
                BigInteger amount = m.position[i];
                m.balance[i] = m.balance[i].add(amount);
                m.escrow = m.escrow.subtract(amount);
                m.totalRaised = m.totalRaised.subtract(amount);
                m.position[i] = BigInteger.ZERO;
                m.consentNonce[i]++;
            }
            sent.add(new Sent(send(m, STRANGER, round, data), ok, 0, 0, 0, ok ? 1 : 0, 0, 0));
        } else if (action instanceof Advance a) {
            long target = switch (a.jump()) {
                case BY -> m.time + a.seconds();
                case TO_CUTOFF_MINUS_1 -> spec.cutoff() - 1;
                case TO_CUTOFF -> spec.cutoff();
                case TO_DEADLINE_MINUS_1 -> spec.deadline() - 1;
                case TO_DEADLINE -> spec.deadline();
            };
            target = Math.max(target, m.time + 1);
            rpc.call("evm_setNextBlockTimestamp", target);
            rpc.call("evm_mine");
            m.time = target;
        } else if (action instanceof Finalize f) {
            long at = m.time + 1;
            boolean ok = at >= spec.deadline() && m.status == 0;
            if (ok) {
                m.status = m.totalRaised.compareTo(spec.goal()) >= 0 ? 1 : 2;
            }
            sent.add(new Sent(send(m, STRANGER, round, contract.finalizeRound().encodeFunctionCall()), ok,
                    0, 0, 0, 0, 0, 0));
        } else if (action instanceof Release r) {
            boolean ok = m.status == 1;
            if (ok) {
                m.startup = m.startup.add(m.totalRaised);
                m.escrow = m.escrow.subtract(m.totalRaised); // positions stay recorded: the round went to the startup
                m.status = 3;
            }
            sent.add(new Sent(send(m, STRANGER, round, contract.release().encodeFunctionCall()), ok,
                    0, 0, 0, 0, ok ? 1 : 0, 0));
        } else if (action instanceof RefundBatch r) {
            boolean ok = m.status == 2;
            int refunded = 0;
            if (ok) {
                int to = Math.min(m.cursor + r.max(), m.order.size());
                for (int k = m.cursor; k < to; k++) {
                    if (refund(m, m.order.get(k))) {
                        refunded++;
                    }
                }
                m.cursor = to;
            }
            sent.add(new Sent(send(m, STRANGER, round, contract.refundBatch(BigInteger.valueOf(r.max()))
                    .encodeFunctionCall()), ok, 0, 0, refunded, 0, 0, 0));
        } else if (action instanceof Claim c) {
            boolean ok = m.status == 2 && m.position[c.investor()].signum() > 0;
            if (ok) {
                refund(m, c.investor());
            }
            sent.add(new Sent(send(m, c.investor(), round, contract.claimRefund().encodeFunctionCall()), ok,
                    0, 0, ok ? 1 : 0, 0, 0, 0));
        } else if (action instanceof Pause p) {
            m.pausedUntil = m.time + 1 + 3 * DAY;
            sent.add(new Sent(send(m, ADMIN, platform.token.getContractAddress(),
                    platform.token.pause().encodeFunctionCall()), true, 0, 0, 0, 0, 0, 0));
        } else if (action instanceof Unpause u) {
            m.pausedUntil = 0;
            sent.add(new Sent(send(m, ADMIN, platform.token.getContractAddress(),
                    platform.token.unpause().encodeFunctionCall()), true, 0, 0, 0, 0, 0, 0));
        } else if (action instanceof Stray s) {
            int i = s.investor();
            boolean ok = !m.paused(m.time + 1) && m.balance[i].compareTo(s.amount()) >= 0;
            if (ok) {
                m.balance[i] = m.balance[i].subtract(s.amount());
                m.stray = m.stray.add(s.amount());
            }
            sent.add(new Sent(send(m, i, platform.token.getContractAddress(),
                    platform.token.transfer(round, s.amount()).encodeFunctionCall()), ok, 0, 0, 0, 0, 0, 0));
        } else if (action instanceof Sweep s) {
            boolean settled = m.status == 3 || (m.status == 2 && m.cursor == m.order.size());
            BigInteger held = m.escrow.add(m.stray);
            boolean ok = settled && held.signum() > 0;
            if (ok) {
                check(m.escrow.signum() == 0, "a settled round holds no position, holds " + show(m.escrow));
                m.treasury = m.treasury.add(held);
                m.stray = BigInteger.ZERO;
            }
            sent.add(new Sent(send(m, STRANGER, round, contract.sweep().encodeFunctionCall()), ok,
                    0, 0, 0, 0, 0, ok ? 1 : 0));
        }
        verify(m, action, sent);
    }

    /** Applies one deposit item to the model if the contract would take it; in the contract's order of checks. */
    private boolean depositItem(Model m, Item item, FundingRound.Deposit signed, long at) {
        int i = item.investor();
        RoundSpec spec = m.spec;
        if (item.amount().compareTo(spec.min()) < 0 || at > signed.deadline.longValueExact()
                || signed.nonce.longValueExact() != m.consentNonce[i]) {
            return false;
        }
        switch (item.tamper()) {
            case CONSENT_AMOUNT, HIGH_S_CONSENT, OTHER_CHAIN, OTHER_ROUND -> {
                return false;
            }
            default -> {
            }
        }
        if (m.totalRaised.add(item.amount()).compareTo(spec.cap()) > 0) {
            return false;
        }
        if (m.paused(at) || m.balance[i].compareTo(item.amount()) < 0) {
            return false;
        }
        m.balance[i] = m.balance[i].subtract(item.amount());
        m.escrow = m.escrow.add(item.amount());
        m.position[i] = m.position[i].add(item.amount());
        m.totalRaised = m.totalRaised.add(item.amount());
        m.consentNonce[i]++;
        if (!m.listed[i]) {
            m.listed[i] = true;
            m.order.add(i);
        }
        return true;
    }

    /** Refunds the investor's whole position (the contract deletes it: amount, nonce and listing). */
    private static boolean refund(Model m, int investor) {
        BigInteger amount = m.position[investor];
        if (amount.signum() == 0) {
            return false;
        }
        m.balance[investor] = m.balance[investor].add(amount);
        m.escrow = m.escrow.subtract(amount);
        m.position[investor] = BigInteger.ZERO;
        m.consentNonce[investor] = 0;
        m.refunds[investor]++;
        return true;
    }

    /** The investor's consent for the item, as of the model's nonces, broken as the item says. */
    private FundingRound.Deposit sign(Model m, Item item, long at) {
        int i = item.investor();
        Credentials investor = senders[i];
        RoundSpec spec = m.spec;
        String round = spec.round().address();
        BigInteger amount = item.amount();
        long deadline = item.tamper() == Tamper.EXPIRED ? at - 1 : at + HOUR;
        long consentNonce = m.consentNonce[i] + (item.tamper() == Tamper.STALE_NONCE ? 1 : 0);
        BigInteger consentAmount = item.tamper() == Tamper.CONSENT_AMOUNT ? amount.add(BigInteger.ONE) : amount;
        byte[] consentDomain = switch (item.tamper()) {
            case OTHER_CHAIN -> domain("Picktartup Funding Round", 56, round);
            case OTHER_ROUND -> otherRound(spec).domain();
            default -> spec.domain();
        };
        String consentRound = item.tamper() == Tamper.OTHER_ROUND ? otherRound(spec).round().address() : round;
        Sign.SignatureData consent = FastSign.sign(digest(consentDomain, concat(INVESTMENT_TYPEHASH,
                word(investor.getAddress()), word(consentRound), word(consentAmount), TERMS, word(consentNonce),
                word(deadline))), investor.getEcKeyPair().getPrivateKey());
        if (item.tamper() == Tamper.HIGH_S_CONSENT) {
            consent = Signatures.highS(consent);
        }
        FundingRound.Deposit d = new FundingRound.Deposit(investor.getAddress(), amount, TERMS,
                BigInteger.valueOf(consentNonce), BigInteger.valueOf(deadline), Signatures.v(consent), consent.getR(),
                consent.getS());
        return d;
    }

    private RoundSpec otherRound(RoundSpec spec) {
        return rounds.get((rounds.indexOf(spec) + 1) % rounds.size());
    }

    /** Signs and sends a transaction (mined at once, one block of its own, 1 s after the last). */
    private String send(Model m, int sender, String to, String data) {
        // a gas price of its own per run: a replay would otherwise send the very same transaction (same hash) as
        // a run that was reverted, and anvil then answers no receipt for it
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.valueOf(m.txNonce[sender]++),
                Chain.GAS_PRICE.add(BigInteger.valueOf(sequencesRun)), GAS_LIMIT, to, BigInteger.ZERO, data);
        String raw = Numeric.toHexString(FastSign.signTransaction(tx, chain.chainId(), senders[sender]));
        m.time++;
        String hash = rpc.call("eth_sendRawTransaction", raw).asText();
        // anvil answers before it has stored the block: a next transaction sent at once could join this one's block
        // (one block fewer, an older timestamp than the model's), so each waits for the one before to be mined
        for (int attempt = 0; !mined(hash); attempt++) {
            check(attempt < 2000, "no receipt within 2 s for " + hash);
            pause(1);
        }
        return hash;
    }

    private boolean mined(String hash) {
        JsonNode receipt = rpc.call("eth_getTransactionReceipt", hash);
        return receipt != null && !receipt.isNull();
    }

    // ---------------------------------------------------------------- checking

    private void verify(Model m, Action action, List<Sent> sent) {
        RoundSpec spec = m.spec;
        String round = spec.round().address();
        String token = platform.token.getContractAddress();
        List<Rpc.Call> calls = new ArrayList<>();
        for (Sent s : sent) {
            calls.add(new Rpc.Call("eth_getTransactionReceipt", List.of(s.hash())));
        }
        int reads = calls.size();
        calls.add(read(token, "balanceOf", new Address(round)));
        calls.add(read(token, "totalSupply"));
        calls.add(read(token, "balanceOf", new Address(platform.treasury.getAddress())));
        calls.add(read(token, "balanceOf", new Address(spec.startup())));
        calls.add(read(round, "totalRaised"));
        calls.add(read(round, "status"));
        calls.add(read(round, "refundCursor"));
        calls.add(read(round, "investorCount"));
        for (int i = 0; i < INVESTORS; i++) {
            calls.add(read(token, "balanceOf", new Address(senders[i].getAddress())));
            calls.add(read(round, "positionOf", new Address(senders[i].getAddress())));
        }
        calls.add(new Rpc.Call("eth_getBlockByNumber", List.of("latest", false)));
        // anvil answers eth_sendRawTransaction before it has stored the block: until every receipt is there, the
        // reads may be of the block before, so the whole batch is asked again
        List<JsonNode> answers = rpc.batch(calls);
        for (int attempt = 0; !allReceipts(answers, sent.size()); attempt++) {
            check(attempt < 2000, action + ": no receipt within 2 s: " + answers.subList(0, sent.size()));
            pause(1);
            answers = rpc.batch(calls);
        }

        for (int k = 0; k < sent.size(); k++) {
            Sent s = sent.get(k);
            JsonNode receipt = answers.get(k).get("result");
            boolean ok = "0x1".equals(receipt.get("status").asText());
            check(ok == s.expectOk(), action + ": expected " + (s.expectOk() ? "success" : "a revert") + ", got "
                    + (ok ? "success" : "a revert"));
            int[] counts = new int[6];
            for (JsonNode log : receipt.get("logs")) {
                if (!log.get("address").asText().equalsIgnoreCase(round)) {
                    continue;
                }
                String topic = log.get("topics").get(0).asText();
                if (topic.equals(DEPOSITED)) {
                    counts[0]++;
                } else if (topic.equals(SKIPPED)) {
                    counts[1]++;
                } else if (topic.equals(REFUNDED)) {
                    counts[2]++;
                    check(m.status == 2, action + ": a refund while the round is not Failed (status " + m.status + ")");
                } else if (topic.equals(CANCELLED)) {
                    counts[3]++;
                } else if (topic.equals(RELEASED)) {
                    counts[4]++;
                } else if (topic.equals(SWEPT)) {
                    counts[5]++;
                }
            }
            depositsSeen += counts[0];
            skipsSeen += counts[1];
            refundsSeen += counts[2];
            sweepsSeen += counts[5];
            int[] expected = {s.deposited(), s.skipped(), s.refunded(), s.cancelled(), s.released(), s.swept()};
            check(Arrays.equals(counts, expected), action + ": events [deposited, skipped, refunded, cancelled, "
                    + "released, swept] " + Arrays.toString(counts) + ", expected " + Arrays.toString(expected));
        }
        long blockTime = Numeric.toBigInt(answers.get(answers.size() - 1).get("result").get("timestamp").asText())
                .longValueExact();
        check(blockTime == m.time, action + ": block time " + blockTime + ", model " + m.time);

        int at = reads;
        BigInteger roundBalance = uint(answers.get(at++), 0);
        equal(action, "total supply", uint(answers.get(at++), 0), totalSupply);
        equal(action, "treasury balance", uint(answers.get(at++), 0), m.treasury);
        equal(action, "startup balance", uint(answers.get(at++), 0), m.startup);
        equal(action, "totalRaised", uint(answers.get(at++), 0), m.totalRaised);
        equal(action, "status", uint(answers.get(at++), 0), BigInteger.valueOf(m.status));
        equal(action, "refundCursor", uint(answers.get(at++), 0), BigInteger.valueOf(m.cursor));
        equal(action, "investorCount", uint(answers.get(at++), 0), BigInteger.valueOf(m.order.size()));
        for (int i = 0; i < INVESTORS; i++) {
            equal(action, "balance of inv" + i, uint(answers.get(at++), 0), m.balance[i]);
            JsonNode position = answers.get(at++);
            equal(action, "position of inv" + i, uint(position, 0), m.position[i]);
            equal(action, "consent nonce of inv" + i, uint(position, 1), BigInteger.valueOf(m.consentNonce[i]));
        }

        // the money rules, on the model that just matched the chain
        equal(action, "escrow balance = open positions + stray tokens", roundBalance, m.escrow.add(m.stray));
        equal(action, "escrow = sum of positions", m.escrow, m.status == 3 ? BigInteger.ZERO : m.openPositions());
        if (m.status <= 1) {
            equal(action, "sum of positions = totalRaised while nothing left", m.openPositions(), m.totalRaised);
        }
        BigInteger held = m.escrow.add(m.stray).add(m.treasury).add(m.startup);
        for (BigInteger b : m.balance) {
            held = held.add(b);
        }
        equal(action, "the investors' PKN are all accounted for", held,
                START_BALANCE.multiply(BigInteger.valueOf(INVESTORS)).add(treasuryStart));
        check(m.startup.signum() == 0 || (m.status == 3 && m.totalRaised.compareTo(spec.goal()) >= 0
                && m.startup.equals(m.totalRaised)), action + ": the startup holds " + show(m.startup)
                + " without a met goal's release of exactly what was raised");
        for (int i = 0; i < INVESTORS; i++) {
            check(m.refunds[i] <= 1, action + ": inv" + i + " refunded " + m.refunds[i] + " times");
        }
        check(m.treasury.equals(treasuryStart) || m.status >= 2, action + ": the treasury got PKN before settlement");
    }

    private static boolean allReceipts(List<JsonNode> answers, int count) {
        for (int k = 0; k < count; k++) {
            JsonNode receipt = answers.get(k).get("result");
            if (receipt == null || receipt.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Rpc.Call read(String to, String function, org.web3j.abi.datatypes.Type... args) {
        String data = FunctionEncoder.encode(new Function(function, Arrays.asList(args), List.of()));
        return new Rpc.Call("eth_call", List.of(java.util.Map.of("to", to, "data", data), "latest"));
    }

    private static BigInteger uint(JsonNode answer, int word) {
        check(answer.has("result"), "read failed: " + answer);
        String hex = Numeric.cleanHexPrefix(answer.get("result").asText());
        return new BigInteger(hex.substring(64 * word, 64 * (word + 1)), 16);
    }

    private static void equal(Action action, String what, BigInteger actual, BigInteger expected) {
        check(actual.equals(expected), action + ": " + what + " is " + show(actual) + ", expected " + show(expected));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    // ---------------------------------------------------------------- shrinking

    /** The smallest sequence found that still fails, and how many replays it took. */
    record Shrunk(List<Action> actions, Failure failure, int replays) {
    }

    Shrunk shrink(int round, List<Action> failing, Failure failure, Property property, int budget) {
        List<Action> best = new ArrayList<>(failing.subList(0, failure.step() + 1));
        Failure bestFailure = failure;
        int replays = 0;
        boolean progress = true;
        while (progress && replays < budget) {
            progress = false;
            // drop chunks of actions, halving the chunk size
            for (int size = Math.max(1, best.size() / 2); size >= 1 && replays < budget; size /= 2) {
                for (int start = 0; start + size <= best.size() && replays < budget; ) {
                    List<Action> candidate = new ArrayList<>(best.subList(0, start));
                    candidate.addAll(best.subList(start + size, best.size()));
                    replays++;
                    Optional<Failure> f = candidate.isEmpty() ? Optional.empty() : run(round, candidate, property);
                    if (f.isPresent()) {
                        best = new ArrayList<>(candidate.subList(0, f.get().step() + 1));
                        bestFailure = f.get();
                        progress = true;
                    } else {
                        start += size;
                    }
                }
                if (size == 1) {
                    break;
                }
            }
            // simplify each action: lower amounts, genuine signatures, smaller batches
            for (int i = 0; i < best.size() && replays < budget; i++) {
                for (Action simpler : simpler(best.get(i))) {
                    List<Action> candidate = new ArrayList<>(best);
                    candidate.set(i, simpler);
                    replays++;
                    Optional<Failure> f = run(round, candidate, property);
                    if (f.isPresent()) {
                        best = new ArrayList<>(candidate.subList(0, f.get().step() + 1));
                        bestFailure = f.get();
                        progress = true;
                        break;
                    }
                    if (replays >= budget) {
                        break;
                    }
                }
            }
        }
        return new Shrunk(best, bestFailure, replays);
    }

    private static List<Action> simpler(Action action) {
        List<Action> out = new ArrayList<>();
        if (action instanceof Deposit d) {
            for (Item item : simpler(d.item())) {
                out.add(new Deposit(item));
            }
        } else if (action instanceof Batch b) {
            if (b.items().size() > 1) {
                for (int k = 0; k < b.items().size(); k++) {
                    List<Item> fewer = new ArrayList<>(b.items());
                    fewer.remove(k);
                    out.add(new Batch(fewer));
                }
            } else {
                out.add(new Deposit(b.items().get(0)));
            }
        } else if (action instanceof FrontRunDeposit f) {
            out.add(new Deposit(new Item(f.investor(), f.amount(), Tamper.NONE)));
            for (BigInteger lower : lower(f.amount())) {
                out.add(new FrontRunDeposit(f.investor(), lower));
            }
        } else if (action instanceof Stray s) {
            for (BigInteger lower : lower(s.amount())) {
                out.add(new Stray(s.investor(), lower));
            }
        } else if (action instanceof RefundBatch r) {
            if (r.max() > 1) {
                out.add(new RefundBatch(1));
            }
        } else if (action instanceof Advance a) {
            if (a.jump() == Jump.BY && a.seconds() > 1) {
                out.add(new Advance(Jump.BY, a.seconds() / 2));
            }
        }
        return out;
    }

    private static List<Item> simpler(Item item) {
        List<Item> out = new ArrayList<>();
        if (item.tamper() != Tamper.NONE) {
            out.add(new Item(item.investor(), item.amount(), Tamper.NONE));
        }
        for (BigInteger lower : lower(item.amount())) {
            out.add(new Item(item.investor(), lower, item.tamper()));
        }
        if (item.investor() != 0) {
            out.add(new Item(0, item.amount(), item.tamper()));
        }
        return out;
    }

    /** Round whole PKN first, then half, then one PKN. */
    private static List<BigInteger> lower(BigInteger amount) {
        List<BigInteger> out = new ArrayList<>();
        BigInteger whole = amount.divide(PKN).multiply(PKN);
        if (!whole.equals(amount) && whole.signum() > 0) {
            out.add(whole);
        }
        BigInteger half = whole.divide(BigInteger.TWO).divide(PKN).multiply(PKN);
        if (half.signum() > 0 && half.compareTo(whole) < 0) {
            out.add(half);
        }
        if (PKN.compareTo(whole) < 0 && !PKN.equals(half)) {
            out.add(PKN);
        }
        return out;
    }

    // ---------------------------------------------------------------- EIP-712 and ABI words

    static byte[] domain(String name, long chainId, String verifyingContract) {
        return Hash.sha3(concat(keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak(name), keccak("1"), word(chainId), word(verifyingContract)));
    }

    private static byte[] digest(byte[] domain, byte[] encodedStruct) {
        return Hash.sha3(concat(new byte[]{0x19, 0x01}, domain, Hash.sha3(encodedStruct)));
    }

    private static byte[] keccak(String text) {
        return Hash.sha3(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String topic(String event) {
        return Numeric.toHexString(keccak(event));
    }

    private static byte[] word(long value) {
        return word(BigInteger.valueOf(value));
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] word(String address) {
        return Numeric.toBytesPadded(Numeric.toBigInt(address), 32);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String show(BigInteger amount) {
        BigInteger[] parts = amount.divideAndRemainder(PKN);
        return parts[1].signum() == 0 ? parts[0] + " PKN" : parts[0] + " PKN + " + parts[1] + " wei";
    }
}
