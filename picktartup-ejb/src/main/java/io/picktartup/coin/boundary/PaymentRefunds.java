package io.picktartup.coin.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Every minute, gives back the card payments of orders whose mint failed for good. */
@Singleton
@jakarta.ejb.DependsOn("SchemaMigration")
public class PaymentRefunds {

    @Inject
    CoinPurchases purchases;

    @Schedule(hour = "*", minute = "*", second = "15", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refund() {
        purchases.refundFailedMints(50);
    }
}
