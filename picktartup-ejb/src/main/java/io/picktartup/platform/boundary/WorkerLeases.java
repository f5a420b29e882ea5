package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.LeaseLostException;
import io.picktartup.platform.entity.WorkerLease;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which continuous workers run on this instance. Each worker asks {@link #holds} before each tick; the first ask
 * takes the lease at once if it is free (a single instance holds every lease from its first tick), then a
 * background task renews every held lease and tries the others every {@code renew-ms}. A lease not renewed for
 * {@code ttl-ms} (its holder died, hung or lost the database) is taken by the next instance that tries, so a worker
 * moves to a live instance within TTL + one renewal. Locally a lease counts as held only until TTL minus one second
 * after the start of its last successful renewal: the old holder stops before the database lets anyone else take it.
 * The dispatcher also checks {@link #fence} in the transaction that allocates nonces (the epoch is the fencing token).
 * See docs/cluster.md.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WorkerLeases {

    private static final Logger LOG = Logger.getLogger(WorkerLeases.class.getName());
    private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Resource(lookup = "jdbc/picktartup")
    DataSource dataSource;

    /** Renewals get a thread of their own: a long dispatcher pass on the shared executor must not starve them. */
    @Resource
    ManagedThreadFactory threads;

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "picktartup.worker.lease-ttl-ms", defaultValue = "10000")
    long ttlMillis;

    @Inject
    @ConfigProperty(name = "picktartup.worker.lease-renew-ms", defaultValue = "3000")
    long renewMillis;

    /** One id per boot: a restarted instance is a new holder (its old leases must expire or be released first). */
    private final String holder = ProcessHandle.current().pid() + "@" + host() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    /** Every worker name asked for on this instance → its lease while held (absent or lapsed when not). */
    private final Map<String, Held> leases = new ConcurrentHashMap<>();
    /** The continuous workers asked for by {@link #holds}: renewed or tried at every round. */
    private final java.util.Set<String> workers = ConcurrentHashMap.newKeySet();
    /** The names taken by {@link #acquire} (job executions) → the epoch they were acquired at. */
    private final Map<String, Long> acquired = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private java.util.concurrent.ScheduledExecutorService renewer;

    private record Held(long epoch, long validUntilNanos) {
        boolean valid() {
            return epoch > 0 && System.nanoTime() - validUntilNanos < 0;
        }
    }

    @PostConstruct
    void start() {
        renewer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(threads);
        renewer.scheduleWithFixedDelay(this::renewAll, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Worker leases: this instance is " + holder + " (TTL " + ttlMillis + " ms)");
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (renewer != null) {
            renewer.shutdownNow();
        }
        // a clean stop hands the workers over at once instead of after the TTL
        try (var connection = dataSource.getConnection()) {
            for (var entry : leases.entrySet()) {
                if (entry.getValue().valid()) {
                    WorkerLease.release(connection, entry.getKey(), holder);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release the worker leases; they expire on their own", e);
        }
    }

    /**
     * Whether this instance may run {@code worker} now. The first ask for a name tries to take its lease at once;
     * later asks read memory only.
     */
    public boolean holds(String worker) {
        if (stopping) {
            return false;
        }
        var held = leases.get(worker);
        if (held == null) {
            workers.add(worker);
            held = tryTake(worker);
        }
        return held.valid();
    }

    /**
     * Creates the lease {@code name} for this instance and keeps renewing it until {@link #letLapse}; refused when the
     * lease exists already, whoever holds it and even if it lapsed: the claim of a job execution ({@code
     * job-execution:<id>}) by the member that runs it, as it begins. An execution another member claimed first (it
     * waited past the grace) can never run. Returns whether this instance holds it.
     */
    public boolean claim(String name) {
        return takeOnce(name, WorkerLease::claim);
    }

    /**
     * Takes the lease {@code name} now if it is free or expired (or already this instance's), and keeps renewing it
     * until {@link #letLapse}: the claim of a member taking over a dead member's job execution. Returns whether this
     * instance holds it.
     */
    public boolean acquire(String name) {
        if (stopping) {
            return false;
        }
        var held = tryTake(name);
        if (!held.valid()) {
            leases.remove(name);
            return false;
        }
        acquired.put(name, held.epoch());
        return true;
    }

    /**
     * Like {@link #acquire}, but only a lease that exists and lapsed: a young job execution whose member has not yet
     * taken its lease is left alone.
     */
    public boolean acquireLapsed(String name) {
        return takeOnce(name, WorkerLease::takeLapsed);
    }

    /** One of {@link WorkerLease}'s statements that take a lease once. */
    private interface Take {
        java.util.OptionalLong epoch(java.sql.Connection connection, String name, String holder, Duration ttl)
                throws SQLException;
    }

    /** Takes {@code name} with {@code take} and, when it succeeds, keeps renewing it (see {@link #acquire}). */
    private boolean takeOnce(String name, Take take) {
        if (stopping) {
            return false;
        }
        long began = System.nanoTime();
        try (var connection = dataSource.getConnection()) {
            var epoch = take.epoch(connection, name, holder, Duration.ofMillis(ttlMillis));
            if (epoch.isEmpty()) {
                return false;
            }
            leases.put(name, new Held(epoch.getAsLong(), began + TimeUnit.MILLISECONDS.toNanos(ttlMillis) - MARGIN_NANOS));
            acquired.put(name, epoch.getAsLong());
            LOG.fine(() -> "Took the lease of " + name + " (epoch " + epoch.getAsLong() + ")");
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Lease " + name + " not taken", e);
            return false;
        }
    }

    /**
     * Whether the work {@code name} guards must stop: another instance took the lease since this one acquired it, or
     * this instance can no longer be sure it holds it (no renewal succeeded within the TTL less a margin: paused, or
     * cut off from the database, long enough for another member to take it over), or it is shutting down.
     */
    public boolean lost(String name) {
        if (stopping || !acquired.containsKey(name)) {
            return true;
        }
        var held = leases.get(name);
        return held == null || !held.valid();
    }

    /**
     * Stops renewing {@code name} without releasing it: the lease lapses after its TTL. A job execution's lease is let
     * lapse, not released, when the execution ends: the batch runtime writes the execution's final status only after
     * its listeners ran, and until then a released lease would let another member take a finished execution over.
     */
    public void letLapse(String name) {
        acquired.remove(name);
        leases.remove(name);
    }

    private void releaseInDatabase(String name) {
        try (var connection = dataSource.getConnection()) {
            WorkerLease.release(connection, name, holder);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not release the lease " + name + "; it expires on its own", e);
        }
    }

    /** The epoch of the lease this instance holds for {@code worker}, for {@link #fence}. */
    public long epoch(String worker) {
        var held = leases.get(worker);
        if (held == null || !held.valid()) {
            throw new LeaseLostException(worker);
        }
        return held.epoch();
    }

    /** This instance's holder id (its process id, host and a boot id). */
    public String holder() {
        return holder;
    }

    /**
     * In the caller's transaction, after it locked what it is about to change: refuses (and so rolls back) unless this
     * instance still holds {@code worker}'s lease at the epoch it had.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void fence(String worker) {
        long epoch = epoch(worker);
        var rows = em.createNativeQuery(WorkerLease.FENCE)
                .setParameter(1, worker).setParameter(2, holder).setParameter(3, epoch)
                .getResultList();
        if (rows.isEmpty()) {
            leases.put(worker, new Held(0, System.nanoTime()));
            throw new LeaseLostException(worker);
        }
    }

    private void renewAll() {
        for (String worker : workers) {
            if (stopping) {
                return;
            }
            try {
                tryTake(worker);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Lease " + worker + " not renewed", e); // the next round tries again
            }
        }
        for (String name : acquired.keySet()) {
            if (stopping) {
                return;
            }
            try {
                renewAcquired(name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Lease " + name + " not renewed", e);
            }
        }
    }

    /**
     * An acquired lease is renewed, or taken again after a failed renewal, as long as its epoch is the one acquired;
     * once another instance held it in between (its execution was taken over) it is let go and forgotten: never taken
     * back. One released while this renewal ran is let go again.
     */
    private void renewAcquired(String name) {
        var after = tryTake(name);
        Long mine = acquired.get(name);
        if (mine == null) {
            leases.remove(name); // let lapse while this renewal ran: it lapses one TTL later
        } else if (after.valid() && after.epoch() != mine) {
            acquired.remove(name);
            leases.remove(name);
            releaseInDatabase(name);
            LOG.warning(() -> "Lost the lease of " + name + ": another instance held it (its work was taken over)");
        }
    }

    private Held tryTake(String worker) {
        long began = System.nanoTime();
        Held before = leases.get(worker);
        Held after;
        try (var connection = dataSource.getConnection()) {
            var epoch = WorkerLease.take(connection, worker, holder, Duration.ofMillis(ttlMillis));
            after = epoch.isPresent()
                    ? new Held(epoch.getAsLong(), began + TimeUnit.MILLISECONDS.toNanos(ttlMillis) - MARGIN_NANOS)
                    : new Held(0, began);
        } catch (SQLException | RuntimeException e) {
            // the database is unreachable or the renewal waited too long: what was held stays held until it lapses
            LOG.log(Level.FINE, "Lease " + worker + " not renewed", e);
            after = before != null ? before : new Held(0, began);
        }
        boolean was = before != null && before.valid();
        boolean is = after.valid();
        if (was != is || (before != null && is && before.epoch() != after.epoch())) {
            Held logged = after;
            LOG.info(() -> (is ? "Took" : "Lost") + " the lease of " + worker + (is ? " (epoch " + logged.epoch() + ")" : ""));
        }
        leases.put(worker, after);
        return after;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
