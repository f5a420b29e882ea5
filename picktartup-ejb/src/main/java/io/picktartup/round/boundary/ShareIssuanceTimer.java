package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import jakarta.inject.Inject;
import io.picktartup.platform.entity.UnavailableException;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Every few seconds, takes each released round's share issue a step further ({@link ShareIssuance#advance}), each
 * step its own transaction. One pass at a time per instance; the steps are idempotent across instances.
 */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
public class ShareIssuanceTimer {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "share-issuance";

    @Inject
    WorkerLeases leases;

    private static final Logger LOG = Logger.getLogger(ShareIssuanceTimer.class.getName());
    private static final int ROUNDS_PER_PASS = 20;

    @EJB
    ShareIssuance issuance;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void advance() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (UUID round : issuance.due(ROUNDS_PER_PASS)) {
                try {
                    issuance.advance(round);
                } catch (UnavailableException e) {
                    LOG.fine(() -> "Share issue paused: " + e.getMessage());
                    return;
                }
            }
        } finally {
            running.set(false);
        }
    }
}
