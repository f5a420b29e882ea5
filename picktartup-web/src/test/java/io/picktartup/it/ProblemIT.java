package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;

import static io.picktartup.it.Http.get;
import static io.picktartup.it.Http.json;
import static io.picktartup.it.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Every API error is an RFC 9457 problem with a stable code, and bad input changes nothing. */
@ExtendWith(RunningPlatform.class)
class ProblemIT {

    @Test
    void unknownApiPathIs404Problem() {
        var problem = problem(get("/api/no-such-thing"), 404);
        assertThat(problem.getString("code")).isEqualTo("resource.not-found");
        assertThat(problem.getString("instance")).isEqualTo("/api/no-such-thing");
    }

    @Test
    void unknownPathOutsideTheApiIs404ProblemForClientsAndAPageForBrowsers() {
        var problem = problem(get("/no/such/page"), 404);
        assertThat(problem.getString("code")).isEqualTo("resource.not-found");

        var page = get("/no/such/page", Map.of("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("404").doesNotContain("Payara").doesNotContain("Exception");
    }

    @Test
    void everyInvalidFieldIsListedAndNothingIsStored() throws SQLException {
        long before = count();
        var problem = problem(post("/api/waitlist", "application/json",
                "{\"email\":\"not-an-email\",\"language\":\"fr\",\"consent\":false}"), 400);
        assertThat(problem.getString("code")).isEqualTo("request.invalid");
        assertThat(problem.getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field"))
                .containsExactlyInAnyOrder("email", "language", "consent");
        assertThat(problem.getJsonArray("violations").getValuesAs(JsonObject.class))
                .allSatisfy(v -> assertThat(v.getString("message")).isNotBlank());
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void missingFieldsAreNamedToo() {
        var problem = problem(post("/api/waitlist", "application/json", "{}"), 400);
        assertThat(problem.getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field"))
                .contains("email", "language", "consent");
    }

    @Test
    void missingBodyIs400Problem() {
        var problem = problem(post("/api/waitlist", "application/json", ""), 400);
        assertThat(problem.getString("code")).isIn("request.invalid", "request.malformed");
    }

    @Test
    void malformedJsonIs400Problem() {
        var problem = problem(post("/api/waitlist", "application/json", "{\"email\": "), 400);
        assertThat(problem.getString("code")).isEqualTo("request.malformed");
    }

    @Test
    void wrongTypeInJsonIs400Problem() {
        var problem = problem(post("/api/waitlist", "application/json",
                "{\"email\":\"a@b.co\",\"language\":\"ko\",\"consent\":{\"nested\":1}}"), 400);
        assertThat(problem.getString("code")).isEqualTo("request.malformed");
    }

    @Test
    void unsupportedMediaTypeIs415Problem() {
        var problem = problem(post("/api/waitlist", "text/plain", "hello"), 415);
        assertThat(problem.getString("code")).isEqualTo("http.415");
    }

    @Test
    void wrongMethodIs405Problem() {
        var problem = problem(Http.method("DELETE", "/api/platform"), 405);
        assertThat(problem.getString("code")).isEqualTo("method.not-allowed");
    }

    private static JsonObject problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Payara");
        var problem = json(response);
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("https://picktartup.io/problems/");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        assertThat(problem.getString("code")).isNotBlank();
        return problem;
    }

    private static long count() throws SQLException {
        try (var connection = RunningPlatform.database();
             var rs = connection.createStatement().executeQuery("select count(*) from waitlist_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
