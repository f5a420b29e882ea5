package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.Relayer;
import io.picktartup.chain.entity.ChainTransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.annotation.Gauge;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Chain gauges for Prometheus: pending and failed transactions (from the outbox) and the relayer's balance (from
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
    Relayer relayer;

    private volatile double balance = -1;
    private volatile Instant balanceAt = Instant.EPOCH;

    @Gauge(name = "chain_transactions_pending", absolute = true, unit = "none",
            description = "Chain transactions not yet final (queued, signed, sent or mined)")
    public long pending() {
        return transactions.count(List.of(ChainTransactionStatus.QUEUED, ChainTransactionStatus.SIGNED,
                ChainTransactionStatus.SENT, ChainTransactionStatus.MINED));
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
        if (relayer.configured() && balanceAt.plus(BALANCE_CACHE).isBefore(Instant.now())) {
            try {
                balance = new BigDecimal(chain.balance(relayer.address())).movePointLeft(18).doubleValue();
            } catch (RuntimeException e) {
                balance = -1;
            }
            balanceAt = Instant.now();
        }
        return balance;
    }
}
