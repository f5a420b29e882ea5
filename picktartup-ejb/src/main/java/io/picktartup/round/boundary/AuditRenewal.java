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
 * Every few seconds, renews the stored audit verdict of each round whose escrow has events indexed since its last
 * verdict (or that has none yet), each in its own transaction: the public audit then serves a current verdict without
 * reconciling per request. One pass at a time per instance; a tick that finds a pass running is skipped.
 */
@jakarta.interceptor.Interceptors(io.picktartup.platform.control.TimerGuard.class)
@Singleton
@TransactionManagement(TransactionManagementType.BEAN) // ticks without a container transaction: see TimerGuard
@DependsOn("SchemaMigration")
@Lock(LockType.READ)
public class AuditRenewal {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "audit-renewal";

    @Inject
    WorkerLeases leases;

    private static final Logger LOG = Logger.getLogger(AuditRenewal.class.getName());
    private static final int ROUNDS_PER_PASS = 20;

    @EJB
    RoundAudit audits;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/3", persistent = false)
    void renew() {
        if (!leases.holds(WORKER)) {
            return; // another instance of the cluster runs it
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (UUID round : audits.stale(ROUNDS_PER_PASS)) {
                try {
                    audits.reconcile(round);
                } catch (UnavailableException e) {
                    // the chain node is down: the next pass tries again; the stored verdict stands meanwhile
                    LOG.fine(() -> "Audit renewal paused: " + e.getMessage());
                    return;
                }
            }
        } finally {
            running.set(false);
        }
    }
}
