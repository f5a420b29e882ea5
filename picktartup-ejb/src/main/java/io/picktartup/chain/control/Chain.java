package io.picktartup.chain.control;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What the platform needs from an EVM node, in its own words. One adapter speaks JSON-RPC through web3j
 * ({@link Web3jChain}); any node failure surfaces as {@link ChainUnavailableException}, so callers can tell "the
 * node is down, try later" from "the chain said no".
 */
public interface Chain {

    long chainId();

    BigInteger pendingNonce(String address);

    /** How many of the account's transactions are mined: every nonce below it is spent for good. */
    BigInteger minedNonce(String address);

    BigInteger gasPrice();

    BigInteger balance(String address);

    boolean hasCode(String address);

    /** Reads a contract's view function at the latest block; returns the ABI-encoded result (0x-hex). */
    String read(String to, String data);

    /**
     * {@link #read} for many view calls ({@code [to, data]} each) in one JSON-RPC batch request, each at the latest
     * block; the ABI-encoded results in the given order (matched by JSON-RPC id), null for a call the node answered
     * with an error. An unreachable node, or a batch answer that misses or repeats an id, fails them all
     * (ChainUnavailableException).
     */
    java.util.List<String> readAll(java.util.List<String[]> calls);

    /** Runs the call against the latest state: empty if it would succeed, else the decoded revert reason. */
    Optional<String> wouldRevert(String from, String to, String data, BigInteger gas);

    /** One call to pre-check with {@link #wouldRevertAll}. */
    record Call(String from, String to, String data, BigInteger gas) {
    }

    /**
     * {@link #wouldRevert} for many calls in one JSON-RPC batch request, each against the latest block on its own;
     * the answers in the given order.
     */
    java.util.List<Optional<String>> wouldRevertAll(java.util.List<Call> calls);

    /** Broadcasts signed bytes; "already known" counts as success. Returns the transaction hash. */
    String broadcast(String rawTransaction);

    Optional<Receipt> receipt(String txHash);

    /**
     * Broadcasts signed transactions in one JSON-RPC batch request (pipelined: none waits for another); per
     * transaction, in the given order, empty if the node took it (or knew it already), else its refusal.
     */
    java.util.List<Optional<BroadcastRefusedException>> broadcastAll(java.util.List<String> rawTransactions);

    /** The receipts of the given transactions, asked in one JSON-RPC batch request; a hash not mined has none. */
    java.util.Map<String, Receipt> receipts(java.util.Collection<String> txHashes);

    /** The newest block that counts as final: the node's {@code finalized} tag, or latest minus the depth. */
    long finalBlock();

    long latestBlock();

    Optional<String> blockHash(long number);

    /**
     * The hashes of blocks {@code from} to {@code to} in one JSON-RPC batch request, by number; stops at the first
     * block the node does not have (the head moved back).
     */
    java.util.SortedMap<Long, String> blockHashes(long from, long to);

    List<Log> logs(List<String> addresses, long fromBlock, long toBlock);

    /** A mined transaction's outcome. */
    record Receipt(String txHash, long blockNumber, String blockHash, boolean success, BigInteger gasUsed) {
    }

    /** One event log. */
    record Log(String address, long blockNumber, String blockHash, String txHash, int logIndex, List<String> topics,
               String data) {
    }
}
