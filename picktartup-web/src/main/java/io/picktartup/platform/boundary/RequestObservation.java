package io.picktartup.platform.boundary;

import io.picktartup.platform.control.LogContext;
import io.picktartup.platform.entity.Caller;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.picktartup.platform.control.ObservationSwitches;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The outermost filter of every request (declared first in web.xml): gives it a request id (answered in
 * {@code X-Request-Id}; it is also the incident id of a problem answer), puts the id and a hash of the caller's
 * account id in the {@link LogContext} of the thread for every log line written meanwhile, then writes one access log
 * line (logger {@code io.picktartup.access}: method, route, path without its query, status, latency, problem code)
 * and feeds the request metrics ({@link HttpMetrics}). The query string is never logged: it may carry a token. Both
 * the access line and the metrics can be switched off at run time ({@link ObservationSwitches}); off, they cost a
 * volatile read each.
 */
public class RequestObservation extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger ACCESS = Logger.getLogger("io.picktartup.access");
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Set by {@link EndpointRoutes} for a JAX-RS request: the matched route template, e.g. /api/rounds/{id}. */
    public static final String ROUTE = "picktartup.route";
    /** Set by {@link EndpointRoutes} when the answer is a problem document: its code. */
    public static final String PROBLEM_CODE = "picktartup.problem-code";
    private static final Pattern ID_SEGMENT = Pattern.compile(
            "/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|0x[0-9a-fA-F]+|[0-9]+)(?=/|$)");

    @Inject
    HttpMetrics metrics;

    @Inject
    @ConfigProperty(name = "picktartup.log.account-hash-salt", defaultValue = "picktartup")
    String accountSalt;

    @Inject
    ObservationSwitches switches;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String requestId = LogContext.newRequestId();
        response.setHeader(REQUEST_ID_HEADER, requestId);
        LogContext.enter(requestId, Caller.accountId(request.getUserPrincipal())
                .map(id -> LogContext.accountHash(id, accountSalt)).orElse(null));
        // each decided once per request (operator switches, volatile reads): when off, no route, timer or log line
        boolean measured = metrics.enabled();
        boolean logged = switches.accessLog() && ACCESS.isLoggable(Level.INFO);
        if (measured) {
            metrics.started();
        }
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            try {
                if (measured || logged) {
                    observe(request, status, start, measured, logged);
                }
            } finally {
                LogContext.leave();
            }
        }
    }

    private void observe(HttpServletRequest request, int status, long start, boolean measured, boolean logged) {
        var latency = Duration.ofNanos(System.nanoTime() - start);
        String route = route(request, status);
        String code = (String) request.getAttribute(PROBLEM_CODE);
        if (measured) {
            metrics.finished(request.getMethod(), route, status, code, latency);
        }
        if (logged) {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("method", request.getMethod());
            fields.put("route", route);
            fields.put("path", request.getRequestURI());
            fields.put("status", status);
            fields.put("latency_ms", latency.toNanos() / 1_000_000.0);
            if (code != null) {
                fields.put("problem_code", code);
            }
            ACCESS.log(Level.INFO, request.getMethod() + " " + request.getRequestURI() + " " + status, fields);
        }
    }

    /** The route template: JAX-RS's match when there was one, else the page or endpoint with ids folded. */
    static String route(HttpServletRequest request, int status) {
        var matched = request.getAttribute(ROUTE);
        if (matched instanceof String template) {
            return template;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return route(path, status);
    }

    static String route(String path, int status) {
        if (path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")) {
            return "static";
        }
        if (path.equals("/metrics") || path.startsWith("/metrics/")) {
            return "/metrics";
        }
        if (path.startsWith("/health")) {
            return "/health";
        }
        if (path.startsWith("/openapi")) {
            return "/openapi";
        }
        if (status == 404 || path.startsWith("/api/")) {
            return "unmatched"; // the API's matches come from JAX-RS; anything else there is unknown
        }
        if (path.isEmpty() || path.endsWith("/")) {
            path = path + "index.xhtml";
        }
        return ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }
}
