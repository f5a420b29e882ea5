package io.picktartup.round.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions that move the same two rounds' figures in opposite orders, as a receipt pass (deposits of A, then
 * B, confirmed) and a signing pass (deposits of B, then A, refused) do on their two threads, on a real PostgreSQL with
 * the rounds' check. Applied as they come they lock the rows crosswise and PostgreSQL aborts one as a deadlock (the
 * control); gathered in {@link RoundRoom.Changes} and applied in its order, both commit and no change is lost.
 */
class RoundRoomChangesTest {

    private static final BigInteger CAP = BigInteger.valueOf(1_000_000);
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute("""
                    create table funding_round (id uuid primary key, hard_cap numeric(78) not null,
                        committed numeric(78) not null, raised numeric(78) not null,
                        check (committed >= 0 and committed <= hard_cap and raised >= 0 and raised <= committed));
                    alter database postgres set deadlock_timeout = '200ms'""");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void rounds() throws SQLException {
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute("delete from funding_round");
            statement.execute("insert into funding_round values ('" + A + "', " + CAP + ", 5000, 1000), ('" + B
                    + "', " + CAP + ", 5000, 1000)");
        }
    }

    private static Connection connect() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    @Test
    void changesAreNettedPerRoundAndOrderedById() {
        var changes = new RoundRoom.Changes();
        changes.deposited(B, BigInteger.valueOf(300));
        changes.giveBack(A, BigInteger.valueOf(200));
        changes.withdrawn(B, BigInteger.valueOf(100));
        changes.deposited(A, BigInteger.ZERO);
        var c = UUID.fromString("00000000-0000-0000-0000-00000000000c");
        changes.giveBack(c, BigInteger.TEN);
        changes.giveBack(c, BigInteger.TEN.negate()); // nets to nothing: that round is not touched at all

        assertThat(changes.inLockOrder()).containsExactly(
                new RoundRoom.Change(A, BigInteger.valueOf(-200), BigInteger.ZERO),
                new RoundRoom.Change(B, BigInteger.valueOf(-100), BigInteger.valueOf(200)));
        assertThat(new RoundRoom.Changes().isEmpty()).isTrue();
    }

    @Test
    void changesAppliedAsTheyComeDeadlock() throws Exception {
        var outcomes = race(List.of(
                new RoundRoom.Change(A, BigInteger.ZERO, BigInteger.valueOf(100)),
                new RoundRoom.Change(B, BigInteger.ZERO, BigInteger.valueOf(100))), List.of(
                new RoundRoom.Change(B, BigInteger.valueOf(-50), BigInteger.ZERO),
                new RoundRoom.Change(A, BigInteger.valueOf(-50), BigInteger.ZERO)));

        assertThat(outcomes).as("one of the two is aborted as a deadlock (SQLSTATE 40P01)").containsOnlyOnce("40P01");
    }

    @Test
    void changesAppliedInLockOrderBothCommit() throws Exception {
        var receiptPass = new RoundRoom.Changes();
        receiptPass.deposited(A, BigInteger.valueOf(100));
        receiptPass.deposited(B, BigInteger.valueOf(100));
        var signingPass = new RoundRoom.Changes();
        signingPass.giveBack(B, BigInteger.valueOf(50));
        signingPass.giveBack(A, BigInteger.valueOf(50));

        var outcomes = race(receiptPass.inLockOrder(), signingPass.inLockOrder());

        assertThat(outcomes).containsExactly("committed", "committed");
        for (var round : List.of(A, B)) {
            try (var connection = connect(); var read = connection.prepareStatement(
                    "select committed, raised from funding_round where id = ?")) {
                read.setObject(1, round);
                try (var row = read.executeQuery()) {
                    row.next();
                    assertThat(row.getBigDecimal(1).toBigIntegerExact()).as("committed of " + round)
                            .isEqualTo(BigInteger.valueOf(4950));
                    assertThat(row.getBigDecimal(2).toBigIntegerExact()).as("raised of " + round)
                            .isEqualTo(BigInteger.valueOf(1100));
                }
            }
        }
    }

    /**
     * Runs the two transactions at once: each applies its first change, waits (up to a second) until the other has
     * applied its first too, applies the rest and commits. Returns "committed" or the SQLSTATE of each.
     */
    private static List<String> race(List<RoundRoom.Change> first, List<RoundRoom.Change> second) throws Exception {
        var firstDone = new CountDownLatch(2);
        var executor = Executors.newFixedThreadPool(2);
        try {
            var futures = new ArrayList<Future<String>>();
            for (var changes : List.of(first, second)) {
                futures.add(executor.submit(() -> {
                    try (var connection = connect()) {
                        connection.setAutoCommit(false);
                        try (var update = connection.prepareStatement("""
                                update funding_round set committed = committed + ?, raised = raised + ? where id = ?""")) {
                            for (int i = 0; i < changes.size(); i++) {
                                update.setObject(1, new java.math.BigDecimal(changes.get(i).committed()));
                                update.setObject(2, new java.math.BigDecimal(changes.get(i).raised()));
                                update.setObject(3, changes.get(i).roundId());
                                update.executeUpdate();
                                if (i == 0) {
                                    firstDone.countDown();
                                    firstDone.await(1, TimeUnit.SECONDS);
                                }
                            }
                            connection.commit();
                            return "committed";
                        } catch (SQLException e) {
                            connection.rollback();
                            return e.getSQLState();
                        }
                    }
                }));
            }
            var outcomes = new ArrayList<String>();
            for (var future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            executor.shutdownNow();
        }
    }
}
