package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import jakarta.inject.Inject;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

/** Every 20 seconds, ends the reservations nobody signed in time, so their room goes back to the round. */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@jakarta.ejb.DependsOn("SchemaMigration")
public class ReservationExpiry {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "reservation-expiry";

    @Inject
    WorkerLeases leases;

    @EJB
    Reservations reservations;

    @Schedule(hour = "*", minute = "*", second = "*/20", persistent = false)
    void expire() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        while (reservations.expireReservations(200) == 200) {
            // more were due: go on in fresh transactions
        }
    }
}
