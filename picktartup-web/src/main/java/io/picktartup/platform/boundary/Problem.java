package io.picktartup.platform.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document. {@code code} is stable and machine-readable; {@code title} is the same for every
 * occurrence of a code; {@code detail} explains this occurrence; {@code violations} lists every invalid field;
 * {@code incident} is the request's id, which finds its lines in the JSON log.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "code", "instance", "incident", "violations", "extensions"})
public record Problem(URI type, String title, int status, String detail, String code, String instance,
                      String incident, List<Violation> violations, Map<String, Object> extensions) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    private static final String TYPE_BASE = "https://picktartup.io/problems/";

    /** An invalid field: where it is in the request and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + code), title, status, detail, code, null, null, null, null);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, code, instance, incident, list, extensions);
    }

    /** Facts a client can act on, e.g. which limit refused an investment and how much room is left. */
    public Problem withExtensions(Map<String, Object> facts) {
        return new Problem(type, title, status, detail, code, instance, incident, violations, facts.isEmpty() ? null : facts);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, code, path, incident, violations, extensions);
    }

    /** The id an operator finds this answer's log lines by (the request id, also in X-Request-Id). */
    public Problem withIncident(String id) {
        return new Problem(type, title, status, detail, code, instance, id, violations, extensions);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
