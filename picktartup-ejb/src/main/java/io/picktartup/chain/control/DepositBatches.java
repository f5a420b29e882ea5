package io.picktartup.chain.control;

import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How queued deposits become {@code depositBatch} transactions: which go now and together, the batch's call data
 * (made from the deposits' own stored {@code deposit} calls, so a batch carries exactly what each investor signed),
 * its gas limit, and what identifies each item's outcome on chain ({@code Deposited} / {@code DepositSkipped} by
 * investor and consent nonce). Pure: no node, no database.
 */
public final class DepositBatches {

    /**
     * The most deposits one batch carries: {@link #gasLimit}(100) = 15.06 M, under the 2^24 (16.78 M) per-transaction
     * gas cap of EIP-7825.
     */
    public static final int MAX_SIZE = 100;
    /** The batch transaction's own part (intrinsic gas, calldata of the array head, the loop): 60 k with a margin. */
    static final BigInteger BASE_GAS = BigInteger.valueOf(60_000);

    static final String DEPOSIT = selector(
            "deposit((address,uint256,bytes32,uint256,uint256,uint8,bytes32,bytes32))");
    static final String DEPOSIT_BATCH = selector(
            "depositBatch((address,uint256,bytes32,uint256,uint256,uint8,bytes32,bytes32)[])");
    /** A {@code Deposit} is a static tuple: eight 32-byte words, in place. */
    private static final int ITEM_HEX = 8 * 64;

    private DepositBatches() {
    }

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** A queued deposit intent as the grouping sees it. */
    public record Queued(long id, String escrow, Instant createdAt) {
    }

    /**
     * The batches to send now, from queued deposits: per escrow (oldest escrow first), in queue order, chunks of at
     * most {@code size}; a full chunk goes at once, the last partial one only when its oldest deposit has waited
     * {@code wait} (others may still join it). A chunk of one goes alone (the caller sends it as plain
     * {@code deposit}). With {@code size} 1 every deposit goes at once, alone.
     */
    public static <Q extends Queued> List<List<Q>> due(List<Q> queued, int size, Duration wait, Instant now) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one deposit");
        }
        var byEscrow = new LinkedHashMap<String, List<Q>>();
        queued.stream().sorted(Comparator.comparingLong(Queued::id))
                .forEach(q -> byEscrow.computeIfAbsent(q.escrow().toLowerCase(Locale.ROOT), e -> new ArrayList<>()).add(q));
        var due = new ArrayList<List<Q>>();
        for (Map.Entry<String, List<Q>> escrow : byEscrow.entrySet()) {
            List<Q> items = escrow.getValue();
            for (int from = 0; from < items.size(); from += size) {
                List<Q> chunk = List.copyOf(items.subList(from, Math.min(items.size(), from + size)));
                boolean full = chunk.size() == size;
                Instant oldest = chunk.stream().map(Queued::createdAt).min(Comparator.naturalOrder()).orElseThrow();
                if (full || !oldest.plus(wait).isAfter(now)) {
                    due.add(chunk);
                }
            }
        }
        return due;
    }

    /** Whether this call data is a single {@code deposit(Deposit)} of the funding round. */
    public static boolean isDeposit(String callData) {
        return callData != null && callData.length() == 10 + ITEM_HEX
                && callData.substring(0, 10).toLowerCase(Locale.ROOT).equals(DEPOSIT);
    }

    /**
     * {@code depositBatch(Deposit[])} carrying the given {@code deposit(Deposit)} calls, in this order: the selector,
     * the array's offset (one word) and length, then each item's eight words exactly as it was signed and stored.
     */
    public static String batchCallData(List<String> depositCalls) {
        if (depositCalls.isEmpty()) {
            throw new IllegalArgumentException("an empty batch reverts (EmptyBatch)");
        }
        var data = new StringBuilder(DEPOSIT_BATCH).append(word(BigInteger.valueOf(32)))
                .append(word(BigInteger.valueOf(depositCalls.size())));
        for (String call : depositCalls) {
            if (!isDeposit(call)) {
                throw new IllegalArgumentException("not a deposit call: " + (call == null ? null : call.substring(0, Math.min(10, call.length()))));
            }
            data.append(call.substring(10).toLowerCase(Locale.ROOT));
        }
        return data.toString();
    }

    /** The gas limit of a batch of {@code items} deposits: the fixed part plus one full first-time deposit each. */
    public static BigInteger gasLimit(int items) {
        return BASE_GAS.add(io.picktartup.chain.control.RoundCalls.DEPOSIT_BATCH_ITEM_GAS.multiply(BigInteger.valueOf(items)));
    }

    /** What identifies a deposit's outcome in its escrow's events: the investor (lower-case) and the consent nonce. */
    public record Item(String investor, BigInteger amount, String termsHash, BigInteger nonce) {
    }

    /** The investor, amount, terms hash and consent nonce a {@code deposit(Deposit)} call carries. */
    public static Item item(String depositCall) {
        if (!isDeposit(depositCall)) {
            throw new IllegalArgumentException("not a deposit call");
        }
        return new Item("0x" + hexWord(depositCall, 0).substring(24), new BigInteger(hexWord(depositCall, 1), 16),
                "0x" + hexWord(depositCall, 2), new BigInteger(hexWord(depositCall, 3), 16));
    }

    private static String hexWord(String callData, int i) {
        return callData.substring(10 + 64 * i, 10 + 64 * (i + 1)).toLowerCase(Locale.ROOT);
    }

    private static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
