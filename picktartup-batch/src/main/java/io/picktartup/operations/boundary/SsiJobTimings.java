package io.picktartup.operations.boundary;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where an ssi-scoring run spends its time (summed over its partitions' threads), reported in the job's exit status
 * so a slow night can be explained without a profiler. One run at a time is the norm; overlapping runs mix their
 * figures, which is acceptable for a diagnostic.
 */
final class SsiJobTimings {

    private static final Map<String, LongAdder> NANOS = new ConcurrentHashMap<>();

    private SsiJobTimings() {
    }

    static long start() {
        return System.nanoTime();
    }

    static void add(String phase, long startedAt) {
        NANOS.computeIfAbsent(phase, k -> new LongAdder()).add(System.nanoTime() - startedAt);
    }

    static void reset() {
        NANOS.clear();
    }

    /** "read facts 3.1 s, features 0.4 s, …" in the order the phases first ran. */
    static String summary() {
        var out = new StringBuilder();
        for (String phase : new String[]{"draw features", "read features", "score",
                "file scores", "copy to startups"}) {
            var n = NANOS.get(phase);
            if (n != null) {
                out.append(out.isEmpty() ? "" : ", ").append(phase).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f s", n.sum() / 1e9));
            }
        }
        return out.toString();
    }
}
