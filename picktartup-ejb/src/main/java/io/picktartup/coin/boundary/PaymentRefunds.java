package io.picktartup.coin.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/** Every minute, gives back the card payments of orders whose mint failed for good. */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@jakarta.ejb.DependsOn("SchemaMigration")
public class PaymentRefunds {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "payment-refunds";

    @Inject
    WorkerLeases leases;

    @Inject
    CoinPurchases purchases;

    @Schedule(hour = "*", minute = "*", second = "15", persistent = false)
    void refund() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        purchases.refundFailedMints(50);
    }
}
