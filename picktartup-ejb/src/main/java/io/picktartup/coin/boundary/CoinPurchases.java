package io.picktartup.coin.boundary;

import io.picktartup.chain.entity.IntentKind;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.coin.control.CoinSettings;
import io.picktartup.coin.control.Payment;
import io.picktartup.coin.control.PaymentGateway;
import io.picktartup.coin.control.PaymentNotCancellableException;
import io.picktartup.coin.control.PaymentGatewayUnavailableException;
import io.picktartup.coin.entity.CoinOrder;
import io.picktartup.coin.entity.OrderStatus;
import io.picktartup.coin.entity.PaymentMismatchException;
import io.picktartup.coin.entity.PaymentNotice;
import io.picktartup.coin.entity.PaymentNotice.Outcome;
import io.picktartup.coin.entity.PaymentNotice.Source;
import io.picktartup.wallet.entity.Won;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Buying PKN by card. An order is placed at the current rate; the gateway's webhook and the buyer's return from
 * checkout both end in {@link #confirm}, which asks the gateway itself (never trusting the notification) and, for
 * a PAID payment of exactly the order's amount, credits the order once and queues its mint through the chain
 * outbox — in one transaction, under the order's row lock, so concurrent and repeated notifications mint once.
 */
@Stateless
public class CoinPurchases {

    private static final Logger LOG = Logger.getLogger(CoinPurchases.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a notification led to, and the order as it now stands (empty for an unknown payment id). */
    public record Confirmation(Outcome outcome, Optional<CoinOrder> order) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    PaymentGateway gateway;

    @Inject
    PaymentNotices notices;

    @Inject
    ChainOutbox outbox;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    ChainSettings chain;

    @Inject
    CoinSettings settings;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    /**
     * Places an order of {@code krw} won (as typed or sent: parsed by {@link Won#parse}) for the buyer's wallet; the
     * payment id goes to the checkout.
     */
    public CoinOrder place(UUID accountId, String walletAddress, String krw) {
        var amount = Won.parse("krwAmount", krw);
        String paymentId = "pkn-" + HexFormat.of().formatHex(randomBytes(12));
        var order = new CoinOrder(accountId, walletAddress, amount, settings.minimumOrder(),
                settings.maximumOrder(), settings.wonPerToken(), paymentId, clock.now());
        em.persist(order);
        audit.record(accountId.toString(), "coin.order-placed", "coin_order", paymentId, null,
                order.amount().value() + " KRW for " + order.tokens());
        metrics.counter("coin_orders_placed_total").inc();
        return order;
    }

    /**
     * A notification that a payment changed: from the gateway's verified webhook ({@code caller} empty) or from a
     * buyer's return ({@code caller} is the signed-in account, which must own the order).
     */
    public Confirmation confirm(String paymentId, Source source, String webhookId, Optional<UUID> caller) {
        UUID callerId = caller.orElse(null);
        if (source == Source.WEBHOOK && webhookId != null && !notices.firstDelivery(webhookId)) {
            return new Confirmation(Outcome.DUPLICATE, Optional.empty()); // this very delivery was handled: nothing
        }
        var found = em.createQuery("select o from CoinOrder o where o.paymentId = :id", CoinOrder.class)
                .setParameter("id", paymentId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
        if (found.isEmpty()) {
            notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.UNKNOWN_ORDER, "no such order");
            return new Confirmation(Outcome.UNKNOWN_ORDER, Optional.empty());
        }
        var order = found.get();
        if (callerId != null && !order.belongsTo(callerId)) {
            notices.record(source, paymentId, webhookId, callerId, Outcome.FOREIGN_ORDER,
                    "order belongs to another account");
            throw new NotFoundException("Order", paymentId);
        }
        if (order.status() != OrderStatus.PENDING) {
            notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.DUPLICATE, "order is " + order.status());
            return new Confirmation(Outcome.DUPLICATE, Optional.of(order));
        }
        Optional<Payment> payment;
        try {
            payment = gateway.lookup(paymentId);
        } catch (PaymentGatewayUnavailableException e) {
            notices.record(source, paymentId, webhookId, callerId, Outcome.GATEWAY_UNAVAILABLE, e.getMessage());
            throw e;
        }
        if (payment.isEmpty()) {
            notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.NOT_PAID, "unknown to the gateway");
            return new Confirmation(Outcome.NOT_PAID, Optional.of(order));
        }
        var paid = payment.get();
        switch (paid.status()) {
            case PAID -> {
                try {
                    order.credit(Won.of(paid.amount()), paid.currency(), clock.now());
                } catch (PaymentMismatchException e) {
                    notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.AMOUNT_MISMATCH, e.getMessage());
                    LOG.warning(() -> "Refused to credit: " + e.getMessage());
                    return new Confirmation(Outcome.AMOUNT_MISMATCH, Optional.of(order));
                }
                String token = chain.tokenAddress().orElseThrow(() -> new io.picktartup.platform.entity.UnavailableException("chain.unavailable", "The token address is not configured."));
                outbox.enqueue(order.mintKey(), token,
                        tokenCalls.mint(order.walletAddress(), order.tokens().baseUnits(), paymentId),
                        TokenCalls.MINT_GAS);
                order.minting(clock.now());
                audit.record(source == Source.WEBHOOK ? "gateway" : order.accountId().toString(),
                        "coin.order-paid", "coin_order", paymentId, OrderStatus.PENDING.name(), OrderStatus.MINTING.name());
                notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.CREDITED, paid.amount() + " KRW");
                metrics.counter("coin_orders_paid_total").inc();
                return new Confirmation(Outcome.CREDITED, Optional.of(order));
            }
            case FAILED, CANCELLED -> {
                order.declined("payment " + paid.status().name().toLowerCase(), clock.now());
                audit.record("gateway", "coin.order-declined", "coin_order", paymentId, OrderStatus.PENDING.name(),
                        OrderStatus.FAILED.name());
                notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.DECLINED, paid.status().name());
                return new Confirmation(Outcome.DECLINED, Optional.of(order));
            }
            default -> {
                notices.recordInTransaction(source, paymentId, webhookId, callerId, Outcome.NOT_PAID, paid.status().name());
                return new Confirmation(Outcome.NOT_PAID, Optional.of(order));
            }
        }
    }

    /**
     * The mints of orders reached their end on chain: each order completes, or fails and awaits its refund. A pass's
     * mints are handled together: their orders locked and read in one statement (in id order, as every order lock is
     * taken), each moved by its own rule in the pass's order, audited in one call.
     */
    public void onMintSettled(@Observes ChainTransactionsSettled pass) {
        var mints = new java.util.HashMap<String, ChainTransactionSettled>();
        for (var settled : pass.of(IntentKind.MINT)) {
            mints.put(settled.key().reference(), settled);
        }
        if (mints.isEmpty()) {
            return;
        }
        var orders = em.createQuery("select o from CoinOrder o where o.paymentId in :ids order by o.id", CoinOrder.class)
                .setParameter("ids", mints.keySet())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        var byPayment = new java.util.HashMap<String, CoinOrder>();
        orders.forEach(order -> byPayment.put(order.paymentId(), order));
        var now = clock.now();
        var entries = new java.util.ArrayList<AuditTrail.Entry>();
        // locked in id order; moved and audited in the pass's (nonce) order, as one by one before
        for (var settled : pass.of(IntentKind.MINT)) {
            var order = byPayment.get(settled.key().reference());
            if (order == null) {
                continue;
            }
            if (settled.confirmed()) {
                order.completed(settled.txHash().orElse(null), now);
                metrics.counter("coin_orders_completed_total").inc();
            } else {
                order.mintFailed(settled.failure().orElse("unknown"), now);
                metrics.counter("coin_mints_failed_total").inc();
            }
            entries.add(new AuditTrail.Entry("system", "coin.mint-" + (settled.confirmed() ? "confirmed" : "failed"),
                    "coin_order", order.paymentId(), OrderStatus.MINTING.name(), order.status().name()));
        }
        audit.recordAll(entries);
    }

    /**
     * Gives back the card payments of orders whose mint failed for good. Called on a schedule; one order's gateway
     * failure does not stop the others, and a later run tries again.
     */
    public int refundFailedMints(int max) {
        var failed = em.createQuery("""
                        select o from CoinOrder o where o.status = :failed and o.paidAt is not null order by o.id""",
                        CoinOrder.class)
                .setParameter("failed", OrderStatus.FAILED)
                .setMaxResults(max)
                .getResultList();
        int refunded = 0;
        for (var order : failed) {
            try {
                gateway.cancel(order.paymentId(), "PKN could not be minted");
                order.cancelled(clock.now());
                audit.record("system", "coin.payment-cancelled", "coin_order", order.paymentId(),
                        OrderStatus.FAILED.name(), OrderStatus.CANCELLED.name());
                refunded++;
            } catch (PaymentGatewayUnavailableException e) {
                LOG.warning(() -> "Could not cancel payment " + order.paymentId() + " yet: " + e.getMessage());
            } catch (PaymentNotCancellableException e) {
                // the gateway says there is nothing to give back: an operator must look (the order stays FAILED)
                LOG.severe(() -> "Gateway refused to cancel payment " + order.paymentId() + ": " + e.getMessage());
                metrics.counter("coin_refunds_refused_total").inc();
            }
        }
        return refunded;
    }

    /** The buyer's orders, newest first. */
    public List<CoinOrder> ordersOf(UUID accountId, int max) {
        return em.createQuery("select o from CoinOrder o where o.accountId = :account order by o.id desc",
                        CoinOrder.class)
                .setParameter("account", accountId)
                .setMaxResults(max)
                .getResultList();
    }

    /** One of the buyer's orders; another account's order is "not found", never "forbidden". */
    public CoinOrder order(UUID accountId, String paymentId) {
        return em.createQuery("select o from CoinOrder o where o.paymentId = :id", CoinOrder.class)
                .setParameter("id", paymentId)
                .getResultStream()
                .filter(o -> o.belongsTo(accountId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Order", paymentId));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
