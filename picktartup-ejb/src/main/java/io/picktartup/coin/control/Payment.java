package io.picktartup.coin.control;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A card payment as the gateway reports it. Only the gateway's answer to a look-up is evidence that money moved:
 * a webhook or a browser redirect merely says "look it up now".
 *
 * @param id            the payment id the platform chose (the order's), unique per store
 * @param status        where the payment stands at the gateway
 * @param amount        the total in the currency's smallest unit (KRW has no minor unit: won)
 * @param currency      ISO 4217 code, e.g. {@code KRW}
 * @param orderName     what the buyer saw on the checkout
 * @param transactionId the gateway's id of the attempt, when it has one
 * @param paidAt        when it was paid, for a PAID (or later cancelled) payment
 */
public record Payment(String id, Status status, long amount, String currency, String orderName,
                      Optional<String> transactionId, Optional<Instant> paidAt) {

    /** PortOne V2's payment states; anything newer it may add reads as {@link #UNKNOWN}. */
    public enum Status {
        READY, PAY_PENDING, VIRTUAL_ACCOUNT_ISSUED, PAID, FAILED, PARTIAL_CANCELLED, CANCELLED, UNKNOWN;

        static Status of(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }
    }

    public Payment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        orderName = orderName == null ? "" : orderName;
        transactionId = transactionId == null ? Optional.empty() : transactionId;
        paidAt = paidAt == null ? Optional.empty() : paidAt;
    }

    /** The only condition under which an order may be credited: paid, and exactly this amount in this currency. */
    public boolean isPaid(long expectedAmount, String expectedCurrency) {
        return status == Status.PAID && amount == expectedAmount && currency.equalsIgnoreCase(expectedCurrency);
    }
}
