package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.RetryLater;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;

/**
 * Turns every exception that reaches JAX-RS into a problem document. Business exceptions keep their own code and
 * status; validation failures list every field; anything unexpected becomes a 500 with an incident id that is
 * logged with the stack trace and never shows the client more than that id.
 */
@Provider
public class ProblemMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        if (poolExhausted(thrown)) {
            // every database connection is busy (a burst): nothing happened; the client should simply retry
            LOG.warning(() -> "Database connection pool exhausted on " + path());
            return Response.fromResponse(Problem.of(503, "service.busy", "Busy",
                            "Too many requests at once; nothing was changed. Retry in a moment.").at(path()).toResponse())
                    .header("Retry-After", "1").build();
        }
        var response = problem(thrown).at(path()).toResponse();
        var retry = find(thrown, BusinessException.class).filter(RetryLater.class::isInstance).map(RetryLater.class::cast);
        if (retry.isPresent()) {
            return Response.fromResponse(response)
                    .header("Retry-After", Long.toString(retry.get().retryAfterSeconds())).build();
        }
        return response;
    }

    Problem problem(Throwable thrown) {
        var business = find(thrown, BusinessException.class);
        if (business.isPresent()) {
            var b = business.get();
            var problem = Problem.of(b.status(), b.code(), b.title(), b.getMessage()).withExtensions(b.extensions());
            if (b instanceof InvalidInputException invalid) {
                problem = problem.withViolations(invalid.violations().stream()
                        .map(v -> new Problem.Violation(v.field(), v.message())).toList());
            }
            return problem;
        }
        // a local EJB refusing the caller's role throws AccessLocalException, a remote-style one EJBAccessException
        if (find(thrown, EJBAccessException.class).isPresent()
                || find(thrown, jakarta.ejb.AccessLocalException.class).isPresent()) {
            return Problem.of(403, "access.denied", "Forbidden", "Your role does not allow this.");
        }
        var violations = find(thrown, ConstraintViolationException.class);
        if (violations.isPresent()) {
            return validation(violations.get());
        }
        if (find(thrown, JsonParsingException.class).isPresent() || find(thrown, JsonbException.class).isPresent()
                || thrown instanceof ProcessingException || thrown instanceof BadRequestException) {
            return Problem.of(400, "request.malformed", "Malformed request body",
                    "The request body is missing, or not JSON of the expected shape.");
        }
        if (thrown instanceof NotFoundException) {
            return Problem.of(404, "resource.not-found", "Not found", "There is nothing at this address.");
        }
        if (thrown instanceof NotAllowedException) {
            return Problem.of(405, "method.not-allowed", "Method not allowed",
                    "This address does not accept that HTTP method.");
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            var reason = Response.Status.fromStatusCode(status);
            String title = reason == null ? "Request refused" : reason.getReasonPhrase();
            return Problem.of(status, "http." + status, title, title + ".");
        }
        String incident = Optional.ofNullable(io.picktartup.platform.control.LogContext.requestId())
                .orElseGet(() -> UUID.randomUUID().toString());
        LOG.log(Level.SEVERE, "Incident " + incident + " on " + path(), thrown instanceof EJBException
                && thrown.getCause() != null ? thrown.getCause() : thrown);
        return Problem.of(500, "server.error", "Internal error",
                "Something went wrong on our side. Incident " + incident + " has been logged.");
    }

    private Problem validation(ConstraintViolationException e) {
        List<Problem.Violation> list = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
        return Problem.of(400, "request.invalid", "Invalid request",
                list.size() + (list.size() == 1 ? " field is" : " fields are") + " invalid.").withViolations(list);
    }

    /**
     * The field as the client knows it: for {@code join.arg0.email} that is {@code email}. Method and parameter
     * nodes are the server's business, not the client's.
     */
    private static String field(ConstraintViolation<?> violation) {
        var names = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .filter(node -> node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .filter(name -> name != null && !name.isEmpty())
                .toList();
        if (!names.isEmpty()) {
            return String.join(".", names);
        }
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .reduce((first, second) -> second).map(Path.Node::getName).orElse("body");
    }

    /** Whether every pooled database connection was busy (a burst): a 503 with Retry-After, never a 500. */
    public static boolean poolExhausted(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Unable to acquire JDBC Connection")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> Optional<T> find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private String path() {
        return uri == null ? null : "/api/" + uri.getPath().replaceFirst("^/", "");
    }
}
