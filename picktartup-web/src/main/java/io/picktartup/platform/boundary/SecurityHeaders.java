package io.picktartup.platform.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Headers every response carries (OWASP secure headers): no sniffing, no framing, no referrer leaks, a Content
 * Security Policy whose scripts are only our own, the payment gateway's SDK and inline scripts carrying this
 * response's nonce (PrimeFaces' CSP mode, {@code primefaces.CSP} in web.xml, makes the nonce and puts it on every
 * script it renders; its policy header is replaced here by the whole policy with that nonce); HSTS when the request
 * came over TLS (directly, or through a trusted proxy that says so); {@code Cache-Control: no-store} on whatever a
 * logged-in caller or a personal page gets.
 */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    /** This instance's name in a cluster (the launcher's member-1, member-2…), unset for a single instance. */
    private static final String INSTANCE = System.getenv("PICKTARTUP_INSTANCE_NAME");

    private static final long serialVersionUID = 1L;
    private static final String CSP = "Content-Security-Policy";
    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]{8,200})'");
    /** A year, as HSTS preload lists ask. */
    private static final String HSTS = "max-age=31536000; includeSubDomains";

    /** The payment gateway's browser SDK must load and open its checkout: its origin is allowed, nothing else. */
    @Inject
    @ConfigProperty(name = "picktartup.payment.browser-sdk-url", defaultValue = "https://cdn.portone.io/v2/browser-sdk.js")
    String browserSdkUrl;

    @Inject
    ClientAddress clients;

    /** The two policies (the contract's frameable one and every other response's), made once. */
    private volatile String[] policies;

    private String policy(boolean frameable) {
        var made = policies;
        if (made == null) {
            var uri = URI.create(browserSdkUrl);
            String gateway = uri.getScheme() + "://" + uri.getAuthority();
            made = new String[2];
            for (int i = 0; i < 2; i++) {
                made[i] = "default-src 'self'; connect-src 'self' " + gateway + "; frame-src 'self' " + gateway
                        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                        + "frame-ancestors " + (i == 1 ? "'self'" : "'none'") + "; script-src 'self' " + gateway;
            }
            policies = made;
        }
        return made[frameable ? 1 : 0];
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (INSTANCE != null && !INSTANCE.isBlank()) {
            response.setHeader("X-Picktartup-Instance", INSTANCE); // which member of a cluster answered
        }
        // only the investment contract may be framed, and only by our own invest page (it shows the PDF inline)
        boolean frameable = request.getRequestURI().endsWith("/my/investment-document");
        response.setHeader("X-Frame-Options", frameable ? "SAMEORIGIN" : "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        String policy = policy(frameable);
        response.setHeader(CSP, policy);
        if (clients.overTls(request)) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (personal(request)) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (ApiPaths.isApi(request)) {
            chain.doFilter(request, response); // no page, no script nonce to join: the response as it is
            return;
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, CSP.equalsIgnoreCase(name) ? withNonce(policy, value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                if (CSP.equalsIgnoreCase(name)) {
                    super.setHeader(name, withNonce(policy, value)); // one policy: the nonce joins ours
                } else {
                    super.addHeader(name, value);
                }
            }
        });
    }

    /** Our policy, with the nonce of the policy another part (PrimeFaces) wanted, if it has one. */
    static String withNonce(String policy, String wanted) {
        var nonce = wanted == null ? null : NONCE.matcher(wanted);
        return nonce != null && nonce.find() ? policy + " 'nonce-" + nonce.group(1) + "'" : policy;
    }

    /**
     * Whether the answer may hold personal data: a logged-in caller (session or Bearer token), the own and admin
     * pages. Static resources stay cacheable.
     */
    private static boolean personal(HttpServletRequest request) {
        String path = ApiPaths.normalised(request.getRequestURI().substring(request.getContextPath().length()));
        if (path.startsWith("/jakarta.faces.resource/") || path.startsWith("/resources/")) {
            return false;
        }
        return path.startsWith("/my/") || path.equals("/my") || path.startsWith("/admin/") || path.startsWith("/ceo/")
                || request.getUserPrincipal() != null || request.getHeader("Authorization") != null;
    }
}
