package io.picktartup.startup.control;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FigureCsvTest {

    @Test
    void readsColumnsInAnyOrderWithEmptyCellsAsNotReported() {
        var parsed = FigureCsv.parse("\uFEFFrevenueKrw,PERIOD,retention,mau\r\n5000000,2026-01,0.42,\r\n\r\n,2026-02,,1200\r\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.lines()).containsExactly(2, 4);
        var first = parsed.months().get(0);
        assertThat(first.period()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(first.revenueKrw()).isEqualTo(5_000_000L);
        assertThat(first.retention()).isEqualByComparingTo(new BigDecimal("0.42"));
        assertThat(first.mau()).isNull();
        assertThat(parsed.months().get(1).mau()).isEqualTo(1200L);
        assertThat(parsed.months().get(1).revenueKrw()).isNull();
    }

    @Test
    void namesEveryBadLineAndCell() {
        var parsed = FigureCsv.parse("period,headcount,revenueKrw\n2026-01,ten,1.5\n26-02,3,4\n2026-03,3,4,5\n");
        assertThat(parsed.problems()).extracting(InvalidInputException.Violation::field)
                .containsExactlyInAnyOrder("line[2].headcount", "line[2].revenueKrw", "line[3].period", "line[4].columns");
    }

    @Test
    void refusesAHeaderWithoutPeriodOrWithUnknownOrRepeatedColumns() {
        assertThat(FigureCsv.parse("mau,mau,users\n1,2,3\n").problems()).extracting(InvalidInputException.Violation::field)
                .containsExactlyInAnyOrder("line[1].mau", "line[1].users", "line[1].period");
        assertThat(FigureCsv.parse("").problems()).extracting(InvalidInputException.Violation::field).containsExactly("file");
        assertThat(FigureCsv.parse("period\n").problems()).extracting(InvalidInputException.Violation::field)
                .containsExactly("file");
    }

    /** Seeded random files: a cell that is a whole number always parses to it, any other text is named, never thrown. */
    @Test
    void neverThrowsAndNamesExactlyTheUnparseableCells() {
        var random = new Random(17);
        String[] junk = {"x", "1.5", "--3", "1e3", "\"", "０", "9223372036854775808"};
        for (int run = 0; run < 500; run++) {
            var csv = new StringBuilder("period,mau\n");
            int bad = 0;
            int rows = 1 + random.nextInt(8);
            for (int r = 0; r < rows; r++) {
                if (random.nextInt(4) == 0) {
                    csv.append("2026-0").append(1 + random.nextInt(9)).append(',').append(junk[random.nextInt(junk.length)]);
                    bad++;
                } else {
                    csv.append("2026-0").append(1 + random.nextInt(9)).append(',').append(random.nextInt(1_000_000));
                }
                csv.append('\n');
            }
            var parsed = FigureCsv.parse(csv.toString());
            assertThat(parsed.problems()).as(csv.toString()).hasSize(bad);
            assertThat(parsed.months()).hasSize(rows);
        }
    }
}
