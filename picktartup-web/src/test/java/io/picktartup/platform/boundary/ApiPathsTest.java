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
}
