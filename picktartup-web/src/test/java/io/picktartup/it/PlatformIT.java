package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.picktartup.it.Http.get;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The MicroProfile endpoints and the platform's self-description, on the real WAR. */
@ExtendWith(RunningPlatform.class)
class PlatformIT {

    @Test
    void readinessChecksTheDatabaseAndTheMigratedSchema() {
        var response = get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.getString("status")).isEqualTo("UP");
        var database = body.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("database")).findFirst().orElseThrow();
        assertThat(database.getString("status")).isEqualTo("UP");
        assertThat(database.getJsonObject("data").getString("schemaVersion")).isEqualTo(latestMigration());
    }

    /** The newest migration Flyway applied, read from the database itself. */
    private static String latestMigration() {
        try (var connection = RunningPlatform.database(); var rs = connection.createStatement().executeQuery(
                "select version from flyway_schema_history where success order by installed_rank desc limit 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).matches("[1-9][0-9]*");
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void livenessReportsHeapHeadroom() {
        var body = json(get("/health/live"));
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonArray("checks").toString()).contains("\"heap\"");
    }

    @Test
    void platformDescribesItselfFromConfigurationAndSettings() {
        var response = get("/api/platform");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        var about = json(response);
        assertThat(about.getString("tokenSymbol")).isEqualTo("PKN");
        assertThat(about.getJsonNumber("krwPerToken").longValue()).isEqualTo(1000);
        assertThat(about.getString("schemaVersion")).isEqualTo(latestMigration());
        // seeded by the first migration, read through JPA from app_setting
        assertThat(about.getBoolean("investmentsOpen")).isTrue();
    }

    @Test
    void metricsArePrometheusTextWithJvmAndBusinessMetrics() {
        Http.post("/api/waitlist", "application/json",
                "{\"email\":\"metrics@example.com\",\"language\":\"en\",\"consent\":true}");
        var response = get("/metrics", Map.of("Accept", "text/plain"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body())
                .contains("# TYPE ")
                .containsPattern("(?m)^memory_usedHeap_bytes\\{mp_scope=\"base\"} ")
                .containsPattern("(?m)^connection_pool_PicktartupPool_usedConnection_total\\{")
                .containsPattern("(?m)^waitlist_join_requests_total\\{mp_scope=\"application\"} [1-9]");
    }

    @Test
    void openApiDescribesTheApiAndItsProblems() {
        var response = get("/openapi", Map.of("Accept", "application/json"));
        assertThat(response.statusCode()).isEqualTo(200);
        var body = json(response);
        assertThat(body.getJsonObject("info").getString("title")).isEqualTo("Picktartup API");
        assertThat(body.getJsonObject("paths").keySet()).contains("/api/platform", "/api/waitlist");
        assertThat(body.getJsonObject("paths").getJsonObject("/api/waitlist").getJsonObject("post")
                .getJsonObject("responses").keySet()).contains("202", "400");
    }
}
