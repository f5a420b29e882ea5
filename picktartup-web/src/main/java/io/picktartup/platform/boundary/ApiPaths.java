package io.picktartup.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Whether a request is addressed to the API, however its path is spelled ({@code //api/…}, {@code /api/./…},
 * {@code /api/../api/…}, {@code /API/…}, {@code /%61pi/…}, {@code /api;x=y/…}): such a request is always answered
 * with a problem document, never with an HTML page or a redirect to the login page.
 */
public final class ApiPaths {

    private ApiPaths() {
    }

    public static boolean isApi(HttpServletRequest request) {
        return isApi(request.getRequestURI(), request.getContextPath());
    }

    /** Whether the raw request URI (as sent) names something under the API of the application at the context path. */
    public static boolean isApi(String requestUri, String contextPath) {
        String path = normalised(requestUri);
        String context = normalised(contextPath == null ? "" : contextPath);
        if (!context.equals("/") && !context.isEmpty()) {
            if (!path.startsWith(context + "/") && !path.equals(context)) {
                return false;
            }
            path = path.substring(context.length());
        }
        return path.equals("/api") || path.startsWith("/api/");
    }

    /**
     * Whether the path is already in normal form: starts with a slash, only lower-case letters, digits, '-', '_',
     * single slashes, and dots that do not start a segment; no trailing slash but the root's.
     */
    static boolean plain(String raw) {
        int length = raw.length();
        if (length == 0 || raw.charAt(0) != '/') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = raw.charAt(i);
            char before = raw.charAt(i - 1);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '/' && before != '/') || (c == '.' && before != '/');
            if (!ok) {
                return false;
            }
        }
        return length == 1 || raw.charAt(length - 1) != '/';
    }

    /** Decoded, lower-cased, without path parameters, empty or dot segments. */
    static String normalised(String raw) {
        if (raw == null) {
            return "/";
        }
        return plain(raw) ? raw : normalisedSlowly(raw); // the common case is in normal form already: no copy, no split
    }

    /** {@link #normalised} the long way, whatever the path. */
    static String normalisedSlowly(String raw) {
        String decoded = raw;
        // twice at most: %252e is not a dot to the container, but be strict about what counts as the API
        for (int i = 0; i < 2 && decoded.indexOf('%') >= 0; i++) {
            try {
                decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        var segments = new ArrayDeque<String>();
        for (String segment : decoded.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(name.toLowerCase(Locale.ROOT));
        }
        return "/" + String.join("/", segments);
    }
}
