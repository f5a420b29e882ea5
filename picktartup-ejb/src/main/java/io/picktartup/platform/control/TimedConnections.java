package io.picktartup.platform.control;

import org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hibernate's connection provider for the container's data source, timing each connection it takes from the pool: on
 * Payara Micro the pool publishes no wait statistics (Server does, through monitoring), so the time a transaction
 * waits for a connection is measured here, where every JPA use of the pool passes. Named in persistence.xml
 * ({@code hibernate.connection.provider_class}); read by {@link PoolMetrics}.
 */
public class TimedConnections extends DatasourceConnectionProviderImpl {

    static final LongAdder ACQUIRED = new LongAdder();
    static final LongAdder WAITED_NANOS = new LongAdder();
    static final LongAdder SLOW = new LongAdder();
    static final LongAdder FAILED = new LongAdder();
    static final AtomicLong WAITING = new AtomicLong();
    /** The longest wait in the current window (see {@link PoolMetrics#maxWaitSeconds()}). */
    static final AtomicLong MAX_NANOS = new AtomicLong();
    /** A wait longer than this counts as slow: the pool was empty and the caller queued. */
    static final long SLOW_NANOS = 10_000_000;

    @Override
    public Connection getConnection() throws SQLException {
        WAITING.incrementAndGet();
        long start = System.nanoTime();
        try {
            Connection connection = super.getConnection();
            record(System.nanoTime() - start);
            return connection;
        } catch (SQLException | RuntimeException e) {
            FAILED.increment();
            record(System.nanoTime() - start);
            throw e;
        } finally {
            WAITING.decrementAndGet();
        }
    }

    private static void record(long nanos) {
        ACQUIRED.increment();
        WAITED_NANOS.add(nanos);
        if (nanos > SLOW_NANOS) {
            SLOW.increment();
        }
        MAX_NANOS.accumulateAndGet(nanos, Math::max);
    }
}
