package io.picktartup.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address a request comes from, for throttling: the peer address, or, when the peer is one of the configured
 * reverse proxies ({@code picktartup.http.trusted-proxies}, comma-separated addresses), the last address the
 * proxies appended to {@code X-Forwarded-For}. A header from anyone else is ignored: a client cannot pick its own
 * throttle key. Likewise {@code X-Forwarded-Proto} tells whether the client used TLS only when a trusted proxy sent it.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "picktartup.http.trusted-proxies")
    Optional<String> trustedProxies;

    private Set<String> trusted;

    Set<String> trusted() {
        if (trusted == null) {
            trusted = Arrays.stream(trustedProxies.orElse("").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return trusted;
    }

    /**
     * Whether the client reached us over TLS: the connection itself, or a trusted proxy's
     * {@code X-Forwarded-Proto: https} (from anyone else the header is ignored).
     */
    public boolean overTls(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null || !trusted().contains(request.getRemoteAddr())) {
            return false;
        }
        // a chain of proxies lists the client's scheme first
        return "https".equalsIgnoreCase(proto.split(",")[0].trim());
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank() || !trusted().contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted().contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
