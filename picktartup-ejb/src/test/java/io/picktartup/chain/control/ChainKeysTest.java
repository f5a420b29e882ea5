package io.picktartup.chain.control;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signing pass's signatures, computed on two threads ({@link ChainKeys#signAll}), are web3j's bytes of each
 * transaction in the order given, with or without the helper thread, and a key that is not configured fails the call.
 */
class ChainKeysTest {

    private static final String MINTER = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    @Test
    void signsEachTransactionAsWeb3jDoesInOrderOnTwoThreads() {
        var started = new AtomicInteger();
        var keys = keys(factory(started));
        var minter = Credentials.create(MINTER);
        var transactions = transactions(minter.getAddress(), 200);

        var signed = keys.signAll(transactions);

        assertThat(signed).hasSize(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            var t = transactions.get(i);
            String web3j = Numeric.toHexString(TransactionEncoder.signMessage(RawTransaction.createTransaction(t.nonce(),
                    t.gasPrice(), t.gasLimit(), t.to(), BigInteger.ZERO, t.data()), 31337, minter));
            assertThat(signed.get(i).raw()).as("transaction %d", i).isEqualTo(web3j);
            assertThat(signed.get(i).hash()).isEqualTo(org.web3j.crypto.Hash.sha3(web3j));
        }
        assertThat(started).as("the helper thread was started").hasValue(1);
        keys.stopHelper();
    }

    @Test
    void signsAsideOnTheHelperThreadTheSameBytes() throws Exception {
        var keys = keys(factory(new AtomicInteger()));
        var transactions = transactions(Credentials.create(MINTER).getAddress(), 30);

        var aside = keys.signAllAside(transactions).orElseThrow().get();

        assertThat(aside).isEqualTo(keys.signAll(transactions));
        assertThat(keys(null).signAllAside(transactions)).as("no helper: nothing started").isEmpty();
        keys.stopHelper();
    }

    @Test
    void withoutAHelperThisThreadSignsThemAll() {
        var keys = keys(null);
        var minter = Credentials.create(MINTER);
        var transactions = transactions(minter.getAddress(), 5);

        var signed = keys.signAll(transactions);

        for (int i = 0; i < transactions.size(); i++) {
            var t = transactions.get(i);
            assertThat(signed.get(i)).isEqualTo(keys.sign(t.from(), t.nonce(), t.gasPrice(), t.gasLimit(), t.to(), t.data()));
        }
    }

    @Test
    void anAccountWithoutAConfiguredKeyFailsTheCall() {
        var keys = keys(factory(new AtomicInteger()));
        var transactions = new ArrayList<>(transactions(Credentials.create(MINTER).getAddress(), 20));
        transactions.add(10, new ChainKeys.Unsigned("0x000000000000000000000000000000000000dead", BigInteger.ONE,
                BigInteger.TEN, BigInteger.valueOf(100_000), "0x000000000000000000000000000000000000beef", "0x"));

        assertThatThrownBy(() -> keys.signAll(transactions)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no configured key");
        keys.stopHelper();
    }

    private static ChainKeys keys(ManagedThreadFactory threads) {
        var settings = new ChainSettings();
        settings.chainId = 31337;
        var keys = new ChainKeys();
        keys.settings = settings;
        keys.relayerKey = Optional.empty();
        keys.minterKey = Optional.of(MINTER);
        keys.roundCreatorKey = Optional.empty();
        keys.secondAgentKey = Optional.empty();
        keys.threads = threads;
        keys.load();
        return keys;
    }

    private static List<ChainKeys.Unsigned> transactions(String from, int n) {
        var transactions = new ArrayList<ChainKeys.Unsigned>();
        for (int i = 0; i < n; i++) {
            transactions.add(new ChainKeys.Unsigned(from, BigInteger.valueOf(1_000 + i), BigInteger.valueOf(2_000_000_000L),
                    BigInteger.valueOf(200_000), "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                    "0x40c10f19" + "%064x".formatted(i) + "%064x".formatted(7 * i + 1)));
        }
        return transactions;
    }

    private static ManagedThreadFactory factory(AtomicInteger started) {
        return new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                started.incrementAndGet();
                var thread = new Thread(r, "signing-helper");
                thread.setDaemon(true);
                return thread;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
