package io.picktartup.round.boundary;

import io.picktartup.round.entity.FundingRound;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formatting shared by the round pages: amounts, percentages, Seoul times, time left. */
final class RoundPages {

    private static final DateTimeFormatter SEOUL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'KST'")
            .withZone(ZoneId.of("Asia/Seoul"));

    private RoundPages() {
    }

    static String seoul(Instant instant) {
        return instant == null ? "" : SEOUL.format(instant);
    }

    static String won(long krw) {
        return String.format("₩%,d", krw);
    }

    static String pkn(String plain) {
        return new BigDecimal(plain).toPlainString() + " PKN";
    }

    /** "3d 4h", "5h 12m", "12m" — or "closed". */
    static String left(long seconds) {
        if (seconds <= 0) {
            return "–";
        }
        var d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return Math.max(1, d.toMinutes()) + "m";
    }

    /** Width of a progress bar, 0–100. */
    static int bar(int percent) {
        return Math.max(0, Math.min(100, percent));
    }

    static boolean open(RoundView round) {
        return FundingRound.Status.OPEN.name().equals(round.status());
    }
}
