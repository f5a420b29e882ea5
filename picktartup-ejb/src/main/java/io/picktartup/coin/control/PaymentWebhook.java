package io.picktartup.coin.control;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified webhook from the gateway. It only says that something happened to a payment: the receiver looks the
 * payment up ({@link PaymentGateway#lookup}) before it believes anything about status or amount.
 *
 * @param webhookId     the Standard Webhooks message id: the same on every redelivery of this message
 * @param type          PortOne's event type, e.g. {@code Transaction.Paid}, {@code Transaction.Cancelled}
 * @param occurredAt    when the event happened (the same on every redelivery), if the body says
 * @param paymentId     the payment it concerns; absent for events about other things (billing keys)
 * @param storeId       the store it concerns, if the body says
 * @param transactionId the gateway's id of the payment attempt, if the body says
 * @param sentAt        the signed {@code webhook-timestamp} of this delivery
 */
public record PaymentWebhook(String webhookId, String type, Optional<Instant> occurredAt, Optional<String> paymentId,
                             Optional<String> storeId, Optional<String> transactionId, Instant sentAt) {

    public static final String PAID = "Transaction.Paid";
    public static final String FAILED = "Transaction.Failed";
    public static final String CANCELLED = "Transaction.Cancelled";

    /** Whether this is an event about a payment transaction (as opposed to, e.g., a billing key). */
    public boolean concernsPayment() {
        return type.startsWith("Transaction.") && paymentId.isPresent();
    }
}
