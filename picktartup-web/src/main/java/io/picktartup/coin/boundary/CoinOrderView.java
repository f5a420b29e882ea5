package io.picktartup.coin.boundary;

import io.picktartup.coin.entity.CoinOrder;

import java.net.URI;
import java.time.Instant;

/**
 * An order as its buyer sees it; {@code checkout} carries what the browser SDK needs to pay it (while PENDING).
 * Amounts: won as a whole number, PKN as a decimal string (never a binary float).
 */
public record CoinOrderView(String paymentId, String status, long krwAmount, String pkn, long wonPerToken,
                            String txHash, String failure, Instant createdAt, Instant paidAt, Instant completedAt,
                            Checkout checkout) {

    /** The parameters of {@code PortOne.requestPayment}, and where the SDK script is. */
    public record Checkout(String storeId, String channelKey, String paymentId, String orderName, long totalAmount,
                           String currency, String payMethod, URI redirectUrl, URI browserSdkUrl) {
    }

    static CoinOrderView of(CoinOrder order, Checkout checkout) {
        return new CoinOrderView(order.paymentId(), order.status().name(), order.amount().value(),
                order.tokens().tokens().toPlainString(), order.wonPerToken(), order.txHash().orElse(null),
                order.failure().orElse(null), order.createdAt(), order.paidAt().orElse(null),
                order.completedAt().orElse(null), checkout);
    }
}
