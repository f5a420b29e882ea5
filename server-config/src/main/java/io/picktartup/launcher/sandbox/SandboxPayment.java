package io.picktartup.launcher.sandbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One payment as the sandbox holds it: an immutable snapshot, replaced as a whole on every change.
 *
 * @param id             the platform's payment id
 * @param storeId        the store it belongs to
 * @param transactionId  the id of the current attempt (changes when a failed payment is tried again)
 * @param status         where it stands
 * @param amount         the total, in won for KRW
 * @param currency       ISO 4217, e.g. {@code KRW}
 * @param orderName      what the checkout showed
 * @param redirectUrl    where the checkout sends the browser back, if it came through the checkout
 * @param requestedAt    when it was created
 * @param statusChangedAt when its status last changed
 * @param paidAt         when it was paid
 * @param failedAt       when it failed
 * @param failureReason  why it failed
 * @param cancelledAt    when it was cancelled
 * @param cancellationId the cancellation's id
 * @param cancelReason   the reason given to cancel
 */
public record SandboxPayment(String id, String storeId, String transactionId, Status status, long amount,
                             String currency, String orderName, Optional<String> redirectUrl, Instant requestedAt,
                             Instant statusChangedAt, Optional<Instant> paidAt, Optional<Instant> failedAt,
                             Optional<String> failureReason, Optional<Instant> cancelledAt,
                             Optional<String> cancellationId, Optional<String> cancelReason) {

    /** The PortOne V2 statuses the sandbox produces. */
    public enum Status {
        READY, PAID, FAILED, CANCELLED
    }

    public SandboxPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    static SandboxPayment ready(String id, String storeId, String transactionId, long amount, String currency,
                                String orderName, Optional<String> redirectUrl, Instant now) {
        return new SandboxPayment(id, storeId, transactionId, Status.READY, amount, currency, orderName, redirectUrl,
                now, now, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    SandboxPayment paid(Instant now) {
        return new SandboxPayment(id, storeId, transactionId, Status.PAID, amount, currency, orderName, redirectUrl,
                requestedAt, now, Optional.of(now), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    SandboxPayment failed(String reason, Instant now) {
        return new SandboxPayment(id, storeId, transactionId, Status.FAILED, amount, currency, orderName, redirectUrl,
                requestedAt, now, Optional.empty(), Optional.of(now), Optional.of(reason), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    SandboxPayment cancelled(String cancellation, String reason, Instant now) {
        return new SandboxPayment(id, storeId, transactionId, Status.CANCELLED, amount, currency, orderName,
                redirectUrl, requestedAt, now, paidAt, Optional.empty(), Optional.empty(), Optional.of(now),
                Optional.of(cancellation), Optional.of(reason));
    }

    SandboxPayment retried(String newTransactionId, long newAmount, String newCurrency, String newOrderName,
                           Optional<String> newRedirectUrl, Instant now) {
        return new SandboxPayment(id, storeId, newTransactionId, Status.READY, newAmount, newCurrency, newOrderName,
                newRedirectUrl, requestedAt, now, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    SandboxPayment withAmount(long newAmount) {
        return new SandboxPayment(id, storeId, transactionId, status, newAmount, currency, orderName, redirectUrl,
                requestedAt, statusChangedAt, paidAt, failedAt, failureReason, cancelledAt, cancellationId,
                cancelReason);
    }

    /** The webhook type PortOne sends for a payment in this status. */
    String webhookType() {
        return switch (status) {
            case READY -> "Transaction.Ready";
            case PAID -> "Transaction.Paid";
            case FAILED -> "Transaction.Failed";
            case CANCELLED -> "Transaction.Cancelled";
        };
    }
}
