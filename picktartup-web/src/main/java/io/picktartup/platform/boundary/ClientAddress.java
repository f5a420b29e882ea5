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
 * proxies appended to {@code X-Forwarded-For} (entries may be CIDR blocks, e.g. a Kubernetes pod network). A header from anyone else is ignored: a client cannot pick its own
 * throttle key. Likewise {@code X-Forwarded-Proto} tells whether the client used TLS only when a trusted proxy sent it.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "picktartup.http.trusted-proxies")
    Optional<String> trustedProxies;

    private Proxies trusted;

    Proxies trusted() {
        if (trusted == null) {
            trusted = Proxies.parse(trustedProxies.orElse(""));
        }
        return trusted;
    }

    /**
     * The trusted proxies: exact addresses and CIDR blocks ({@code 10.42.0.0/16}, {@code fd00::/8}), IPv4 or IPv6
     * literals only (no name is ever resolved). An entry that is neither is compared as text, as before.
     */
    record Proxies(Set<String> exact, java.util.List<byte[]> networks, java.util.List<Integer> prefixes) {

        static Proxies parse(String setting) {
            var exact = new java.util.HashSet<String>();
            var networks = new java.util.ArrayList<byte[]>();
            var prefixes = new java.util.ArrayList<Integer>();
            for (String entry : Arrays.stream(setting.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                    .collect(Collectors.toList())) {
                int slash = entry.indexOf('/');
                if (slash < 0) {
                    exact.add(entry);
                    literal(entry).ifPresent(bytes -> {
                        networks.add(bytes);
                        prefixes.add(bytes.length * 8);
                    });
                    continue;
                }
                var network = literal(entry.substring(0, slash));
                int prefix;
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("picktartup.http.trusted-proxies: bad prefix in " + entry);
                }
                if (network.isEmpty() || prefix < 0 || prefix > network.get().length * 8) {
                    throw new IllegalArgumentException("picktartup.http.trusted-proxies: not a CIDR block: " + entry);
                }
                networks.add(network.get());
                prefixes.add(prefix);
            }
            return new Proxies(Set.copyOf(exact), java.util.List.copyOf(networks), java.util.List.copyOf(prefixes));
        }

        boolean contains(String address) {
            if (address == null) {
                return false;
            }
            if (exact.contains(address)) {
                return true;
            }
            var bytes = literal(address);
            if (bytes.isEmpty()) {
                return false;
            }
            for (int i = 0; i < networks.size(); i++) {
                if (matches(bytes.get(), networks.get(i), prefixes.get(i))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(byte[] address, byte[] network, int prefix) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }

        /** The bytes of an IPv4 or IPv6 literal; empty for anything else (never a DNS lookup). */
        private static Optional<byte[]> literal(String text) {
            String t = text.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    && Arrays.stream(t.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
            // hex digits, colons and dots only (no zone id): InetAddress parses such text itself and never asks DNS
            boolean v6 = !v4 && t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
            if (!v4 && !v6) {
                return Optional.empty();
            }
            try {
                return Optional.of(java.net.InetAddress.getByName(t).getAddress());
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }
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
