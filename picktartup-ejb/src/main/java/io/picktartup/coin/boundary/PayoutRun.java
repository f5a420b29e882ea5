package io.picktartup.coin.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import jakarta.inject.Inject;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every ten seconds, makes one attempt at each payout whose burn is final and whose next attempt is due, each in its
 * own transaction: one payout's failure does not hold up the others.
 */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@DependsOn("SchemaMigration")
public class PayoutRun {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "payout-run";

    @Inject
    WorkerLeases leases;

    private static final Logger LOG = Logger.getLogger(PayoutRun.class.getName());

    @EJB
    CashOuts cashOuts;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void pay() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        for (var id : cashOuts.duePayouts(50)) {
            try {
                cashOuts.pay(id);
            } catch (RuntimeException e) {
                // rolled back: the payout is still due and the next run tries it again; nothing is lost
                LOG.log(Level.WARNING, "Payout of cash-out " + id + " could not be attempted", e);
            }
        }
    }
}
