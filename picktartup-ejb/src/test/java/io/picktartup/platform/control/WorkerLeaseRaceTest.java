package io.picktartup.platform.control;

import io.picktartup.platform.entity.WorkerLease;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lease protocol of the chain dispatcher, with the real statements on a real PostgreSQL: two dispatchers (two
 * holders) race to take the lease and allocate relayer nonces the way {@code ChainTransactions.signQueued} does (the
 * nonce row under {@code FOR UPDATE}, then the fence, in one transaction), pausing at random, also inside the
 * transaction and for longer than the lease's TTL. Nonces must come out unique and gapless, and no nonce may be
 * allocated under an epoch older than one already used (a paused old holder never signs after its successor).
 */
class WorkerLeaseRaceTest {

    private static final String WORKER = "chain-dispatcher";
    private static final Duration TTL = Duration.ofMillis(400);
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute(Files.readString(Path.of("src/main/resources/db/migration/V120__worker_lease.sql")));
            statement.execute("""
                    create table relayer_nonce (address varchar(42) primary key, next_nonce numeric(20) not null,
                                                updated_at timestamptz not null);
                    insert into relayer_nonce values ('0xrelayer', 0, now());
                    create table signed (nonce numeric(20) primary key, holder varchar(120) not null,
                                         epoch bigint not null, seq bigserial)""");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Test
    void aPausedHolderCannotSignAfterItsLeaseWasTaken() throws Exception {
        try (var a = connect(); var b = connect()) {
            long epochA = WorkerLease.take(a, "paused", "A", TTL).orElseThrow();
            assertThat(WorkerLease.take(b, "paused", "B", TTL)).as("held by A: B must wait").isEmpty();
            Thread.sleep(TTL.toMillis() + 100); // A pauses past its TTL
            long epochB = WorkerLease.take(b, "paused", "B", TTL).orElseThrow();
            assertThat(epochB).isEqualTo(epochA + 1);
            a.setAutoCommit(false);
            assertThat(WorkerLease.fenced(a, "paused", "A", epochA)).as("A's old epoch is fenced off").isFalse();
            a.rollback();
            a.setAutoCommit(true);
            assertThat(WorkerLease.take(a, "paused", "A", TTL)).as("A cannot take B's live lease").isEmpty();
            b.setAutoCommit(false);
            assertThat(WorkerLease.fenced(b, "paused", "B", epochB)).isTrue();
            b.commit();
            b.setAutoCommit(true);
            WorkerLease.release(b, "paused", "B");
            assertThat(WorkerLease.take(a, "paused", "A", TTL)).as("released: A takes it at once").hasValue(epochB + 1);
        }
    }

    @Test
    void twoRacingDispatchersAllocateUniqueGaplessNoncesUnderIncreasingEpochs() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        var refused = new AtomicInteger();
        try {
            List<Callable<Integer>> dispatchers = List.of(dispatcher("A", 11, refused), dispatcher("B", 29, refused));
            int total = 0;
            for (var result : pool.invokeAll(dispatchers)) {
                total += result.get();
            }
            try (var connection = connect(); var statement = connection.createStatement()) {
                var rs = statement.executeQuery("""
                        select count(*), min(nonce), max(nonce), (select next_nonce from relayer_nonce),
                               count(distinct holder), (select epoch from worker_lease where name = 'chain-dispatcher')
                        from signed""");
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(total).isGreaterThan(50);
                assertThat(rs.getLong(2)).isZero();
                assertThat(rs.getLong(3)).as("gapless").isEqualTo(total - 1);
                assertThat(rs.getLong(4)).isEqualTo(total);
                assertThat(rs.getInt(5)).as("the lease changed hands").isEqualTo(2);
                assertThat(rs.getLong(6)).as("several takeovers").isGreaterThan(2);
                var epochs = new ArrayList<Long>();
                var inOrder = statement.executeQuery("select epoch from signed order by nonce");
                while (inOrder.next()) {
                    epochs.add(inOrder.getLong(1));
                }
                assertThat(epochs).as("no nonce under an epoch older than one already used").isSorted();
            }
            assertThat(refused.get()).as("a paused holder was fenced off at least once").isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A dispatcher loop: renew or take, then sign a few nonces under the fence; pauses at random. */
    private static Callable<Integer> dispatcher(String holder, long seed, AtomicInteger refused) {
        return () -> {
            var random = new Random(seed);
            int signed = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            try (var connection = connect()) {
                while (System.nanoTime() < deadline) {
                    java.util.OptionalLong epoch;
                    try {
                        epoch = WorkerLease.take(connection, WORKER, holder, TTL);
                    } catch (SQLException waitedTooLong) {
                        epoch = java.util.OptionalLong.empty(); // the database answered too slowly: try again
                    }
                    if (epoch.isEmpty()) {
                        Thread.sleep(random.nextInt(60));
                        continue;
                    }
                    if (random.nextInt(8) == 0) {
                        Thread.sleep(TTL.toMillis() + random.nextInt(200)); // a GC pause: the lease may be gone
                    }
                    connection.setAutoCommit(false);
                    try {
                        // as signQueued: lock the signer's nonce row, then check the fence under that lock
                        try (var st = connection.createStatement()) {
                            st.executeQuery("select next_nonce from relayer_nonce for update").close();
                        }
                        if (!WorkerLease.fenced(connection, WORKER, holder, epoch.getAsLong())) {
                            refused.incrementAndGet();
                            connection.rollback();
                            continue;
                        }
                        if (random.nextInt(10) == 0) {
                            Thread.sleep(TTL.toMillis() + 100); // paused inside the fenced transaction
                        }
                        int n = 1 + random.nextInt(4);
                        for (int i = 0; i < n; i++) {
                            long nonce;
                            try (var st = connection.createStatement();
                                 var rs = st.executeQuery("select next_nonce from relayer_nonce for update")) {
                                rs.next();
                                nonce = rs.getLong(1);
                            }
                            try (var st = connection.prepareStatement("insert into signed (nonce, holder, epoch) values (?, ?, ?)")) {
                                st.setLong(1, nonce);
                                st.setString(2, holder);
                                st.setLong(3, epoch.getAsLong());
                                st.executeUpdate();
                            }
                            try (var st = connection.createStatement()) {
                                st.executeUpdate("update relayer_nonce set next_nonce = next_nonce + 1, updated_at = now()");
                            }
                        }
                        connection.commit();
                        signed += n;
                    } catch (SQLException e) {
                        connection.rollback();
                        throw e;
                    } finally {
                        connection.setAutoCommit(true);
                    }
                    Thread.sleep(random.nextInt(30));
                }
            }
            return signed;
        };
    }
}
