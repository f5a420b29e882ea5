package io.picktartup.startup.entity;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StartupInformationRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void aMonthIsReportedOnceItHasBegunAndNoFigureIsNegativeButProfit() {
        var problems = new ArrayList<InvalidInputException.Violation>();
        new Figure.Month(YearMonth.of(2026, 12), -1, -5L, new BigDecimal("1.01"), -1L, -3_000_000L, -1L, -1L)
                .check(4, YearMonth.from(TODAY), problems);
        assertThat(problems).extracting(InvalidInputException.Violation::field).containsExactly("figures[4].period",
                "figures[4].headcount", "figures[4].mau", "figures[4].retention", "figures[4].revenueKrw",
                "figures[4].cashKrw", "figures[4].burnKrw");

        problems.clear();
        new Figure.Month(YearMonth.of(2026, 11), 3, null, new BigDecimal("0.4"), null, -3_000_000L, null, null)
                .check(0, YearMonth.from(TODAY), problems);
        assertThat(problems).isEmpty();

        new Figure.Month(YearMonth.of(2026, 1), null, null, null, null, null, null, null)
                .check(1, YearMonth.from(TODAY), problems);
        assertThat(problems).extracting(InvalidInputException.Violation::field).containsExactly("figures[1]");
    }

    @Test
    void aRevisionReportsEachChangedFieldAndOnlyThose() {
        var profile = new Startup.Profile("나비", null, List.of(), "pitch", "description", "Logistics", Stage.SEED,
                LocalDate.of(2021, 3, 2), null);
        var startup = new Startup(UUID.randomUUID(), profile, UUID.randomUUID(), "CEO", "ceo@example.com",
                "0x0000000000000000000000000000000000000001", java.time.Instant.EPOCH);

        assertThat(startup.revise(profile, java.time.Instant.EPOCH)).isEmpty();
        var changes = startup.revise(new Startup.Profile("나비", "Nabi", List.of(" nabi ", "나비주식회사", "nabi"), "pitch",
                "description", "Logistics", Stage.SERIES_A, LocalDate.of(2021, 3, 2), " "), java.time.Instant.EPOCH);
        assertThat(changes).containsExactly(new Startup.Change("nameEn", null, "Nabi"),
                new Startup.Change("aliases", "", "nabi,나비주식회사"), new Startup.Change("stage", "SEED", "SERIES_A"));
        assertThat(startup.aliases()).containsExactly("nabi", "나비주식회사");
    }

    @Test
    void aProfileNamesEveryInvalidField() {
        var profile = new Startup.Profile(" ", "n".repeat(121), List.of("a,b"), "p", "d".repeat(10_001), "s", null,
                TODAY.plusDays(1), "ftp://x");
        assertThat(profile.problems(TODAY)).extracting(InvalidInputException.Violation::field).containsExactly("name",
                "nameEn", "aliases[0]", "description", "stage", "foundedOn", "website");
    }

    @Test
    void stagesParseTheWaysPeopleWriteThem() {
        assertThat(Stage.parse("series-a")).hasValue(Stage.SERIES_A);
        assertThat(Stage.parse("Pre IPO")).hasValue(Stage.PRE_IPO);
        assertThat(Stage.parse("series z")).isEmpty();
    }
}
