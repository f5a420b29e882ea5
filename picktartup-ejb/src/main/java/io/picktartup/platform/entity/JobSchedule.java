package io.picktartup.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a nightly job starts: daily at a local time in a zone, or off. Lives in the database so that the schedule and
 * its next fire time survive restarts and an admin changes it without redeploying. Invariant: {@code nextFireAt} is
 * set exactly when the schedule is on. An instance that fires the job moves {@code nextFireAt} to the following day
 * with a conditional update on the value it saw, so among several instances exactly one fires each occurrence; a fire
 * time missed while the platform was down is fired once when it comes back, and marked late.
 */
@Entity
@Table(name = "job_schedule")
public class JobSchedule {

    public static final String OFF = "off";
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    @Id
    @Column(length = 60)
    private String job;

    @Column(name = "daily_at", nullable = false, length = 5)
    private String dailyAt;

    @Column(nullable = false, length = 60)
    private String zone;

    @Column(name = "next_fire_at")
    private Instant nextFireAt;

    @Column(name = "last_fired_at")
    private Instant lastFiredAt;

    @Column(name = "last_fire_late", nullable = false)
    private boolean lastFireLate;

    @Column(name = "last_execution_id")
    private Long lastExecutionId;

    @Column(name = "changed_by", nullable = false, length = 100)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Version
    private long version;

    protected JobSchedule() {
    }

    public JobSchedule(String job, String dailyAt, String zone, String actor, Instant now) {
        this.job = job;
        this.zone = checkedZone(zone);
        change(dailyAt, actor, now);
    }

    /** "HH:mm" (24 h) or "off", trimmed; anything else names the field {@code at}. */
    public static String checkedTime(String at) {
        String value = at == null ? "" : at.trim();
        if (OFF.equalsIgnoreCase(value)) {
            return OFF;
        }
        if (!HH_MM.matcher(value).matches()) {
            throw new InvalidInputException("at", FieldRule.TIME_OF_DAY);
        }
        return value;
    }

    private static String checkedZone(String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidInputException("zone", FieldRule.TIME_ZONE);
        }
    }

    /** Sets the daily time (or off) and the next fire time from now; returns the previous time for the audit trail. */
    public String change(String at, String actor, Instant now) {
        String checked = checkedTime(at);
        String old = dailyAt;
        dailyAt = checked;
        nextFireAt = OFF.equals(checked) ? null : nextAfter(LocalTime.parse(checked), ZoneId.of(zone), now);
        changedBy = actor;
        changedAt = now;
        return old;
    }

    /** The first instant strictly after {@code now} when the local clock in {@code zone} reads {@code time}. */
    public static Instant nextAfter(LocalTime time, ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(time).atZone(zone);
        while (!candidate.toInstant().isAfter(now)) {
            candidate = candidate.toLocalDate().plusDays(1).atTime(time).atZone(zone);
        }
        return candidate.toInstant();
    }

    /** Whether the job should start now. */
    public boolean dueAt(Instant now) {
        return nextFireAt != null && !nextFireAt.isAfter(now);
    }

    /** A due occurrence is late when it is started more than {@code grace} after its time (the platform was down). */
    public boolean lateAt(Instant now, Duration grace) {
        return dueAt(now) && Duration.between(nextFireAt, now).compareTo(grace) > 0;
    }

    /**
     * The fire time after this occurrence: the next one after {@code now}, so an occurrence missed for days is fired
     * once, not once per missed day.
     */
    public Instant followingFireAt(Instant now) {
        return nextAfter(LocalTime.parse(dailyAt), ZoneId.of(zone), now);
    }

    /** How long the job is past its fire time without having been started (0 when not due or off). */
    public Duration overdueAt(Instant now) {
        return dueAt(now) ? Duration.between(nextFireAt, now) : Duration.ZERO;
    }

    public String job() {
        return job;
    }

    public String dailyAt() {
        return dailyAt;
    }

    public String zone() {
        return zone;
    }

    public Optional<Instant> nextFireAt() {
        return Optional.ofNullable(nextFireAt);
    }

    public Optional<Instant> lastFiredAt() {
        return Optional.ofNullable(lastFiredAt);
    }

    public boolean lastFireLate() {
        return lastFireLate;
    }

    public Optional<Long> lastExecutionId() {
        return Optional.ofNullable(lastExecutionId);
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
