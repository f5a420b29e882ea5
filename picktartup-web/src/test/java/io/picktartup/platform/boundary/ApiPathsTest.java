package io.picktartup.platform.boundary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/admin/jobs/heartbeat", "//api/admin/jobs/heartbeat",
            "/api//admin/jobs/heartbeat", "/./api/admin", "/api/../api/admin/jobs", "/API/admin/jobs",
            "/%61pi/admin", "/%2561pi/admin", "/api;jsessionid=x/admin", "/x/../api/admin", "\\api\\admin"})
    void everySpellingOfTheApiIsTheApi(String path) {
        assertThat(ApiPaths.isApi(path, "")).as(path).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/apis", "/apix/admin", "/my/api", "/api/../my/index.xhtml", "/rounds/api.xhtml"})
    void pagesAreNotTheApi(String path) {
        assertThat(ApiPaths.isApi(path, "")).as(path).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/api/x", "/app//api", "/APP/API"})
    void underAContextPath(String path) {
        assertThat(ApiPaths.isApi(path, "/app")).as(path).isTrue();
        assertThat(ApiPaths.isApi("/api/x", "/app")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theShortCutForPlainPathsAgreesWithTheLongWay() {
        var random = new java.util.Random(19);
        String alphabet = "/ap.iAxm%2e;\\-_9";
        int plain = 0;
        for (int n = 0; n < 200_000; n++) {
            var path = new StringBuilder(random.nextBoolean() ? "/" : "");
            for (int i = random.nextInt(14); i > 0; i--) {
                path.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = path.toString();
            if (ApiPaths.plain(raw)) {
                plain++;
            }
            assertThat(ApiPaths.normalised(raw)).as(raw).isEqualTo(ApiPaths.normalisedSlowly(raw));
        }
        assertThat(plain).as("paths that took the short cut").isGreaterThan(1_000);
        assertThat(ApiPaths.plain("/api/platform")).isTrue();
        assertThat(ApiPaths.plain("/rounds/index.xhtml")).isTrue();
        assertThat(ApiPaths.plain("/api/")).isFalse();
        assertThat(ApiPaths.plain("/api/./x")).isFalse();
        assertThat(ApiPaths.plain("/API")).isFalse();
    }
}
