package io.picktartup.chain.boundary;

import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.platform.boundary.WorkerLeases;
import io.picktartup.platform.entity.LeaseLostException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the outbox: on a short fixed delay, and at once when an intent commits, runs sign → broadcast → receipts
 * → re-price. One pass at a time per instance (further wake-ups during a pass make it run once more), and only on the
 * instance holding the {@value #WORKER} lease; signing is fenced by that lease's epoch (see {@link WorkerLeases}). A
 * node that is down makes the pass stop early; intents wait in the database.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChainDispatcher {

    private static final Logger LOG = Logger.getLogger(ChainDispatcher.class.getName());
    /** The lease whose holder dispatches. */
    public static final String WORKER = "chain-dispatcher";

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ChainTransactions transactions;

    @Inject
    ChainSettings settings;

    @Inject
    ChainKeys keys;

    @Inject
    ChainMetrics gauges;

    @Inject
    WorkerLeases leases;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean nodeDownLogged;
    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        gauges.pending(); // instantiates the gauges' bean, so they are registered before the first scrape
        if (!keys.anyConfigured()) {
            LOG.warning("No chain signing key configured: chain intents are stored but not sent");
            return;
        }
        schedule = executor.scheduleWithFixedDelay(this::pass, 1_000, settings.dispatchIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** Runs a pass soon, without waiting for the next tick. */
    public void wake() {
        if (schedule != null) {
            executor.execute(this::pass);
        }
    }

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChainOutbox.IntentQueued queued) {
        wake();
    }

    private void pass() {
        if (!leases.holds(WORKER)) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                passOnce();
            } while (again.get());
        } finally {
            running.set(false);
        }
    }

    private void passOnce() {
        int batch = settings.dispatchBatch();
        try {
            int signed;
            do {
                signed = transactions.signQueued(batch);
                if (signed > 0 && settings.haltAfterSign()) {
                    LOG.severe("Fault injection: halting right after signing, before broadcast");
                    Runtime.getRuntime().halt(137);
                }
                transactions.broadcastSigned(batch);
                // confirm as we go, so a long queue does not hold back the confirmations of its head
                transactions.trackReceipts(batch);
            } while (signed == batch);
            while (transactions.trackReceipts(batch) == batch) {
                // more confirmed than one batch holds: keep going
            }
            if (transactions.repriceStuck(batch) > 0) {
                transactions.broadcastSigned(batch);
            }
            if (nodeDownLogged) {
                LOG.info("Chain node reachable again");
                nodeDownLogged = false;
            }
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof LeaseLostException) {
                LOG.warning("Chain dispatcher lease lost mid-pass: another instance dispatches now");
            } else if (rootCause(e) instanceof ChainUnavailableException || e instanceof ChainUnavailableException) {
                if (!nodeDownLogged) {
                    LOG.warning(() -> "Chain node unavailable, intents wait: " + rootCause(e).getMessage());
                    nodeDownLogged = true;
                }
            } else {
                LOG.log(Level.SEVERE, "Chain dispatcher pass failed", e);
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof ChainUnavailableException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }
}
