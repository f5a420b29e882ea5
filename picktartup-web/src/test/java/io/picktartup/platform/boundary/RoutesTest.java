package io.picktartup.platform.boundary;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    @Path("/rounds/")
    static class Resource {
        @GET
        @Path("{id: [0-9a-f-]+}/investments")
        public void investments() {
        }

        @GET
        public void list() {
        }
    }

    @Test
    void jaxRsRoutesAreTheirTemplates() throws Exception {
        assertThat(EndpointRoutes.template(Resource.class, Resource.class.getMethod("investments")))
                .isEqualTo("/api/rounds/{id}/investments");
        assertThat(EndpointRoutes.template(Resource.class, Resource.class.getMethod("list"))).isEqualTo("/api/rounds");
    }

    @Test
    void otherRoutesFoldIdsAndUnknownPaths() {
        assertThat(RequestObservation.route("/rounds/round.xhtml", 200)).isEqualTo("/rounds/round.xhtml");
        assertThat(RequestObservation.route("/", 200)).isEqualTo("/index.xhtml");
        assertThat(RequestObservation.route("/my/investment-document/123", 200)).isEqualTo("/my/investment-document/{id}");
        assertThat(RequestObservation.route("/x/3f2504e0-4f89-11d3-9a0c-0305e82c3301/y", 200)).isEqualTo("/x/{id}/y");
        assertThat(RequestObservation.route("/no/such/page-" + System.nanoTime(), 404)).isEqualTo("unmatched");
        assertThat(RequestObservation.route("/api/nothing", 405)).isEqualTo("unmatched");
        assertThat(RequestObservation.route("/jakarta.faces.resource/x.js", 200)).isEqualTo("static");
        assertThat(RequestObservation.route("/metrics", 200)).isEqualTo("/metrics");
        assertThat(RequestObservation.route("/health/ready", 200)).isEqualTo("/health");
    }
}
