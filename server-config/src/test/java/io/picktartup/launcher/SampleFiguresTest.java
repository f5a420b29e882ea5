package io.picktartup.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample dataset and the figures made from it: enough of it, valid for the API, the same on every run. */
class SampleFiguresTest {

    private static final YearMonth LAST = YearMonth.of(2026, 10);

    private static JsonNode dataset() throws IOException {
        try (var in = SampleFiguresTest.class.getResourceAsStream(SampleData.DATASET)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<Map<String, Object>> figures(JsonNode startup) {
        return SampleFigures.monthly(startup.path("slug").asText(), startup.path("story"),
                LocalDate.parse(startup.path("foundedOn").asText()), startup.path("externalRounds"), LAST);
    }

    @Test
    void theDatasetCoversSectorsWithTeamsAndAFewOpenRounds() throws IOException {
        var startups = dataset().path("startups");
        var sectors = new HashSet<String>();
        var names = new HashSet<String>();
        int open = 0;
        for (var startup : startups) {
            sectors.add(startup.path("sector").asText());
            assertThat(names.add(startup.path("name").asText())).as("unique name").isTrue();
            assertThat(startup.path("name").asText()).matches(".*[가-힣].*");
            assertThat(startup.path("nameEn").asText()).matches("[A-Za-z].*");
            assertThat(startup.path("pitch").asText().codePointCount(0, startup.path("pitch").asText().length()))
                    .isLessThanOrEqualTo(200);
            assertThat(startup.path("team").size()).isBetween(3, 8);
            assertThat(startup.path("team").path(0).path("role").asText()).isEqualTo("CEO");
            assertThat(startup.path("externalRounds").size()).isBetween(0, 3);
            assertThat(startup.path("website").asText()).endsWith(".example.com");
            open += startup.has("openRound") ? 1 : 0;
        }
        assertThat(startups.size()).isGreaterThanOrEqualTo(32);
        assertThat(sectors).hasSizeGreaterThanOrEqualTo(10);
        assertThat(open).isBetween(5, 8);
    }

    @Test
    void eachStoryGivesThreeYearsOfValidMonthsButANewStartupOnlyTwo() throws IOException {
        int tooShort = 0;
        for (var startup : dataset().path("startups")) {
            var figures = figures(startup);
            assertThat(figures.get(figures.size() - 1).get("period")).isEqualTo("2026-10");
            if (figures.size() < 6) {
                tooShort++;
                assertThat(startup.path("story").path("kind").asText()).isEqualTo("new");
            } else {
                assertThat(figures).hasSizeGreaterThanOrEqualTo(30);
            }
            for (var figure : figures) {
                assertThat((Integer) figure.get("headcount")).isPositive();
                assertThat((Long) figure.get("cashKrw")).isNotNegative();
                assertThat((Long) figure.get("revenueKrw")).isNotNegative();
                assertThat((Long) figure.get("burnKrw")).isNotNegative();
                if (figure.containsKey("retention")) {
                    assertThat((BigDecimal) figure.get("retention")).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                }
            }
        }
        assertThat(tooShort).isEqualTo(1);
    }

    @Test
    void storiesDifferAndRepeat() throws IOException {
        var startups = dataset().path("startups");
        JsonNode fast = null;
        JsonNode struggling = null;
        for (var startup : startups) {
            String kind = startup.path("story").path("kind").asText();
            if (fast == null && kind.equals("fast")) {
                fast = startup;
            } else if (struggling == null && kind.equals("struggling")) {
                struggling = startup;
            }
        }
        assertThat(figures(fast)).isEqualTo(figures(fast));
        var up = figures(fast);
        assertThat((Long) up.get(up.size() - 1).get("mau")).isGreaterThan(5 * (Long) up.get(0).get("mau"));
        var down = figures(struggling);
        long peak = down.stream().mapToLong(f -> (Long) f.get("mau")).max().orElseThrow();
        assertThat((Long) down.get(down.size() - 1).get("mau")).isLessThan(peak * 7 / 10);
    }
}
