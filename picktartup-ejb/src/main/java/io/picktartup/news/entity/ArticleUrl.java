package io.picktartup.news.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An article's address in one canonical spelling, so the same article reached by two links is stored once: scheme
 * and host in lower case, the default port dropped, the fragment dropped, tracking parameters (utm_*, fbclid, gclid
 * and the like) dropped, the remaining parameters sorted, dot segments resolved, and no trailing slash (but the root
 * path is "/"). Only absolute http(s) addresses are articles.
 */
public final class ArticleUrl {

    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
            "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "ref_src", "spm", "cmpid", "ncid");

    private ArticleUrl() {
    }

    /** The canonical spelling of {@code raw} (resolved against {@code base} when relative); empty if not http(s). */
    public static Optional<String> normalise(URI base, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.strip().replace(" ", "%20"));
            if (base != null) {
                uri = base.resolve(uri);
            }
            return normalise(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> normalise(String raw) {
        return normalise(null, raw);
    }

    public static Optional<String> normalise(URI uri) {
        if (!uri.isAbsolute() || uri.getRawAuthority() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        uri = uri.normalize();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        var kept = new ArrayList<String>();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!parameter.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                    kept.add(parameter);
                }
            }
        }
        kept.sort(null);
        var out = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            return Optional.empty(); // credentials in a link: not an article address we keep
        }
        out.append(host); // an IPv6 host comes with its brackets
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        if (!kept.isEmpty()) {
            out.append('?').append(String.join("&", kept));
        }
        return Optional.of(out.toString());
    }

    /** Whether {@code url} is an absolute http(s) URL an admin may configure as a source. */
    public static boolean isWebAddress(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url.strip());
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
