package io.picktartup.bench;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The raw floor of the chain benchmarks (issue 19 §4): a client that pipelines — it signs its transactions with
 * local, consecutive nonces (the platform's fast signer, each batch while the one before is in flight), sends them in
 * JSON-RPC batch requests without waiting for receipts, then fetches the receipts in batch requests, of the
 * transactions its sender's mined nonce count says are mined, until every one is. No database, no outbox: what the node itself allows one sender.
 */
final class PipelinedClient {

    /**
     * How many calls one JSON-RPC batch request carries (sends and receipt look-ups): as many as the dev chain's
     * dispatcher takes per round (250); with 100 the outbox at 250 outran this floor (1.08x).
     */
    static final int RPC_BATCH = 250;

    /**
     * At most this many of a run's transactions sent and not yet mined (PIPELINE_WINDOW; 0, the default: no bound,
     * every batch sent as soon as it is signed).
     */
    static final int WINDOW = Integer.parseInt(System.getenv().getOrDefault("PIPELINE_WINDOW", "0"));

    private PipelinedClient() {
    }

    /** How long the receipts may make no progress before a run given a nudge uses it. */
    static final Duration STALL = Duration.ofMillis(200);

    /** What a pipelined run did; {@code nudges}: how often a stalled node was made to mine (see {@link #run}). */
    record Run(int sent, int succeeded, double seconds, BigInteger gasUsed, int nudges) {
        double perSecond() {
            return sent / seconds;
        }
    }

    /**
     * Signs and sends one transaction per call data from {@code sender} to {@code to} (nonces from the node's pending
     * count, then local), then waits for all receipts; timed from the first signature to the last receipt.
     */
    static Run run(Web3j web3j, long chainId, Credentials sender, String to, List<String> callData,
            BigInteger gasPrice, BigInteger gasLimit) throws Exception {
        return run(web3j, chainId, sender, to, callData, gasPrice, gasLimit, null);
    }

    /**
     * As above; when the receipts make no progress for {@link #STALL}, {@code nudge} runs (e.g. asks anvil to mine
     * what its pool holds; true if it did). Anvil's automine builds a block from the ready transactions when one
     * arrives, up to the block's gas limit (30 M): of several large transactions sent in one batch (refund chunks of
     * 8 M gas each) those that did not fit may wait in its pool, ready, until another transaction comes, which for a
     * client that has sent everything is never. A nudge only makes the floor faster (stricter for what is compared
     * with it).
     */
    static Run run(Web3j web3j, long chainId, Credentials sender, String to, List<String> callData,
            BigInteger gasPrice, BigInteger gasLimit, java.util.function.BooleanSupplier nudge) throws Exception {
        Instant start = Instant.now();
        BigInteger nonce = web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        BigInteger first = nonce;
        BigInteger key = sender.getEcKeyPair().getPrivateKey();
        int count = callData.size();
        // each batch is signed while the one before is in flight (one at a time, lowest nonces first), with the
        // platform's own signer (web3j's bytes without its public-key recoveries): a floor that signed everything
        // first with web3j's signMessage spent half its time signing, and the outbox at times outran it
        Set<String> pending = new LinkedHashSet<>();
        java.util.concurrent.CompletableFuture<org.web3j.protocol.core.BatchResponse> inFlight = null;
        for (int from = 0; from < count; from += RPC_BATCH) {
            if (WINDOW > 0) {
                // at most WINDOW of this run's transactions unmined: the next batch waits for the node to catch up
                while (from - web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST)
                        .send().getTransactionCount().subtract(first).longValueExact() >= WINDOW) {
                    Thread.sleep(2);
                }
            }
            var batch = web3j.newBatch();
            for (String data : callData.subList(from, Math.min(count, from + RPC_BATCH))) {
                String tx = Numeric.toHexString(io.picktartup.chain.control.TransactionSigner.sign(
                        RawTransaction.createTransaction(nonce, gasPrice, gasLimit, to, BigInteger.ZERO, data),
                        chainId, key));
                nonce = nonce.add(BigInteger.ONE);
                batch.add(web3j.ethSendRawTransaction(tx));
                pending.add(Hash.sha3(tx));
            }
            if (inFlight != null) {
                accepted(inFlight.get());
            }
            inFlight = batch.sendAsync();
        }
        if (inFlight != null) {
            accepted(inFlight.get());
        }
        int succeeded = 0;
        BigInteger gasUsed = BigInteger.ZERO;
        Instant deadline = Instant.now().plusSeconds(600);
        Instant nextReport = Instant.now().plusSeconds(30);
        Instant lastProgress = Instant.now();
        int nudges = 0;
        while (!pending.isEmpty()) {
            if (Instant.now().isAfter(nextReport)) {
                nextReport = Instant.now().plusSeconds(30);
                System.err.println("[bench] pipelined client: " + pending.size() + " of " + count
                        + " receipts missing; sender nonce mined " + web3j.ethGetTransactionCount(sender.getAddress(),
                        DefaultBlockParameterName.LATEST).send().getTransactionCount() + ", pending "
                        + web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                        .getTransactionCount() + ", ours from " + first + " to " + nonce.subtract(BigInteger.ONE)
                        + "; block " + web3j.ethBlockNumber().send().getBlockNumber() + ", gas price offered " + gasPrice
                        + ", node's " + web3j.ethGasPrice().send().getGasPrice());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(pending.size() + " receipts missing after 600 s");
            }
            // one sender's transactions are mined in nonce order: the sender's mined count says which have a receipt,
            // so only those are asked for (a batch of look-ups of unmined hashes spent the node's CPU on nothing: the
            // raw client's anvil CPU per mint was 2.5-3.2 ms against the outbox's 1.0-2.0, which asks after a pause)
            long mined = web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().subtract(first).longValueExact();
            int fetched = count - pending.size();
            long ready = Math.min(RPC_BATCH, mined - fetched);
            List<String> asked = new ArrayList<>();
            for (var it = pending.iterator(); it.hasNext() && asked.size() < ready; ) {
                asked.add(it.next());
            }
            boolean progress = false;
            if (!asked.isEmpty()) {
                var batch = web3j.newBatch();
                asked.forEach(hash -> batch.add(web3j.ethGetTransactionReceipt(hash)));
                for (Response<?> response : batch.send().getResponses()) {
                    var receipt = ((EthGetTransactionReceipt) response).getTransactionReceipt();
                    if (receipt.isPresent()) {
                        pending.remove(receipt.get().getTransactionHash());
                        succeeded += receipt.get().isStatusOK() ? 1 : 0;
                        gasUsed = gasUsed.add(receipt.get().getGasUsed());
                        progress = true;
                    }
                }
            }
            if (progress) {
                lastProgress = Instant.now();
            } else if (nudge != null && Duration.between(lastProgress, Instant.now()).compareTo(STALL) >= 0) {
                nudges += nudge.getAsBoolean() ? 1 : 0;
                lastProgress = Instant.now();
            } else {
                Thread.sleep(5);
            }
        }
        return new Run(callData.size(), succeeded, Duration.between(start, Instant.now()).toMillis() / 1000.0, gasUsed,
                nudges);
    }

    /** Fails the run if the node refused any transaction of a sent batch. */
    private static void accepted(org.web3j.protocol.core.BatchResponse answers) {
        for (Response<?> response : answers.getResponses()) {
            if (response.hasError()) {
                throw new IllegalStateException("send refused: " + response.getError().getMessage());
            }
        }
    }
}
