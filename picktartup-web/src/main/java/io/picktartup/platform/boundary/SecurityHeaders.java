package io.picktartup.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Headers every response carries (OWASP secure headers): no sniffing, no framing, no referrer leaks. */
@WebFilter(filterName = "SecurityHeaders", urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    /** The payment gateway's browser SDK must load and open its checkout: its origin is allowed, nothing else. */
    @jakarta.inject.Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "picktartup.payment.browser-sdk-url",
            defaultValue = "https://cdn.portone.io/v2/browser-sdk.js")
    String browserSdkUrl;

    private String gatewayOrigin() {
        var uri = java.net.URI.create(browserSdkUrl);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        // only the investment contract may be framed, and only by our own invest page (it shows the PDF inline)
        boolean frameable = request.getRequestURI().endsWith("/my/investment-document");
        response.setHeader("X-Frame-Options", frameable ? "SAMEORIGIN" : "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        String gateway = gatewayOrigin();
        response.setHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self' " + gateway
                + "; frame-src 'self' " + gateway + "; script-src 'self' " + gateway + " 'unsafe-inline' "
                + "'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors "
                + (frameable ? "'self'" : "'none'"));
        chain.doFilter(request, response);
    }
}
