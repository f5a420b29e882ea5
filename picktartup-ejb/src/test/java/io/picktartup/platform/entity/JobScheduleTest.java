package io.picktartup.platform.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A schedule's next fire time, its due and late occurrences, and the times it refuses. */
class JobScheduleTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** 2026-12-02 21:00 UTC = 2026-12-03 06:00 in Seoul. */
    private static final Instant NOW = Instant.parse("2026-12-02T21:00:00Z");

    @Test
    void theNextFireTimeIsTheFirstLocalOccurrenceStrictlyAfterNow() {
        var schedule = new JobSchedule("round-settlement", "02:30", "Asia/Seoul", "configuration", NOW);
        // 06:00 in Seoul is past 02:30: the next one is the following day's, 17:30 UTC
        assertThat(schedule.nextFireAt()).contains(Instant.parse("2026-12-03T17:30:00Z"));
        assertThat(schedule.dueAt(NOW)).isFalse();
        schedule.change("06:01", "admin", NOW);
        assertThat(schedule.nextFireAt()).contains(Instant.parse("2026-12-02T21:01:00Z"));
        // exactly now is not "after now": tomorrow's
        assertThat(JobSchedule.nextAfter(LocalTime.of(6, 0), SEOUL, NOW)).isEqualTo(Instant.parse("2026-12-03T21:00:00Z"));
    }

    @Test
    void aDueOccurrenceMovesOnToTheNextDayAfterNowAndIsLateOnlyWhenMissedLongAgo() {
        var schedule = new JobSchedule("news-crawl", "06:01", "Asia/Seoul", "configuration", NOW);
        Instant dueAt = schedule.nextFireAt().orElseThrow();
        Instant onTime = dueAt.plusSeconds(20);
        assertThat(schedule.dueAt(onTime)).isTrue();
        assertThat(schedule.lateAt(onTime, Duration.ofMinutes(5))).isFalse();
        assertThat(schedule.overdueAt(onTime)).isEqualTo(Duration.ofSeconds(20));
        // the platform was down for three days: it fires once, late, and next at the first 06:01 after it came back
        Instant back = dueAt.plus(Duration.ofDays(3)).plusSeconds(3600);
        assertThat(schedule.lateAt(back, Duration.ofMinutes(5))).isTrue();
        assertThat(schedule.followingFireAt(back)).isEqualTo(Instant.parse("2026-12-06T21:01:00Z"));
    }

    @Test
    void offHasNoFireTimeAndIsNeverDue() {
        var schedule = new JobSchedule("ssi-scoring", " OFF ", "Asia/Seoul", "configuration", NOW);
        assertThat(schedule.dailyAt()).isEqualTo("off");
        assertThat(schedule.nextFireAt()).isEmpty();
        assertThat(schedule.dueAt(NOW.plus(Duration.ofDays(10)))).isFalse();
        assertThat(schedule.overdueAt(NOW.plus(Duration.ofDays(10)))).isZero();
        assertThat(schedule.change("23:59", "admin", NOW)).isEqualTo("off");
        assertThat(schedule.nextFireAt()).contains(Instant.parse("2026-12-03T14:59:00Z"));
        assertThat(schedule.changedBy()).isEqualTo("admin");
    }

    @Test
    void aTimeIsHoursAndMinutesOfTheDayOrOffAndTheZoneIsReal() {
        for (String bad : new String[]{"24:00", "2:30", "02:60", "0230", "", " ", "noon", "02:30:00"}) {
            assertThatThrownBy(() -> JobSchedule.checkedTime(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.violations()).singleElement()
                                    .satisfies(v -> assertThat(v.field()).isEqualTo("at")));
        }
        assertThatThrownBy(() -> JobSchedule.checkedTime(null)).isInstanceOf(InvalidInputException.class);
        assertThat(JobSchedule.checkedTime(" 00:00 ")).isEqualTo("00:00");
        assertThatThrownBy(() -> new JobSchedule("heartbeat", "02:30", "Mars/Olympus", "configuration", NOW))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aDaylightSavingZoneStillFiresOncePerDay() {
        // New York springs forward on 2027-03-14: 02:30 does not exist that day and is taken as 03:30 EDT
        var zone = ZoneId.of("America/New_York");
        Instant before = Instant.parse("2027-03-13T08:00:00Z");
        Instant first = JobSchedule.nextAfter(LocalTime.of(2, 30), zone, before);
        Instant second = JobSchedule.nextAfter(LocalTime.of(2, 30), zone, first);
        assertThat(first).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(second).isEqualTo(Instant.parse("2027-03-15T06:30:00Z"));
    }
}
