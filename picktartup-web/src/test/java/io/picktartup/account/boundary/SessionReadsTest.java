package io.picktartup.account.boundary;

import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionReadsTest {

    /** Live: every session whose account is the one it was made for; a few are ended. */
    private final ConcurrentHashMap<UUID, UUID> owners = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger largest = new AtomicInteger();

    private final Function<List<Authentication.SessionOf>, List<Authentication.LiveSession>> database = asked -> {
        queries.incrementAndGet();
        largest.accumulateAndGet(asked.size(), Math::max);
        try {
            // a query's round trip: what arrives meanwhile is the next batch (long enough that 300 threads woken on a
            // loaded 2-core machine, a millisecond or two apart, still make batches of ten and more)
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var answers = new ArrayList<Authentication.LiveSession>();
        for (var one : asked) {
            answers.add(one.accountId().equals(owners.get(one.sessionId()))
                    ? new Authentication.LiveSession(new Identity(one.accountId(), Role.INVESTOR), one.sessionId(), false)
                    : null);
        }
        return answers;
    };

    @Test
    void aBurstIsReadInFewQueriesAndEachRequestGetsItsOwnAnswer() throws Exception {
        var reads = new SessionReads();
        int n = 300;
        var sessions = new UUID[n];
        var accounts = new UUID[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = UUID.randomUUID();
            accounts[i] = UUID.randomUUID();
            if (i % 7 != 0) { // every seventh session has ended
                owners.put(sessions[i], accounts[i]);
            }
        }
        var go = new CountDownLatch(1);
        var done = new CountDownLatch(n);
        var wrong = new AtomicReference<String>();
        for (int i = 0; i < n; i++) {
            int k = i;
            // every eleventh request names another account than its session's: never live
            UUID claimed = k % 11 == 0 ? UUID.randomUUID() : accounts[k];
            new Thread(() -> {
                try {
                    go.await();
                    Optional<Authentication.LiveSession> live = reads.read(sessions[k], claimed, database);
                    boolean expected = k % 7 != 0 && k % 11 != 0;
                    if (live.isPresent() != expected || live.isPresent()
                            && (!live.get().sessionId().equals(sessions[k]) || !live.get().identity().accountId().equals(claimed))) {
                        wrong.compareAndSet(null, "request " + k + " got " + live);
                    }
                } catch (Exception e) {
                    wrong.compareAndSet(null, "request " + k + " failed: " + e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        go.countDown();
        assertTrue(done.await(30, TimeUnit.SECONDS), "every request answered");
        assertEquals(null, wrong.get());
        assertTrue(queries.get() < n / 4, queries.get() + " queries for " + n + " requests");
        assertTrue(largest.get() <= SessionReads.MAX_BATCH);
    }

    @Test
    void aRequestAloneIsReadAtOnce() {
        var reads = new SessionReads();
        var session = UUID.randomUUID();
        var account = UUID.randomUUID();
        owners.put(session, account);
        assertEquals(account, reads.read(session, account, database).orElseThrow().identity().accountId());
        assertTrue(reads.read(UUID.randomUUID(), account, database).isEmpty());
        assertEquals(2, queries.get());
    }

    @Test
    void aFailedReadFailsItsBatchAndTheNextReadsAgain() {
        var reads = new SessionReads();
        var session = UUID.randomUUID();
        var account = UUID.randomUUID();
        owners.put(session, account);
        var failure = new IllegalStateException("no connection");
        assertThrows(IllegalStateException.class, () -> reads.read(session, account, asked -> {
            throw failure;
        }));
        assertTrue(reads.read(session, account, database).isPresent());
    }

    @Test
    void aWaitingRequestInterruptedStillTakesItsTurnSoLaterReadsGoOn() throws Exception {
        var reads = new SessionReads();
        var session = UUID.randomUUID();
        var account = UUID.randomUUID();
        owners.put(session, account);
        var release = new CountDownLatch(1);
        Function<List<Authentication.SessionOf>, List<Authentication.LiveSession>> slow = asked -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return database.apply(asked);
        };
        var leader = new Thread(() -> reads.read(session, account, slow));
        leader.start();
        awaitWaiting(leader);
        // queued behind the leader's query, then interrupted (a container timeout, an undeployment)
        var second = new AtomicReference<Object>();
        var waiter = new Thread(() -> {
            try {
                second.set(reads.read(session, account, database));
            } catch (RuntimeException e) {
                second.set(e);
            }
            second.set(List.of(second.get(), Thread.currentThread().isInterrupted()));
        });
        waiter.start();
        awaitWaiting(waiter);
        waiter.interrupt();
        release.countDown();
        waiter.join(10_000);
        leader.join(10_000);
        assertEquals(List.of(Optional.of(new Authentication.LiveSession(new Identity(account, Role.INVESTOR), session,
                false)), true), second.get(), "its own answer, and its interrupt kept");
        // the reading was handed on and let go: a later request is not left waiting for it
        var later = java.util.concurrent.CompletableFuture.supplyAsync(() -> reads.read(session, account, database));
        assertTrue(later.get(10, TimeUnit.SECONDS).isPresent());
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 1_000 && thread.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.WAITING, thread.getState());
    }
}
