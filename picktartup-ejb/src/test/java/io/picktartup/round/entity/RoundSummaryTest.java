package io.picktartup.round.entity;

import io.picktartup.platform.entity.SqlLiterals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model {@code round_summary} is SQL, so it cannot use {@link FundingRound.Status}'s sets: this keeps its
 * status literals equal to them. When a set changes, replace the view in a new migration.
 */
class RoundSummaryTest {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");

    @Test
    void theViewListsTheOpenedRoundsAndOpenUntilIsTheOpenRule() throws IOException {
        String view = latestDefinition().replaceAll("--[^\n]*", "").replaceAll("\\s+", " ");
        assertThat(view).contains("where status in " + SqlLiterals.list(FundingRound.Status.OPENED));
        assertThat(view).contains("case when status = '" + FundingRound.Status.OPEN.name()
                + "' then deadline end as open_until");
    }

    /** The newest migration that (re)creates the view. */
    private static String latestDefinition() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            var latest = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .filter(f -> read(f).matches("(?s).*create\\s+(or\\s+replace\\s+)?view\\s+round_summary\\b.*"))
                    .max(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString()
                            .replaceAll("^V(\\d+)__.*", "$1"))))
                    .orElseThrow(() -> new AssertionError("no migration creates round_summary"));
            return read(latest);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
