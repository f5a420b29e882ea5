package io.picktartup.chain.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/** The {@link Chain} over JSON-RPC with web3j, with short timeouts: a slow node must not hold the dispatcher. */
@ApplicationScoped
public class Web3jChain implements Chain {

    @Inject
    ChainSettings settings;

    @Inject
    RevertReasons reasons;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Web3jChain.class.getName());

    private Web3j web3j;
    private OkHttpClient http;
    private volatile boolean finalizedTagRefused;

    @PostConstruct
    void connect() {
        http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15))
                .build();
        web3j = Web3j.build(new HttpService(settings.rpcUrl(), http));
    }

    /** A chain over {@code web3j} without the container (unit tests). */
    static Web3jChain over(Web3j web3j) {
        var chain = new Web3jChain();
        chain.web3j = web3j;
        return chain;
    }

    @PreDestroy
    void disconnect() {
        web3j.shutdown();
    }

    @Override
    public long chainId() {
        return answer(call(() -> web3j.ethChainId().send()), "eth_chainId").getChainId().longValueExact();
    }

    @Override
    public BigInteger pendingNonce(String address) {
        return answer(call(() -> web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send()),
                "eth_getTransactionCount").getTransactionCount();
    }

    @Override
    public BigInteger minedNonce(String address) {
        return answer(call(() -> web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()),
                "eth_getTransactionCount").getTransactionCount();
    }

    @Override
    public BigInteger gasPrice() {
        return answer(call(() -> web3j.ethGasPrice().send()), "eth_gasPrice").getGasPrice();
    }

    @Override
    public BigInteger balance(String address) {
        return answer(call(() -> web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send()),
                "eth_getBalance").getBalance();
    }

    @Override
    public boolean hasCode(String address) {
        String code = answer(call(() -> web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send()),
                "eth_getCode").getCode();
        return code != null && code.length() > 2;
    }

    @Override
    public String read(String to, String data) {
        var transaction = Transaction.createEthCallTransaction(null, to, data);
        var response = answer(call(() -> web3j.ethCall(transaction, DefaultBlockParameterName.LATEST).send()), "eth_call");
        return response.getValue();
    }

    @Override
    public List<String> readAll(List<String[]> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        var batch = web3j.newBatch();
        for (var c : calls) {
            batch.add(web3j.ethCall(Transaction.createEthCallTransaction(null, c[0], c[1]),
                    DefaultBlockParameterName.LATEST));
        }
        // one element's error (a provider's per-call rate limit) leaves only that element unread
        return inRequestOrder(batch, "eth_call").stream()
                .map(response -> response.hasError() ? null : ((EthCall) response).getValue()).toList();
    }

    @Override
    public Optional<String> wouldRevert(String from, String to, String data, BigInteger gas) {
        // no gas price: an eth_call with one is refused for an account without native coin
        var transaction = new Transaction(from, null, null, gas, to, null, data);
        return verdict(call(() -> web3j.ethCall(transaction, DefaultBlockParameterName.LATEST).send()));
    }

    @Override
    public List<Optional<String>> wouldRevertAll(List<Call> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        var batch = web3j.newBatch();
        for (var c : calls) {
            batch.add(web3j.ethCall(new Transaction(c.from(), null, null, c.gas(), c.to(), null, c.data()),
                    DefaultBlockParameterName.LATEST));
        }
        return inRequestOrder(batch, "eth_call").stream().map(response -> verdict((EthCall) response)).toList();
    }

    /** A pre-check's answer: empty if the call goes through, else the decoded reason; a node failure throws. */
    private Optional<String> verdict(EthCall response) {
        if (response.hasError()) {
            var error = response.getError();
            String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
            boolean refused = error.getCode() == 3 || message.contains("revert") || message.contains("out of gas")
                    || message.contains("insufficient funds") || (error.getData() != null && !error.getData().isBlank());
            if (!refused) {
                // the node failed, not the call (e.g. "block height is 1251 but requested was 1250"): try again later,
                // never fail a payment's mint or an investor's deposit for good over a node's hiccup
                throw new ChainUnavailableException("pre-check not answered: " + error.getMessage(), null);
            }
            return Optional.of(reasons.describe(error.getData(), error.getMessage()));
        }
        if (response.isReverted()) {
            return Optional.of(reasons.describe(response.getRevertReason(), response.getRevertReason()));
        }
        return Optional.empty();
    }

    @Override
    public String broadcast(String rawTransaction) {
        String hash = Hash.sha3(rawTransaction);
        var response = call(() -> web3j.ethSendRawTransaction(rawTransaction).send());
        var refused = refusal(response);
        if (refused.isPresent()) {
            throw refused.get();
        }
        return hash;
    }

    @Override
    public List<Optional<BroadcastRefusedException>> broadcastAll(List<String> rawTransactions) {
        if (rawTransactions.isEmpty()) {
            return List.of();
        }
        var batch = web3j.newBatch();
        rawTransactions.forEach(raw -> batch.add(web3j.ethSendRawTransaction(raw)));
        return inRequestOrder(batch, "eth_sendRawTransaction").stream().map(Web3jChain::refusal).toList();
    }

    /**
     * A batch's answers in its requests' order, matched by JSON-RPC id: a node (or a gateway before it) may answer a
     * batch in any order, and web3j pairs them by position. A missing or repeated id fails the whole batch.
     */
    private static List<Response<?>> inRequestOrder(BatchRequest batch, String method) {
        List<? extends Response<?>> responses = call(() -> batch.send()).getResponses();
        var byId = new HashMap<Long, Response<?>>();
        for (Response<?> response : responses) {
            if (byId.put(response.getId(), response) != null) {
                throw new ChainUnavailableException(method + " batch answered id " + response.getId() + " twice", null);
            }
        }
        var ordered = new java.util.ArrayList<Response<?>>(batch.getRequests().size());
        for (var request : batch.getRequests()) {
            Response<?> response = byId.get(request.getId());
            if (response == null) {
                throw new ChainUnavailableException(method + " batch answered " + responses.size() + " of "
                        + batch.getRequests().size(), null);
            }
            ordered.add(response);
        }
        return ordered;
    }

    /** Empty if the node took the transaction or knew it already; else why it refused it. */
    private static Optional<BroadcastRefusedException> refusal(Response<?> response) {
        if (!response.hasError()) {
            return Optional.empty();
        }
        String message = response.getError().getMessage();
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("already known") || lower.contains("already imported")
                || lower.contains("known transaction")) {
            return Optional.empty();
        }
        return Optional.of(new BroadcastRefusedException(message));
    }

    @Override
    public Optional<Receipt> receipt(String txHash) {
        return answer(call(() -> web3j.ethGetTransactionReceipt(txHash).send()), "eth_getTransactionReceipt")
                .getTransactionReceipt()
                .map(Web3jChain::receipt);
    }

    @Override
    public Map<String, Receipt> receipts(Collection<String> txHashes) {
        if (txHashes.isEmpty()) {
            return Map.of();
        }
        var batch = web3j.newBatch();
        txHashes.forEach(hash -> batch.add(web3j.ethGetTransactionReceipt(hash)));
        var receipts = new HashMap<String, Receipt>();
        for (Response<?> response : call(() -> batch.send()).getResponses()) {
            answer((EthGetTransactionReceipt) response, "eth_getTransactionReceipt").getTransactionReceipt()
                    .ifPresent(r -> receipts.put(r.getTransactionHash().toLowerCase(Locale.ROOT), receipt(r)));
        }
        return receipts;
    }

    private static Receipt receipt(TransactionReceipt r) {
        return new Receipt(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getBlockHash(),
                r.isStatusOK(), r.getGasUsed());
    }

    @Override
    public long finalBlock() {
        if (settings.useFinalizedTag()) {
            var response = call(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.FINALIZED, false).send());
            // a node that does not know the tag answers with an error: the depth decides then (said once)
            if (response.hasError()) {
                if (!finalizedTagRefused) {
                    finalizedTagRefused = true;
                    LOG.warning(() -> "The node refuses the finalized block tag (" + response.getError().getMessage()
                            + "): finality falls back to " + settings.confirmations() + " confirmations");
                }
            } else if (response.getBlock() != null) {
                return response.getBlock().getNumber().longValueExact();
            }
        }
        return latestBlock() - (settings.confirmations() - 1);
    }

    @Override
    public long latestBlock() {
        return answer(call(() -> web3j.ethBlockNumber().send()), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    @Override
    public Optional<String> blockHash(long number) {
        var block = answer(call(() -> web3j.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send()), "eth_getBlockByNumber").getBlock();
        return Optional.ofNullable(block).map(b -> b.getHash());
    }

    @Override
    public java.util.SortedMap<Long, String> blockHashes(long from, long to) {
        var hashes = new java.util.TreeMap<Long, String>();
        if (to < from) {
            return hashes;
        }
        var batch = web3j.newBatch();
        for (long n = from; n <= to; n++) {
            batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
        }
        // keyed by each block's own number: a node may answer a batch in any order (JSON-RPC matches by id)
        for (Response<?> response : call(() -> batch.send()).getResponses()) {
            var block = answer((org.web3j.protocol.core.methods.response.EthBlock) response, "eth_getBlockByNumber")
                    .getBlock();
            if (block != null) {
                hashes.put(block.getNumber().longValueExact(), block.getHash());
            }
        }
        // only the blocks from {@code from} on without a gap (past the head the node has none)
        long next = from;
        while (hashes.containsKey(next)) {
            next++;
        }
        return next > to ? hashes : new java.util.TreeMap<>(hashes.headMap(next));
    }

    @Override
    public List<Log> logs(List<String> addresses, long fromBlock, long toBlock) {
        var filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), addresses);
        EthLog response = answer(call(() -> web3j.ethGetLogs(filter).send()), "eth_getLogs");
        return response.getLogs().stream()
                .map(result -> (org.web3j.protocol.core.methods.response.Log) result.get())
                .map(log -> new Log(log.getAddress(), log.getBlockNumber().longValueExact(), log.getBlockHash(),
                        log.getTransactionHash(), log.getLogIndex().intValueExact(), List.copyOf(log.getTopics()),
                        log.getData()))
                .toList();
    }

    private interface Rpc<T> {
        T send() throws IOException;
    }

    private static <T> T call(Rpc<T> rpc) {
        try {
            return rpc.send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("chain node unavailable: " + e.getMessage(), e);
        }
    }

    private static <T extends Response<?>> T answer(T response, String method) {
        if (response.hasError()) {
            throw new ChainUnavailableException(method + " failed: " + response.getError().getMessage(), null);
        }
        return response;
    }
}
