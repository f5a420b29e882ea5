package io.picktartup.account.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The sessions of requests that arrive together, read together: a request whose session {@code LiveSessions} does not
 * remember queues its read; one of the waiting requests' own threads (no other thread, no delay) takes every read
 * queued, reads them in one query ({@link Authentication#liveSessions}) and answers each, then hands the reading on to
 * the next waiting request, if any. Alone, a request reads its session at once, as before; in a burst of new callers
 * (a rush of 500 investors, each unknown to {@code LiveSessions}), what arrives while one read runs is the next read:
 * a container call, a connection and a query per batch, not per request. Each request gets its own answer, exactly
 * as {@link Authentication#liveSession} would give it.
 */
@ApplicationScoped
public class SessionReads {

    /** At most this many sessions in one query. */
    static final int MAX_BATCH = 200;

    /** The signal that hands the reading to a waiting request. */
    private static final Object LEAD = new Object();

    @EJB
    Authentication authentication;

    private final ConcurrentLinkedQueue<Read> queue = new ConcurrentLinkedQueue<>();
    /** Whether a request's thread is reading (held from taking the batch until handing on). */
    private final AtomicBoolean reading = new AtomicBoolean();

    /** The session as {@link Authentication#liveSession} says, read in one batch with the others waiting. */
    public Optional<Authentication.LiveSession> read(UUID sessionId, UUID accountId) {
        return read(sessionId, accountId, authentication::liveSessions);
    }

    Optional<Authentication.LiveSession> read(UUID sessionId, UUID accountId,
                                              Function<List<Authentication.SessionOf>, List<Authentication.LiveSession>> reader) {
        var mine = new Read(new Authentication.SessionOf(sessionId, accountId));
        queue.add(mine);
        if (reading.compareAndSet(false, true)) {
            lead(null, reader);
        }
        // waits without giving up on an interrupt: a queued read left behind would be handed the reading by the
        // request before it and never take it, and every later read on this instance would wait for it for ever;
        // the wait is as long as one batch's query (join keeps the thread's interrupt status)
        Object outcome = mine.signal.join();
        if (outcome == LEAD) {
            lead(mine, reader);
            outcome = mine.outcome;
        }
        if (outcome instanceof RuntimeException failed) {
            throw failed;
        }
        return Optional.ofNullable((Authentication.LiveSession) outcome);
    }

    /** Reads {@code first} (handed the reading) and everything queued in one batch, then hands the reading on. */
    private void lead(Read first, Function<List<Authentication.SessionOf>, List<Authentication.LiveSession>> reader) {
        try {
            var batch = new ArrayList<Read>();
            if (first != null) {
                batch.add(first);
            }
            Read next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                answer(batch, reader);
            }
        } finally {
            handOn();
        }
    }

    private static void answer(List<Read> batch,
                               Function<List<Authentication.SessionOf>, List<Authentication.LiveSession>> reader) {
        List<Authentication.LiveSession> answers;
        try {
            answers = reader.apply(batch.stream().map(read -> read.asked).toList());
        } catch (RuntimeException | Error e) {
            // every request of the batch fails as its own read would have (e.g. the pool exhausted: 503)
            for (var read : batch) {
                read.finish(e instanceof RuntimeException runtime ? runtime : new EJBException(new Exception(e)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).finish(answers.get(i));
        }
    }

    /** Lets go of the reading, or hands it to the next waiting request (which then reads its batch). */
    private void handOn() {
        while (true) {
            reading.set(false);
            // a request queued after the last poll, whose own try to read failed while this one still read
            if (queue.isEmpty() || !reading.compareAndSet(false, true)) {
                return;
            }
            var next = queue.poll();
            if (next != null) {
                next.signal.complete(LEAD);
                return;
            }
        }
    }

    /** One request's read: its outcome (a live session, null, or the failure), or the signal to read. */
    private static final class Read {
        final Authentication.SessionOf asked;
        final CompletableFuture<Object> signal = new CompletableFuture<>();
        volatile Object outcome;

        Read(Authentication.SessionOf asked) {
            this.asked = asked;
        }

        void finish(Object result) {
            outcome = result;
            signal.complete(result);
        }
    }
}
