package io.picktartup.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and timings of work done in a transaction, reported to the application's metrics only when it commits: a
 * pass that PostgreSQL aborts (a deadlock, a lost connection) runs again at the next tick, and what it counted the
 * first time must not count twice. Outside a transaction they are reported at once.
 */
@ApplicationScoped
public class CommittedMetrics {

    private static final Object KEY = CommittedMetrics.class;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    public void count(String counter) {
        count(counter, 1);
    }

    public void count(String counter, long n) {
        var pending = pending();
        if (pending == null) {
            metrics.counter(counter).inc(n);
        } else {
            pending.counters.merge(counter, n, Long::sum);
        }
    }

    public void time(String timer, Duration duration) {
        var pending = pending();
        if (pending == null) {
            metrics.timer(timer).update(duration);
        } else {
            pending.timings.add(Map.entry(timer, duration));
        }
    }

    /** This transaction's pending figures, registered to be reported at its commit; null without a transaction. */
    private Pending pending() {
        if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        var pending = (Pending) registry.getResource(KEY);
        if (pending == null) {
            pending = new Pending(metrics);
            try {
                registry.registerInterposedSynchronization(pending);
            } catch (IllegalStateException completing) {
                return null; // already completing: nothing can roll back what is counted now
            }
            registry.putResource(KEY, pending);
        }
        return pending;
    }

    private static final class Pending implements Synchronization {

        private final MetricRegistry metrics;
        private final Map<String, Long> counters = new LinkedHashMap<>();
        private final List<Map.Entry<String, Duration>> timings = new ArrayList<>();

        Pending(MetricRegistry metrics) {
            this.metrics = metrics;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                counters.forEach((name, n) -> metrics.counter(name).inc(n));
                timings.forEach(t -> metrics.timer(t.getKey()).update(t.getValue()));
            }
        }
    }
}
