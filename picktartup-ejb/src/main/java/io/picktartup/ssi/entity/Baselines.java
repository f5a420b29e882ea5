package io.picktartup.ssi.entity;

import java.util.Map;

/**
 * What a sector's typical startup looks like on the day scored: the medians of the features that are judged relative
 * to peers (growth rates, MAU, money raised). A sector with fewer than {@value #MIN_PEERS} startups measuring a feature
 * has no median of its own for it and uses the median of all startups ({@link #ALL}); with no data at all, a neutral
 * default.
 */
public record Baselines(Map<String, SectorBaseline> bySector) {

    public static final String ALL = "*";
    public static final int MIN_PEERS = 5;
    private static final SectorBaseline DEFAULTS = new SectorBaseline(ALL, 0, 0.0, 0.0, 0.0, 10_000.0, 1_000_000_000.0);

    public Baselines {
        bySector = Map.copyOf(bySector);
    }

    /** One sector's medians; a null median = too few peers measuring it. */
    public record SectorBaseline(String sector, int startups, Double headcountGrowth, Double mauGrowth,
                                 Double revenueGrowth, Double mauLatest, Double fundingTotalKrw) {
    }

    public enum Metric {
        HEADCOUNT_GROWTH, MAU_GROWTH, REVENUE_GROWTH, MAU_LATEST, FUNDING_TOTAL
    }

    /** The median the startup's feature is compared with: its sector's, else all startups', else the default. */
    public double median(String sector, Metric metric) {
        Double own = value(bySector.get(Features.sectorKey(sector)), metric);
        if (own != null) {
            return own;
        }
        Double all = value(bySector.get(ALL), metric);
        return all != null ? all : value(DEFAULTS, metric);
    }

    private static Double value(SectorBaseline b, Metric metric) {
        if (b == null) {
            return null;
        }
        return switch (metric) {
            case HEADCOUNT_GROWTH -> b.headcountGrowth();
            case MAU_GROWTH -> b.mauGrowth();
            case REVENUE_GROWTH -> b.revenueGrowth();
            case MAU_LATEST -> b.mauLatest();
            case FUNDING_TOTAL -> b.fundingTotalKrw();
        };
    }
}
