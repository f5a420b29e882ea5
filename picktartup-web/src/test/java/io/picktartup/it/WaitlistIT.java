package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.picktartup.it.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The waitlist through the API: stored once per email, audited, safe under concurrent joins. */
@ExtendWith(RunningPlatform.class)
class WaitlistIT {

    @Test
    void joiningTwiceKeepsOneEntryAndAuditsTheLanguageChange() throws SQLException {
        assertThat(join("Investor.One@Example.com", "ko")).isEqualTo(202);
        assertThat(join("INVESTOR.ONE@example.COM", "en")).isEqualTo(202);

        try (var connection = RunningPlatform.database()) {
            var rs = connection.createStatement().executeQuery(
                    "select email, language from waitlist_entry where email = 'investor.one@example.com'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("language")).isEqualTo("en");
            assertThat(rs.next()).isFalse();

            var audit = connection.createStatement().executeQuery("""
                    select action, old_value, new_value from audit_event
                    where subject_type = 'waitlist_entry' and subject_id = 'investor.one@example.com' order by id""");
            List<String> lines = new ArrayList<>();
            while (audit.next()) {
                lines.add(audit.getString(1) + ":" + audit.getString(2) + "->" + audit.getString(3));
            }
            assertThat(lines).containsExactly("waitlist.joined:null->ko", "waitlist.language-changed:ko->en");
        }
    }

    @Test
    void concurrentJoinsOfOneEmailStoreExactlyOneEntry() throws Exception {
        String email = "race@example.com";
        var pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit((Callable<Integer>) () -> join(email, "ko")));
            }
            for (var result : results) {
                assertThat(result.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        try (var connection = RunningPlatform.database();
             var rs = connection.createStatement().executeQuery(
                     "select count(*) from waitlist_entry where email = '" + email + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void theAuditTrailRefusesEdits() throws SQLException {
        join("audit@example.com", "ko");
        try (var connection = RunningPlatform.database()) {
            var update = connection.createStatement();
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            update.executeUpdate("update audit_event set actor = 'someone-else'"))
                    .hasMessageContaining("append-only");
        }
    }

    private static int join(String email, String language) {
        var response = post("/api/waitlist", "application/json",
                "{\"email\":\"" + email + "\",\"language\":\"" + language + "\",\"consent\":true}");
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
        return response.statusCode();
    }
}
