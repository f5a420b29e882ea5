package io.picktartup.chain.contract;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The test harness's view of the chain: web3j on a fresh anvil, its funded dev accounts, transactions signed
 * with the chain id (EIP-155) and checked with {@code eth_call} first so a revert is reported by its custom
 * error (web3j 4.13 does not decode those).
 */
public final class Chain implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    /** anvil's well-known dev keys (public test mnemonic), funded with 10,000 ETH each on a fresh chain. */
    private static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

    static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(29_000_000L);

    private final Anvil anvil;
    private final Web3j web3j;
    private final AtomicBoolean closed = new AtomicBoolean();

    Chain(Anvil anvil) {
        this.anvil = anvil;
        this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return Anvil.CHAIN_ID;
    }

    /** Dev account {@code i} (0..3): funded with ETH. */
    public Credentials account(int i) {
        return Credentials.create(DEV_KEYS.get(i));
    }

    /** A new key with no ETH and no history, as an investor's wallet is. */
    public Credentials newWallet() {
        try {
            return Credentials.create(Keys.createEcKeyPair());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public TransactionManager txManager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, chainId(),
                new PollingTransactionReceiptProcessor(web3j, 20, 500));
    }

    public ContractGasProvider gas() {
        return new StaticGasProvider(GAS_PRICE, GAS_LIMIT);
    }

    /**
     * Sends {@code data} to {@code to} from {@code from} and returns the mined receipt; fails with the decoded
     * custom error if the call would revert.
     */
    public TransactionReceipt send(Credentials from, String to, String data) {
        Reverted reverted = tryCall(from.getAddress(), to, data);
        if (reverted != null) {
            throw new AssertionError("transaction would revert: " + reverted);
        }
        try {
            TransactionManager tm = txManager(from);
            EthSendTransaction sent = tm.sendTransaction(GAS_PRICE, GAS_LIMIT, to, data, BigInteger.ZERO);
            if (sent.hasError()) {
                throw new AssertionError("rejected: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 20, 500)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new AssertionError("reverted on chain: " + receipt);
            }
            return receipt;
        } catch (IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gas the node says the call needs as a transaction (the limit to give it, refunds not deducted). */
    public long estimateGas(String from, String to, String data) {
        var estimate = await(web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(from, null, null,
                GAS_LIMIT, to, data)));
        return estimate.getAmountUsed().longValueExact();
    }

    /** The custom error the call would revert with, or {@code null} if it would succeed. */
    public Reverted tryCall(String from, String to, String data) {
        EthCall call = await(web3j.ethCall(Transaction.createEthCallTransaction(from, to, data),
                DefaultBlockParameterName.LATEST));
        if (!call.hasError() && !call.isReverted()) {
            return null;
        }
        String raw = call.hasError() ? String.valueOf(call.getError().getData()) : call.getValue();
        return Reverted.of(raw == null ? "" : raw.replace("\"", ""),
                call.hasError() ? call.getError().getMessage() : call.getRevertReason());
    }

    /**
     * The custom error the call would revert with if it ran in a block at {@code time} (eth_call with a block
     * override), or {@code null} if it would succeed there.
     */
    public Reverted tryCallAt(String from, String to, String data, long time) {
        Map<String, String> tx = new LinkedHashMap<>();
        tx.put("from", from);
        tx.put("to", to);
        tx.put("data", data);
        EthCall call = await(new Request<>("eth_call", List.of(tx, "latest", Map.of(),
                Map.of("time", Numeric.toHexStringWithPrefix(BigInteger.valueOf(time)))),
                new HttpService(anvil.rpcUrl()), EthCall.class));
        if (!call.hasError() && !call.isReverted()) {
            return null;
        }
        String raw = call.hasError() ? String.valueOf(call.getError().getData()) : call.getValue();
        return Reverted.of(raw == null ? "" : raw.replace("\"", ""),
                call.hasError() ? call.getError().getMessage() : call.getRevertReason());
    }

    /**
     * Mines {@code data} from {@code from} to {@code to} in a block at exactly {@code time}, without checking it
     * first: the receipt tells whether it reverted there.
     */
    public TransactionReceipt sendAt(Credentials from, String to, String data, long time) {
        await(new Request<>("evm_setNextBlockTimestamp", List.of(time), new HttpService(anvil.rpcUrl()),
                Response.class));
        try {
            EthSendTransaction sent = txManager(from).sendTransaction(GAS_PRICE, BigInteger.valueOf(1_000_000), to,
                    data, BigInteger.ZERO);
            if (sent.hasError()) {
                throw new AssertionError("rejected: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 20, 500)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (blockTime(receipt) != time) {
                throw new AssertionError("mined at " + blockTime(receipt) + ", not at " + time);
            }
            return receipt;
        } catch (IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON-RPC endpoint of this chain's anvil. */
    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    /** Asserts that {@code from} calling {@code to} with {@code data} reverts, and returns the error. */
    public Reverted expectRevert(Credentials from, String to, String data) {
        Reverted reverted = tryCall(from.getAddress(), to, data);
        if (reverted == null) {
            throw new AssertionError("expected a revert, but the call succeeds");
        }
        return reverted;
    }

    /** The timestamp of the block that holds {@code receipt}. */
    public long blockTime(TransactionReceipt receipt) {
        return await(web3j.ethGetBlockByHash(receipt.getBlockHash(), false)).getBlock().getTimestamp().longValueExact();
    }

    public long now() {
        return await(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock().getTimestamp()
                .longValueExact();
    }

    /**
     * Moves the chain's clock forward and mines a block at least {@code seconds} after the latest block. Anvil adds
     * the offset to the wall clock, not to the latest block's time: when blocks came faster than one a second the
     * chain's clock runs ahead of the wall clock, and the block mined after the offset could fall short of the
     * target (a round "still open" one second before its deadline); it is then mined again at the target exactly.
     */
    public void increaseTime(long seconds) {
        long target = now() + seconds;
        await(new Request<>("evm_increaseTime", List.of(seconds), new HttpService(anvil.rpcUrl()), Response.class));
        await(new Request<>("evm_mine", List.of(), new HttpService(anvil.rpcUrl()), Response.class));
        if (now() < target) {
            setNextBlockTimestamp(target);
            await(new Request<>("evm_mine", List.of(), new HttpService(anvil.rpcUrl()), Response.class));
        }
    }

    /** Mines the next block at exactly {@code timestamp} (later than the latest block's). */
    public void setNextBlockTimestamp(long timestamp) {
        await(new Request<>("evm_setNextBlockTimestamp", List.of(timestamp), new HttpService(anvil.rpcUrl()),
                Response.class));
    }

    /** Sends without the {@code eth_call} check first and returns the mined receipt, reverted or not. */
    public TransactionReceipt sendUnchecked(Credentials from, String to, String data) {
        try {
            EthSendTransaction sent = txManager(from).sendTransaction(GAS_PRICE, BigInteger.valueOf(1_000_000L), to,
                    data, BigInteger.ZERO);
            if (sent.hasError()) {
                throw new AssertionError("rejected: " + sent.getError().getMessage());
            }
            return new PollingTransactionReceiptProcessor(web3j, 20, 500)
                    .waitForTransactionReceipt(sent.getTransactionHash());
        } catch (IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void setEthBalance(String address, BigInteger wei) {
        await(new Request<>("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)),
                new HttpService(anvil.rpcUrl()), VoidResponse.class));
    }

    public long transactionCount(String address) {
        return await(web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST)).getTransactionCount()
                .longValueExact();
    }

    public BigInteger ethBalance(String address) {
        return await(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST)).getBalance();
    }

    private static <T extends Response<?>> T await(Request<?, T> request) {
        try {
            T response = request.send();
            if (response.hasError() && !(response instanceof EthCall)) {
                throw new IllegalStateException(response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            web3j.shutdown();
            anvil.close();
        }
    }
}
