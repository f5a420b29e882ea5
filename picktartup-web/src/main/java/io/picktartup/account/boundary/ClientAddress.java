package io.picktartup.account.boundary;

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
 * throttle key.
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
