package io.picktartup.coin.entity;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A purchase of PKN by card. Lifecycle in {@link OrderStatus}. Invariants: the won amount, the rate and so the
 * tokens are fixed when the order is placed; it is credited only for a PAID payment of exactly that amount in KRW,
 * and only once (every later confirmation is a no-op); a mint is requested at most once, under the business key
 * {@code mint:<paymentId>}, and the token contract refuses the payment id a second time.
 */
@Entity
@Table(name = "coin_order")
public class CoinOrder {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private UUID accountId;

    /** Our id for the payment, given to the gateway (PortOne's paymentId). */
    @Column(name = "payment_id", nullable = false, updatable = false, unique = true, length = 64)
    private String paymentId;

    @Column(name = "krw_amount", nullable = false, updatable = false)
    private long krwAmount;

    @Column(name = "won_per_token", nullable = false, updatable = false)
    private long wonPerToken;

    @Column(name = "token_amount", nullable = false, updatable = false)
    private BigInteger tokenAmount;

    @Column(name = "wallet_address", nullable = false, updatable = false, length = 42)
    private String walletAddress;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private OrderStatus status;

    @Column(length = 500)
    private String failure;

    @Column(name = "tx_hash", length = 66)
    private String txHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CoinOrder() {
    }

    /** Places an order, within the purchase limits, at the current rate. */
    public CoinOrder(UUID accountId, String walletAddress, Won amount, Won minimum, Won maximum, long wonPerToken,
                     String paymentId, Instant now) {
        if (amount.isLessThan(minimum) || maximum.isLessThan(amount)) {
            throw new OrderLimitException(amount, minimum, maximum);
        }
        this.accountId = Objects.requireNonNull(accountId);
        this.walletAddress = Objects.requireNonNull(walletAddress);
        this.krwAmount = amount.value();
        this.wonPerToken = wonPerToken;
        this.tokenAmount = TokenAmount.bought(amount, wonPerToken).baseUnits();
        this.paymentId = Objects.requireNonNull(paymentId);
        this.status = OrderStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * The gateway reports this order's payment as PAID for {@code paid} in {@code currency}. Returns true when
     * this call credited the order, false when it was credited before (a repeated webhook or return).
     *
     * @throws PaymentMismatchException for any other amount or currency; the order stays as it was
     */
    public boolean credit(Won paid, String currency, Instant now) {
        if (!"KRW".equals(currency) || paid.value() != krwAmount) {
            throw new PaymentMismatchException("Payment " + paymentId + " is " + paid + " " + currency
                    + " but the order is " + Won.of(krwAmount) + " KRW");
        }
        if (status != OrderStatus.PENDING) {
            return false;
        }
        status = OrderStatus.PAID;
        paidAt = now;
        updatedAt = now;
        return true;
    }

    /** The mint was requested through the chain outbox. */
    public void minting(Instant now) {
        require(OrderStatus.PAID);
        status = OrderStatus.MINTING;
        updatedAt = now;
    }

    /** The mint is final on chain. Idempotent. */
    public void completed(String hash, Instant now) {
        if (status == OrderStatus.COMPLETED) {
            return;
        }
        require(OrderStatus.MINTING);
        status = OrderStatus.COMPLETED;
        txHash = hash;
        completedAt = now;
        updatedAt = now;
    }

    /** The gateway reports the payment failed or was declined: nothing was paid, nothing is minted. */
    public void declined(String reason, Instant now) {
        require(OrderStatus.PENDING);
        fail(reason, now);
    }

    /** The mint failed for good: the card payment must be cancelled ({@link #cancelled}). */
    public void mintFailed(String reason, Instant now) {
        if (status == OrderStatus.FAILED || status == OrderStatus.CANCELLED) {
            return;
        }
        require(OrderStatus.MINTING);
        fail("mint failed: " + reason, now);
    }

    /** The card payment of a failed order was cancelled at the gateway. */
    public void cancelled(Instant now) {
        if (status == OrderStatus.CANCELLED) {
            return;
        }
        require(OrderStatus.FAILED);
        if (paidAt == null) {
            throw new IllegalStateException("order " + paymentId + " was never paid: nothing to cancel");
        }
        status = OrderStatus.CANCELLED;
        updatedAt = now;
    }

    /** Whether a failed order still holds a card payment that must be given back. */
    public boolean needsCancellation() {
        return status == OrderStatus.FAILED && paidAt != null;
    }

    private void fail(String reason, Instant now) {
        status = OrderStatus.FAILED;
        failure = reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
        updatedAt = now;
    }

    private void require(OrderStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("order " + paymentId + " is " + status + ", expected " + expected);
        }
    }

    /** The chain outbox key of this order's mint. */
    public IntentKey mintKey() {
        return new IntentKey(IntentKind.MINT, paymentId);
    }

    public boolean belongsTo(UUID account) {
        return accountId.equals(account);
    }

    public Long id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public String paymentId() {
        return paymentId;
    }

    public Won amount() {
        return Won.of(krwAmount);
    }

    public long wonPerToken() {
        return wonPerToken;
    }

    public TokenAmount tokens() {
        return new TokenAmount(tokenAmount);
    }

    public String walletAddress() {
        return walletAddress;
    }

    public OrderStatus status() {
        return status;
    }

    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<String> txHash() {
        return Optional.ofNullable(txHash);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> paidAt() {
        return Optional.ofNullable(paidAt);
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }
}
