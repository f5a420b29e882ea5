package io.picktartup.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /metrics} is not public: a scrape must carry {@code Authorization: Bearer <picktartup.metrics.token>} or come
 * from an address of {@code picktartup.metrics.allowed-addresses} (the peer address itself, never a forwarded one: a
 * reverse proxy on this host would otherwise open it to everyone). With neither configured, nobody reads it. Payara
 * serves the endpoint inside this application's context (the WAR is at the root), so this filter sees its requests.
 */
@WebFilter(filterName = "MetricsGuard", urlPatterns = {"/metrics", "/metrics/*"})
public class MetricsGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "picktartup.metrics.token")
    Optional<String> token;

    @Inject
    @ConfigProperty(name = "picktartup.metrics.allowed-addresses")
    Optional<String> allowedAddresses;

    private volatile Set<String> allowed;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (admitted(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean presented = request.getHeader("Authorization") != null;
        response.setStatus(presented ? 403 : 401);
        if (!presented) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        }
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String code = presented ? "metrics.token-invalid" : "metrics.token-required";
        response.getWriter().write("{\"type\":\"https://picktartup.io/problems/" + code + "\",\"title\":\""
                + (presented ? "Forbidden" : "Unauthorized") + "\",\"status\":" + (presented ? 403 : 401)
                + ",\"detail\":\"The metrics are for the monitoring system: send its scrape token.\",\"code\":\""
                + code + "\",\"instance\":\"/metrics\",\"violations\":[{\"field\":\"Authorization\",\"message\":\""
                + (presented ? "not the scrape token" : "required") + "\"}]}");
        request.setAttribute(RequestObservation.PROBLEM_CODE, code);
    }

    boolean admitted(HttpServletRequest request) {
        if (allowed().contains(request.getRemoteAddr())) {
            return true;
        }
        String expected = token.map(String::trim).filter(t -> !t.isEmpty()).orElse(null);
        String header = request.getHeader("Authorization");
        if (expected == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> allowed() {
        if (allowed == null) {
            allowed = Arrays.stream(allowedAddresses.orElse("").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }
        return allowed;
    }
}
