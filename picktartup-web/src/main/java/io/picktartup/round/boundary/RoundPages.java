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
        return io.picktartup.platform.boundary.WonText.full(krw);
    }

    /**
     * A won amount for the page's language: the full figure, and on Korean pages also the Korean way of saying it
     * (조/억/만: "₩123,450,000 (1억 2,345만원)").
     */
    static String wonFor(long krw, String language) {
        return io.picktartup.platform.boundary.WonText.forLanguage(krw, language);
    }

    /** 123,450,000 → "1억 2,345만원"; 5,000 → "5,000원". */
    static String korean(long krw) {
        return io.picktartup.platform.boundary.WonText.korean(krw);
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

    /** Time left in the page's language: "3일 4시간" on Korean pages, "3d 4h" on English ones. */
    static String left(long seconds, String language) {
        String text = left(seconds);
        if (!"ko".equals(language)) {
            return text;
        }
        return text.replaceAll("(\\d+)d", "$1일").replaceAll("(\\d+)h", "$1시간").replaceAll("(\\d+)m", "$1분");
    }

    /** Width of a progress bar, 0–100. */
    static int bar(int percent) {
        return Math.max(0, Math.min(100, percent));
    }

    static boolean open(RoundView round) {
        return FundingRound.Status.OPEN.name().equals(round.status());
    }
}
