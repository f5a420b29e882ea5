package io.picktartup.platform.entity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The lease that lets one instance of the cluster run a continuous worker (the chain dispatcher, the mail sender…).
 * A row of {@code worker_lease}: its holder (an instance id, unique per boot), an epoch that grows at every change
 * of holder (the fencing token) and the moment it expires unless renewed. Times are the database's, so the
 * instances' clocks need not agree. Lifecycle: free (no row, or expired) → held by one instance, renewed by it
 * every few seconds → expired (its holder died, paused or lost the database) → taken by another, epoch + 1.
 * Invariant: at any database instant at most one holder has an unexpired lease, and an epoch names one holder.
 */
public final class WorkerLease {

    /**
     * Takes a free or expired lease, or renews one the caller holds, in one statement; returns the epoch when the
     * caller holds it afterwards. A renewal keeps the epoch (no one else held it in between: the holder is unchanged).
     */
    public static final String TAKE = """
            insert into worker_lease (name, holder, epoch, expires_at)
            values (?, ?, 1, now() + ? * interval '1 millisecond')
            on conflict (name) do update
               set holder = excluded.holder,
                   epoch = case when worker_lease.holder = excluded.holder then worker_lease.epoch
                                else worker_lease.epoch + 1 end,
                   expires_at = excluded.expires_at
             where worker_lease.holder = excluded.holder or worker_lease.expires_at <= now()
            returning epoch""";

    /**
     * Takes a lease only if it exists and lapsed (never creates it): the claim of a young job execution, whose own
     * member may not have taken its lease yet.
     */
    public static final String TAKE_LAPSED = """
            update worker_lease lease
               set epoch = case when lease.holder = claim.holder then lease.epoch else lease.epoch + 1 end,
                   holder = claim.holder,
                   expires_at = now() + claim.ttl * interval '1 millisecond'
              from (select ?::text as name, ?::text as holder, ?::bigint as ttl) claim
             where lease.name = claim.name and lease.expires_at <= now()
            returning lease.epoch""";

    /** Runs {@link #TAKE_LAPSED}; the epoch when {@code holder} holds the lease after it. */
    public static OptionalLong takeLapsed(Connection connection, String name, String holder, Duration ttl)
            throws SQLException {
        return epoch(connection, TAKE_LAPSED, name, holder, ttl);
    }

    /**
     * Creates a lease that never existed (never takes an existing one, even a lapsed or released one): a job
     * execution's own claim as it begins. Once another member claimed it (the execution waited past the grace, or its
     * member stalled), the execution can never hold it again.
     */
    public static final String CLAIM = """
            insert into worker_lease (name, holder, epoch, expires_at)
            values (?, ?, 1, now() + ? * interval '1 millisecond')
            on conflict (name) do nothing
            returning epoch""";

    /** Runs {@link #CLAIM}; the epoch when {@code holder} created the lease. */
    public static OptionalLong claim(Connection connection, String name, String holder, Duration ttl)
            throws SQLException {
        return epoch(connection, CLAIM, name, holder, ttl);
    }

    /** Lets the lease go at once (a clean shutdown), so another instance need not wait for it to expire. */
    public static final String RELEASE = """
            update worker_lease set expires_at = now() where name = ? and holder = ?""";

    /**
     * The fence: in the transaction about to act as the holder, after it locked what it is about to change (the
     * dispatcher: its signers' nonce rows), the lease is still this holder's at this epoch and unexpired. A holder
     * that lost the lease before taking those locks is refused; one that loses it after makes the new holder wait for
     * the locks, so their work never interleaves. No lock on the lease row itself: its renewal never waits.
     */
    public static final String FENCE = """
            select epoch from worker_lease
             where name = ?1 and holder = ?2 and epoch = ?3 and expires_at > now()""";

    private WorkerLease() {
    }

    /** Runs {@link #TAKE} on a connection in auto-commit; the epoch when {@code holder} holds the lease after it. */
    public static OptionalLong take(Connection connection, String name, String holder, Duration ttl)
            throws SQLException {
        return epoch(connection, TAKE, name, holder, ttl);
    }

    /** Runs one of the statements that take a lease (parameters name, holder, TTL in ms); the epoch it returned. */
    private static OptionalLong epoch(Connection connection, String sql, String name, String holder, Duration ttl)
            throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.setLong(3, ttl.toMillis());
            // a database that answers too slowly must not hold the renewal of the other leases
            statement.setQueryTimeout((int) Math.max(1, ttl.toSeconds() / 4));
            try (var rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public static void release(Connection connection, String name, String holder) throws SQLException {
        try (var statement = connection.prepareStatement(RELEASE)) {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.executeUpdate();
        }
    }

    /** {@link #FENCE} with JDBC parameters (tests); the application runs it through JPA in its transaction. */
    public static boolean fenced(Connection connection, String name, String holder, long epoch) throws SQLException {
        try (var statement = connection.prepareStatement(FENCE.replace("?1", "?").replace("?2", "?").replace("?3", "?"))) {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.setLong(3, epoch);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
