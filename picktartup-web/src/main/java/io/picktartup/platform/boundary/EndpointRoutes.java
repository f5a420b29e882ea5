package io.picktartup.platform.boundary;

import io.picktartup.platform.control.LogContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the request filter which route template JAX-RS matched (so metrics and the access log name
 * {@code /api/rounds/{id}}, not each round), and, for a problem answer, stamps the request id on it as its
 * {@code incident} and logs one line with its code: the incident id a client quotes finds that line.
 */
@Provider
public class EndpointRoutes implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(EndpointRoutes.class.getName());
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        var method = resource == null ? null : resource.getResourceMethod();
        if (method != null && servletRequest != null) {
            servletRequest.setAttribute(RequestObservation.ROUTE,
                    TEMPLATES.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            String incident = LogContext.requestId();
            if (incident != null) {
                response.setEntity(problem.withIncident(incident), response.getEntityAnnotations(),
                        response.getMediaType());
            }
            if (servletRequest != null) {
                servletRequest.setAttribute(RequestObservation.PROBLEM_CODE, problem.code());
            }
            LOG.log(problem.status() >= 500 ? Level.WARNING : Level.INFO,
                    "Problem " + problem.code() + " (" + problem.status() + ") on " + request.getMethod() + " "
                            + request.getUriInfo().getRequestUri().getRawPath());
        }
    }

    static String template(Class<?> type, Method method) {
        var path = new StringBuilder("/api");
        append(path, type.getAnnotation(Path.class));
        append(path, method.getAnnotation(Path.class));
        return path.toString();
    }

    private static void append(StringBuilder path, Path annotation) {
        if (annotation == null) {
            return;
        }
        String value = annotation.value().replaceAll("^/+|/+$", "");
        // a template variable with a regular expression, {id: [0-9]+}, is named by its variable only
        value = value.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}");
        if (!value.isEmpty()) {
            path.append('/').append(value);
        }
    }
}
