package io.picktartup.chain.boundary;

import io.picktartup.chain.control.BroadcastRefusedException;
import io.picktartup.chain.control.Chain;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the outbox: on a short fixed delay, and at once when an intent commits, runs rounds of sign → broadcast
 * while there is something to sign, then re-prices what is stuck. Three threads overlap: the pass signs the next batch
 * while the node takes the broadcast before it (on a thread of its own; one broadcast in flight at a time, lowest
 * nonce first), and the receipt passes run on a third, woken as each broadcast is recorded SENT and on every tick, so
 * neither signing nor sending waits for them. One pass of each kind at a time per instance (further wake-ups during
 * a pass make it run once more), and only on the instance holding the {@value #WORKER} lease; signing is fenced by
 * that lease's epoch (see {@link WorkerLeases}). A node that is down makes the pass stop early; intents wait in the
 * database.
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

    /**
     * The broadcasts get a thread of their own: a pass signs its next batch while the node takes the one before,
     * and waiting on the shared executor for it could wait on the pass itself.
     */
    @Resource
    ManagedThreadFactory threads;

    private java.util.concurrent.ExecutorService broadcaster;

    /**
     * The receipt passes' thread: a receipt pass locks only SENT and MINED rows ({@code SKIP LOCKED}), the signing
     * pass only QUEUED ones and the nonce rows, so they run side by side as two instances' passes would.
     */
    private java.util.concurrent.ExecutorService receiptsThread;

    @Inject
    ChainTransactions transactions;

    @Inject
    ChainSettings settings;

    @Inject
    Chain chain;

    @Inject
    ChainKeys keys;

    @Inject
    ChainMetrics gauges;

    @Inject
    WorkerLeases leases;

    @Inject
    ChainIndexer indexer;

    /** Sign-and-broadcast rounds one pass runs at most before it re-prices what is stuck. */
    private static final int MAX_ROUNDS = 50;

    /**
     * While a signing pass sends, a receipt pass that confirmed less than a batch waits this long and looks again;
     * once more than {@link #RECEIPT_IDLE_LOOKS} looks in a row found nothing it stops (the next broadcast wakes it
     * again): what was just sent is mined a moment after the node answered, and its confirmation need not wait for
     * the next round.
     */
    private static final long RECEIPT_PAUSE_MILLIS = 50;
    private static final int RECEIPT_IDLE_LOOKS = 5;

    private final io.picktartup.chain.control.CoalescedRuns passes = new io.picktartup.chain.control.CoalescedRuns();
    private final io.picktartup.chain.control.CoalescedRuns receiptPasses =
            new io.picktartup.chain.control.CoalescedRuns();
    /** A signing pass is under way: the receipt passes keep following what it sends. */
    private volatile boolean dispatching;
    private volatile boolean nodeDownLogged;
    private ScheduledFuture<?> schedule;

    @PostConstruct
    void start() {
        gauges.pending(); // instantiates the gauges' bean, so they are registered before the first scrape
        if (!keys.anyConfigured()) {
            LOG.warning("No chain signing key configured: chain intents are stored but not sent");
            return;
        }
        broadcaster = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
        receiptsThread = java.util.concurrent.Executors.newSingleThreadExecutor(threads);
        schedule = executor.scheduleWithFixedDelay(this::pass, 1_000, settings.dispatchIntervalMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        for (var thread : new java.util.concurrent.ExecutorService[]{broadcaster, receiptsThread}) {
            if (thread == null) {
                continue;
            }
            thread.shutdown();
            try {
                // a broadcast or a receipt pass under way
                thread.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        wakeReceipts(); // every tick: MINED rows reach their depth without anything new being sent
        passes.run(this::passOnce);
    }

    private void passOnce() {
        int batch = settings.dispatchBatch();
        Broadcast inFlight = null;
        dispatching = true;
        try {
            int signed;
            int rounds = 0;
            do {
                // signs the next batch while the node takes the one before (its broadcast is in flight)
                signed = transactions.signQueued(batch);
                if (signed > 0 && settings.haltAfterSign()) {
                    LOG.severe("Fault injection: halting right after signing, before broadcast");
                    Runtime.getRuntime().halt(137);
                }
                if (inFlight != null) {
                    inFlight.finish();
                    inFlight = null;
                }
                // lowest nonce first, one broadcast at a time: the next starts only once this one is answered
                inFlight = broadcast(batch);
                // intents that came while this batch was signed go on at once, not at the next tick (a bounded
                // number of rounds, so re-pricing below still runs under a steady stream); the receipts of what was
                // sent are followed on their own thread meanwhile
            } while (signed > 0 && ++rounds < MAX_ROUNDS);
            if (inFlight != null) {
                inFlight.finish();
                inFlight = null;
            }
            if (transactions.repriceStuck(batch) > 0) {
                transactions.broadcastSigned(batch);
            }
            if (nodeDownLogged) {
                LOG.info("Chain node reachable again");
                nodeDownLogged = false;
            }
        } catch (RuntimeException e) {
            failed("pass", e);
        } finally {
            dispatching = false;
            if (inFlight != null) {
                // the pass failed: wait for the node's answer, so no two broadcasts overlap; the rows stay SIGNED
                // and the next pass sends their bytes again ("already known" counts as sent)
                try {
                    inFlight.await();
                } catch (RuntimeException e) {
                    LOG.fine(() -> "Broadcast of a failed pass: " + e.getMessage());
                }
            }
            wakeReceipts(); // the last broadcast's receipts
        }
    }

    /** Has a receipt pass run soon on its own thread (at most one queued: a wake while one runs makes it go again). */
    private void wakeReceipts() {
        if (receiptsThread != null) {
            receiptPasses.runSoon(receiptsThread, this::receiptsOnce);
        }
    }

    /**
     * Follows the in-flight transactions' receipts: confirm as they come, so a long queue does not hold back the
     * confirmations of its head. While a signing pass sends, it keeps looking (the node mines what it was sent a
     * moment after answering), with a short pause after each look that confirmed less than a batch; otherwise until
     * less than a batch is confirmed.
     */
    private void receiptsOnce() {
        if (!leases.holds(WORKER)) {
            return;
        }
        int batch = settings.dispatchBatch();
        try {
            int idle = 0;
            while (true) {
                int confirmed = confirmed(transactions.trackReceipts(batch));
                if (confirmed == batch) {
                    continue; // more confirmed than one batch holds: keep going
                }
                if (!dispatching) {
                    return; // the pass's end, or the next tick, wakes this again
                }
                idle = confirmed > 0 ? 0 : idle + 1;
                if (idle > RECEIPT_IDLE_LOOKS) {
                    return; // the next broadcast wakes this again
                }
                // a pause, so the passes stay batches (each has its fixed statements and round trips) rather than
                // one look per block
                Thread.sleep(RECEIPT_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed("receipt pass", e);
        }
    }

    private void failed(String what, RuntimeException e) {
        if (rootCause(e) instanceof LeaseLostException) {
            LOG.warning("Chain dispatcher lease lost mid-" + what + ": another instance dispatches now");
        } else if (e instanceof java.util.concurrent.RejectedExecutionException) {
            LOG.info("Chain dispatcher stopping mid-" + what + ": signed transactions go out at the next start");
        } else if (rootCause(e) instanceof ChainUnavailableException || e instanceof ChainUnavailableException) {
            if (!nodeDownLogged) {
                LOG.warning(() -> "Chain node unavailable, intents wait: " + rootCause(e).getMessage());
                nodeDownLogged = true;
            }
        } else {
            LOG.log(Level.SEVERE, "Chain dispatcher " + what + " failed", e);
        }
    }

    /** What was confirmed has events the index should read now (a waiting settlement reads them). */
    private int confirmed(int count) {
        if (count > 0) {
            indexer.wake();
        }
        return count;
    }

    /** Starts broadcasting the signed transactions (on the executor); null when there are none. */
    private Broadcast broadcast(int batch) {
        var outgoing = transactions.takeSigned(batch);
        if (outgoing.isEmpty()) {
            return null;
        }
        return new Broadcast(outgoing, broadcaster.submit(() -> chain.broadcastAll(outgoing.raw())));
    }

    /** A broadcast in flight: its transactions and the node's answers to come. */
    private final class Broadcast {
        private final ChainTransactions.Outgoing outgoing;
        private final Future<List<Optional<BroadcastRefusedException>>> answers;

        Broadcast(ChainTransactions.Outgoing outgoing, Future<List<Optional<BroadcastRefusedException>>> answers) {
            this.outgoing = outgoing;
            this.answers = answers;
        }

        /** Waits for the node's answers and records them (taken ones SENT); their receipts are followed from now. */
        void finish() {
            transactions.sent(outgoing, await());
            wakeReceipts();
        }

        List<Optional<BroadcastRefusedException>> await() {
            try {
                return answers.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainUnavailableException("interrupted while broadcasting", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new ChainUnavailableException("broadcast failed: " + e.getCause(), e.getCause());
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
