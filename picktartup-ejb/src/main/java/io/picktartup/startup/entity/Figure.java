package io.picktartup.startup.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A startup's figures for one month, as its CEO reports them. Each figure is optional (a pre-revenue startup reports
 * no revenue; a B2B one may not count monthly users); a reported figure is never negative, except operating profit,
 * and a month is only reported once it has begun. Money in won; retention is the share (0 to 1) of last month's
 * active users who were active again this month.
 */
@Entity
@Table(name = "startup_figure")
@IdClass(Figure.Key.class)
public class Figure {

    /** The primary key: startup and month. */
    public static class Key implements Serializable {
        UUID startupId;
        LocalDate period;

        public Key() {
        }

        public Key(UUID startupId, LocalDate period) {
            this.startupId = startupId;
            this.period = period;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(startupId, k.startupId) && Objects.equals(period, k.period);
        }

        @Override
        public int hashCode() {
            return Objects.hash(startupId, period);
        }
    }

    /** One month as reported; null means "not reported". */
    public record Month(YearMonth period, Integer headcount, Long mau, BigDecimal retention, Long revenueKrw,
                        Long operatingProfitKrw, Long cashKrw, Long burnKrw) {

        public static final long MONEY_MAX = 1_000_000_000_000_000L; // a quadrillion won: far beyond any startup
        public static final long MAU_MAX = 10_000_000_000L;
        public static final int HEADCOUNT_MAX = 1_000_000;

        public void check(int index, YearMonth current, List<InvalidInputException.Violation> problems) {
            String at = "figures[" + index + "].";
            if (period == null) {
                problems.add(InvalidInputException.Violation.of(at + "period", FieldRule.MONTH));
            } else if (period.isAfter(current)) {
                problems.add(InvalidInputException.Violation.of(at + "period", FieldRule.MONTH_NOT_FUTURE));
            } else if (period.isBefore(YearMonth.of(1990, 1))) {
                problems.add(InvalidInputException.Violation.of(at + "period", FieldRule.MONTH_FROM, "1990-01"));
            }
            range(problems, at + "headcount", headcount == null ? null : headcount.longValue(), 0, HEADCOUNT_MAX);
            range(problems, at + "mau", mau, 0, MAU_MAX);
            if (retention != null && (retention.signum() < 0 || retention.compareTo(BigDecimal.ONE) > 0
                    || retention.stripTrailingZeros().scale() > 4)) {
                problems.add(InvalidInputException.Violation.of(at + "retention", FieldRule.SHARE_OF_ONE));
            }
            range(problems, at + "revenueKrw", revenueKrw, 0, MONEY_MAX);
            range(problems, at + "operatingProfitKrw", operatingProfitKrw, -MONEY_MAX, MONEY_MAX);
            range(problems, at + "cashKrw", cashKrw, 0, MONEY_MAX);
            range(problems, at + "burnKrw", burnKrw, 0, MONEY_MAX);
            if (headcount == null && mau == null && retention == null && revenueKrw == null
                    && operatingProfitKrw == null && cashKrw == null && burnKrw == null) {
                problems.add(InvalidInputException.Violation.of(at.substring(0, at.length() - 1), FieldRule.NO_FIGURE));
            }
        }

        private static void range(List<InvalidInputException.Violation> problems, String field, Long value, long min,
                                  long max) {
            if (value != null && (value < min || value > max)) {
                problems.add((min == 0
                        ? InvalidInputException.Violation.of(field, FieldRule.NOT_NEGATIVE_AT_MOST, max)
                        : InvalidInputException.Violation.of(field, FieldRule.BETWEEN, min, max)));
            }
        }

        /** How the audit trail shows the month. */
        public String describe() {
            var parts = new ArrayList<String>();
            add(parts, "headcount", headcount);
            add(parts, "mau", mau);
            add(parts, "retention", retention == null ? null : retention.stripTrailingZeros().toPlainString());
            add(parts, "revenueKrw", revenueKrw);
            add(parts, "operatingProfitKrw", operatingProfitKrw);
            add(parts, "cashKrw", cashKrw);
            add(parts, "burnKrw", burnKrw);
            return String.join(", ", parts);
        }

        private static void add(List<String> parts, String name, Object value) {
            if (value != null) {
                parts.add(name + "=" + value);
            }
        }
    }

    @Id
    @Column(name = "startup_id")
    private UUID startupId;

    @Id
    @Column(name = "period")
    private LocalDate period;

    private Integer headcount;
    private Long mau;

    @Column(precision = 5, scale = 4)
    private BigDecimal retention;

    @Column(name = "revenue_krw")
    private Long revenueKrw;

    @Column(name = "operating_profit_krw")
    private Long operatingProfitKrw;

    @Column(name = "cash_krw")
    private Long cashKrw;

    @Column(name = "burn_krw")
    private Long burnKrw;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Figure() {
    }

    public Figure(UUID startupId, Month month, Instant now) {
        this.startupId = Objects.requireNonNull(startupId);
        this.period = month.period().atDay(1);
        report(month, now);
    }

    /** Replaces the month's figures with a valid report. */
    public void report(Month month, Instant now) {
        this.headcount = month.headcount();
        this.mau = month.mau();
        this.retention = month.retention();
        this.revenueKrw = month.revenueKrw();
        this.operatingProfitKrw = month.operatingProfitKrw();
        this.cashKrw = month.cashKrw();
        this.burnKrw = month.burnKrw();
        this.updatedAt = now;
    }

    public Month month() {
        return new Month(YearMonth.from(period), headcount, mau, retention, revenueKrw, operatingProfitKrw, cashKrw,
                burnKrw);
    }
}
