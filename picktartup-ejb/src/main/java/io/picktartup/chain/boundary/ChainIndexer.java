package io.picktartup.chain.boundary;

import io.picktartup.platform.boundary.WorkerLeases;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the event index current: registers the configured contracts, then reads new final blocks on a fixed
 * delay until caught up. The cursor row lock makes concurrent instances take turns. It runs on a thread of its own:
 * on the container's shared scheduled executor (one thread: Payara's default core pool of 0) a catch-up over many
 * events held back the dispatcher's ticks, so no receipt was recorded while the index read the blocks that held them
 * (10,000 refunds: receipts of blocks mined from +2.1 s recorded at +6.4 s, after the last event was indexed at +5.9 s).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChainIndexer {

    /** The lease whose holder runs this worker (one instance of the cluster at a time). */
    public static final String WORKER = "chain-indexer";

    @Inject
    WorkerLeases leases;

    private static final Logger LOG = Logger.getLogger(ChainIndexer.class.getName());

    /** The indexer's own thread, with the container's context (its steps are transactional bean calls). */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ScheduledExecutorService thread;

    @Inject
    ChainEvents events;

    @Inject
    io.picktartup.chain.control.ChainProgress progress;

    @Inject
    ChainSettings settings;

    @Inject
    @ConfigProperty(name = "picktartup.chain.index-from-block", defaultValue = "0")
    long fromBlock;

    private volatile ScheduledFuture<?> schedule;
    private final io.picktartup.chain.control.CoalescedRuns passes = new io.picktartup.chain.control.CoalescedRuns();
    private volatile boolean nodeDownLogged;

    @PostConstruct
    void start() {
        settings.tokenAddress().ifPresent(address -> events.watchContract(address, "token", fromBlock));
        settings.factoryAddress().ifPresent(address -> events.watchContract(address, "round-factory", fromBlock));
        thread = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(threads);
        schedule = thread.scheduleWithFixedDelay(this::catchUp, 2_000, settings.indexerIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS); // a step under way commits or rolls back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reads new blocks soon, without waiting for the next tick (the dispatcher calls it when transactions were
     * confirmed: what waits on their events, e.g. a round's refunds, need not wait a tick).
     */
    public void wake() {
        if (schedule != null) {
            passes.runSoon(thread, this::leasedCatchUp);
        }
    }

    private void catchUp() {
        passes.run(this::leasedCatchUp);
    }

    private void leasedCatchUp() {
        if (leases.holds(WORKER)) { // else another instance of the cluster runs it
            catchUpOnce();
        }
    }

    private void catchUpOnce() {
        try {
            for (int i = 0; i < 50 && events.indexNext() > 0; i++) {
                // keep reading while there is more; each step is committed: what waits on the index may look now
                progress.moved();
            }
            nodeDownLogged = false;
        } catch (RuntimeException e) {
            if (causedBy(e, ChainUnavailableException.class)) {
                if (!nodeDownLogged) {
                    LOG.warning(() -> "Event indexer waits for the chain node: " + e.getMessage());
                    nodeDownLogged = true;
                }
            } else {
                LOG.log(Level.SEVERE, "Event indexer pass failed", e);
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
