package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.entity.ChainRole;
import io.picktartup.chain.entity.ChainTransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.annotation.Gauge;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Chain gauges for Prometheus: pending and failed transactions (from the outbox) and each signing key's balance (from
 * the node, cached for 15 s so a scrape never waits on a slow node). The intent-to-confirmation time is the
 * {@code chain_confirmation_latency} timer updated by the dispatcher.
 */
@ApplicationScoped
public class ChainMetrics {

    private static final Duration BALANCE_CACHE = Duration.ofSeconds(15);

    @Inject
    ChainTransactions transactions;

    @Inject
    Chain chain;

    @Inject
    ChainKeys keys;

    /** The last balance read per key, and when. */
    private record Balance(double value, Instant at) {
    }

    private final java.util.Map<ChainRole, Balance> balances = new java.util.concurrent.ConcurrentHashMap<>();

    @Gauge(name = "chain_transactions_pending", absolute = true, unit = "none",
            description = "Chain transactions not yet final (queued, batched, signed, sent or mined)")
    public long pending() {
        return transactions.count(List.of(ChainTransactionStatus.QUEUED, ChainTransactionStatus.BATCHED,
                ChainTransactionStatus.SIGNED, ChainTransactionStatus.SENT, ChainTransactionStatus.MINED));
    }

    @Gauge(name = "chain_transactions_failed", absolute = true, unit = "none",
            description = "Chain transactions that failed for good (refused by the pre-check or reverted)")
    public long failed() {
        return transactions.count(List.of(ChainTransactionStatus.FAILED));
    }

    /** In the native coin (BNB, ETH on a dev chain); a monitoring figure, not used for any money decision. */
    @Gauge(name = "chain_relayer_balance", absolute = true, unit = "none",
            description = "Native-coin balance of the relayer account (-1 when unknown)")
    public double relayerBalance() {
        return balance(ChainRole.RELAYER);
    }

    /** Each key pays the gas of its own transactions: each needs funding and an alert. */
    @Gauge(name = "chain_minter_balance", absolute = true, unit = "none",
            description = "Native-coin balance of the minter account (-1 when unknown)")
    public double minterBalance() {
        return balance(ChainRole.MINTER);
    }

    @Gauge(name = "chain_round_creator_balance", absolute = true, unit = "none",
            description = "Native-coin balance of the round creator account (-1 when unknown)")
    public double roundCreatorBalance() {
        return balance(ChainRole.ROUND_CREATOR);
    }

    private double balance(ChainRole role) {
        if (!keys.configured(role)) {
            return -1;
        }
        var last = balances.get(role);
        if (last == null || last.at().plus(BALANCE_CACHE).isBefore(Instant.now())) {
            double value;
            try {
                value = new BigDecimal(chain.balance(keys.address(role))).movePointLeft(18).doubleValue();
            } catch (RuntimeException e) {
                value = -1;
            }
            last = new Balance(value, Instant.now());
            balances.put(role, last);
        }
        return last.value();
    }
}
