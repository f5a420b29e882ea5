package io.picktartup.round.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Money and time the way each language's readers expect them. */
class RoundPagesTest {

    @Test
    void wonTheKoreanWayBesideTheFullFigure() {
        assertThat(RoundPages.korean(123_450_000)).isEqualTo("1억 2,345만원");
        assertThat(RoundPages.korean(1_000_000_000)).isEqualTo("10억원");
        assertThat(RoundPages.korean(15_500)).isEqualTo("1만 5,500원");
        assertThat(RoundPages.korean(5_000)).isEqualTo("5,000원");
        assertThat(RoundPages.korean(0)).isEqualTo("0원");
        assertThat(RoundPages.korean(2_000_000_000_000L + 30_000_000)).isEqualTo("2조 3,000만원");
        assertThat(RoundPages.wonFor(123_450_000, "ko")).isEqualTo("₩123,450,000 (1억 2,345만원)");
        assertThat(RoundPages.wonFor(123_450_000, "en")).isEqualTo("₩123,450,000");
        assertThat(RoundPages.wonFor(5_000, "ko")).isEqualTo("₩5,000");
    }

    @Test
    void timeLeftInEachLanguage() {
        long threeDaysFourHours = (3 * 24 + 4) * 3600L + 59;
        assertThat(RoundPages.left(threeDaysFourHours, "en")).isEqualTo("3d 4h");
        assertThat(RoundPages.left(threeDaysFourHours, "ko")).isEqualTo("3일 4시간");
        assertThat(RoundPages.left(5 * 3600L + 12 * 60, "ko")).isEqualTo("5시간 12분");
        assertThat(RoundPages.left(30, "ko")).isEqualTo("1분");
        assertThat(RoundPages.left(0, "ko")).isEqualTo("–");
    }
}
