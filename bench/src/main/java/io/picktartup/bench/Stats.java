package io.picktartup.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of measured samples (nearest rank: the value below which {@code q} of the samples lie). */
public final class Stats {

    private Stats() {
    }

    /** The nearest-rank percentile, {@code q} between 0 and 1 (0.5 the median, 1 the maximum); NaN without samples. */
    public static double percentile(Collection<? extends Number> samples, double q) {
        return percentile(samples.stream().mapToDouble(Number::doubleValue).toArray(), q);
    }

    public static double percentile(double[] samples, double q) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        var sorted = samples.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public static double median(Collection<? extends Number> samples) {
        return percentile(samples, 0.5);
    }
}
