package io.picktartup.round.boundary;

import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.boundary.Spending;
import io.picktartup.wallet.entity.TokenAmount;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of a round's reservations: requests queue per round, and one worker per round with requests waiting
 * takes what has arrived (up to {@code picktartup.investment.reservation-batch}) and decides it in one transaction
 * ({@link ReservationBatches}), so the round's hot row is locked once per batch, never across a request's round trips,
 * and no request holds a transaction or a connection while it waits. Batches form by themselves: what arrives while a
 * batch commits is the next batch. Each request gets its own outcome. A batch that fails for another reason than a
 * refusal (a deadlock, a lost connection) is retried one request at a time, so one bad request fails alone.
 */
@ApplicationScoped
public class RoomBatcher {

    private static final Logger LOG = Logger.getLogger(RoomBatcher.class.getName());
    /** How long a request may wait in its queue before it gives up (it is then never applied). */
    private static final long QUEUED_TIMEOUT_SECONDS = 60;

    @Resource
    ManagedExecutorService executor;

    @EJB
    ReservationBatches batches;

    @EJB
    Spending spending;

    @jakarta.inject.Inject
    Clock clock;

    @jakarta.inject.Inject
    @ConfigProperty(name = "picktartup.investment.reservation-batch", defaultValue = "200")
    int maxBatch;

    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Reserves {@code pkn} in the round for {@code caller}, as {@link Reservations#reserve(UUID, String, String)} does:
     * checks the request, queues it into its round's next batch and waits for its outcome. For a caller outside any
     * EJB (the API's invest call): a request waiting here holds no bean instance, no transaction and no connection;
     * through the {@code Reservations} EJB, each of a rush's waiting requests held a stateless instance, so beyond the
     * pool's size every call created one (its injections, its interceptors) and threw it away afterwards.
     */
    public Investments.Holding reserve(java.security.Principal caller, UUID roundId, String pkn, String requestKey) {
        UUID investor = Caller.accountId(caller)
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
        if (requestKey != null && requestKey.length() > 100) {
            throw new InvalidInputException("Idempotency-Key",
                    FieldRule.MAX_LENGTH, 100);
        }
        var amount = TokenAmount.parse("amount", pkn);
        // whether investments are open is asked once per batch, in its transaction (ReservationBatches); the wallet's
        // balance is read from the chain once per batch for all its requests, before any lock (withBalances)
        String key = requestKey == null || requestKey.isBlank() ? null : requestKey.strip();
        return reserve(roundId, ReservationBatches.Request.unread(investor, amount, key));
    }

    /** Queues the request into its round's next batch and waits for its outcome (outside any transaction). */
    public Investments.Holding reserve(UUID roundId, ReservationBatches.Request request) {
        var waiting = new Waiting(request);
        var lane = lanes.computeIfAbsent(roundId, Lane::new);
        lane.queue.add(waiting);
        if (closed) {
            waiting.fail(new UnavailableException("service.stopping", "The service is stopping; try again."));
        } else {
            lane.wake(this);
        }
        return waiting.await();
    }

    @PreDestroy
    void stop() {
        closed = true;
        for (var lane : lanes.values()) {
            Waiting waiting;
            while ((waiting = lane.queue.poll()) != null) {
                if (waiting.take()) {
                    waiting.fail(new UnavailableException("service.stopping", "The service is stopping; try again."));
                }
            }
        }
    }

    private void drain(Lane lane) {
        try {
            while (true) {
                var batch = new ArrayList<Waiting>();
                Waiting next;
                while (batch.size() < Math.max(1, maxBatch) && (next = lane.queue.poll()) != null) {
                    if (next.take()) {
                        batch.add(next);
                    }
                }
                if (batch.isEmpty()) {
                    lane.running.set(false);
                    // a request queued after the last poll but before the flag dropped would wait for nobody
                    if (lane.queue.isEmpty() || !lane.running.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                apply(lane.roundId, batch);
            }
        } catch (RuntimeException | Error e) {
            lane.running.set(false);
            LOG.log(Level.SEVERE, "reservation batches of round " + lane.roundId + " stopped", e);
            throw e;
        }
    }

    private void apply(UUID roundId, List<Waiting> batch) {
        try {
            var outcomes = batches.apply(roundId, withBalances(batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).fail(e);
                return;
            }
            LOG.log(Level.WARNING, "a batch of " + batch.size() + " reservations into round " + roundId
                    + " failed; deciding them one at a time", e);
            for (var waiting : batch) {
                apply(roundId, List.of(waiting));
            }
        }
    }

    /**
     * The batch's requests with their wallets' PKN balances, read for the whole batch before its transaction (before
     * any lock): the wallets' addresses in one query, the balances in one JSON-RPC batch request — not a container
     * call, a query and an HTTP round trip to the node per request. Unreadable (the node is down): every balance is
     * null, and the batch refuses each new reservation that needs one with chain.unavailable, as a single one would.
     */
    private List<ReservationBatches.Request> withBalances(List<Waiting> batch) {
        var investors = new HashSet<UUID>();
        for (var waiting : batch) {
            investors.add(waiting.request.investor());
        }
        var readAt = clock.now();
        Map<UUID, BigInteger> read;
        try {
            read = spending.balancesForHolds(investors);
        } catch (UnavailableException e) {
            read = Map.of();
        }
        var requests = new ArrayList<ReservationBatches.Request>(batch.size());
        for (var waiting : batch) {
            requests.add(waiting.request.withBalance(read.get(waiting.request.investor()), readAt));
        }
        return requests;
    }

    /** One round's queue and whether a worker drains it. */
    private static final class Lane {
        final UUID roundId;
        final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();

        Lane(UUID roundId) {
            this.roundId = roundId;
        }

        void wake(RoomBatcher batcher) {
            if (running.compareAndSet(false, true)) {
                try {
                    batcher.executor.execute(() -> batcher.drain(this));
                } catch (RejectedExecutionException e) {
                    running.set(false);
                    Waiting waiting;
                    while ((waiting = queue.poll()) != null) {
                        if (waiting.take()) {
                            waiting.fail(new UnavailableException("service.busy", "The service is busy; try again."));
                        }
                    }
                }
            }
        }
    }

    /** A request in its queue: QUEUED until a batch takes it (or it gives up waiting), then its outcome. */
    private static final class Waiting {
        final ReservationBatches.Request request;
        final AtomicBoolean taken = new AtomicBoolean();
        final CompletableFuture<ReservationBatches.Outcome> outcome = new CompletableFuture<>();

        Waiting(ReservationBatches.Request request) {
            this.request = request;
        }

        /** Claims the request for a batch, or for giving up; only one of them wins. */
        boolean take() {
            return taken.compareAndSet(false, true);
        }

        void complete(ReservationBatches.Outcome result) {
            outcome.complete(result);
        }

        void fail(Throwable e) {
            outcome.completeExceptionally(e);
        }

        Investments.Holding await() {
            ReservationBatches.Outcome result;
            try {
                try {
                    result = outcome.get(QUEUED_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    if (take()) {
                        // never taken by a batch: it never will be, so the caller may safely hear "try again"
                        throw new UnavailableException("service.busy", "Too many reservations at once; try again.");
                    }
                    // a batch holds it: its transaction decides (and ends within the transaction timeout)
                    result = outcome.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("service.stopping", "The service is stopping; try again.");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BusinessException refusal) {
                    throw refusal;
                }
                if (e.getCause() instanceof EJBException ejb) {
                    throw ejb;
                }
                throw new EJBException(e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause()));
            }
            if (result.refusal() != null) {
                throw result.refusal();
            }
            return result.holding();
        }
    }
}
