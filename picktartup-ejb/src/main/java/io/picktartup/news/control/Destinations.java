package io.picktartup.news.control;

import io.picktartup.news.entity.PublicAddress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the crawl may connect: a host's addresses, resolved once and checked, all of them, before a connection is
 * made to one of them ({@link PoliteWeb} connects to exactly these: nothing is resolved again between the check and
 * the connection, so a name cannot be rebound to an inner address in between). Only public addresses, except the
 * {@code address:port} pairs the setting {@code picktartup.news.allowed-private-targets} lists (empty in
 * production; the test platform lists its fixture site on 127.0.0.1).
 */
public final class Destinations {

    /** A destination the crawl may not connect to; an {@link UnknownHostException} so HTTP clients pass it on. */
    public static final class Forbidden extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        Forbidden(String message) {
            super(message);
        }
    }

    /** How names are resolved (the system resolver; replaceable in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final Resolver resolver;

    public Destinations(List<String> allowedPrivateTargets) {
        this(allowedPrivateTargets, InetAddress::getAllByName);
    }

    public Destinations(List<String> allowedPrivateTargets, Resolver resolver) {
        this.allowed = allowedPrivateTargets.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * The addresses of {@code host} the crawl may connect to on {@code port}: all of them, each checked.
     *
     * @throws Forbidden when any address is not public (a name with one inner address is refused whole) or not
     *                   resolvable
     */
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(name);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!PublicAddress.isPublic(address) && !allowed.contains(key(address, port))) {
                throw new Forbidden(host + " resolves to " + address.getHostAddress()
                        + ", not a public address: refused");
            }
        }
        return Arrays.asList(addresses);
    }

    /** Checks the host of a URL on its effective port (the check before a request; the connection checks again). */
    public void require(URI uri) throws UnknownHostException {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        resolve(uri.getHost(), port);
    }

    private static String key(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
