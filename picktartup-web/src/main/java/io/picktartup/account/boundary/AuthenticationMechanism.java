package io.picktartup.account.boundary;

import io.picktartup.account.control.AccessTokens;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one authentication mechanism of the application, dispatching on the path.
 * <ul>
 * <li>{@code /api/*}, however spelled ({@link io.picktartup.platform.boundary.ApiPaths}): a Bearer access token (RS256 JWT, see {@code AccessTokens}) whose session is still active.
 *     Never a session or a cookie, so no CSRF. No or a bad token on a protected path, or a bad token anywhere,
 *     gets a 401 {@code application/problem+json} written here and committed (otherwise the container renders an
 *     HTML error page).</li>
 * <li>Pages: a form login ({@code SecurityContext.authenticate} from the login page, validated by the identity
 *     store) that changes the session id and keeps the account id in the session; each later request re-reads the
 *     account's role. A protected page without login is redirected to the login page; for a Faces AJAX request the
 *     redirect is a {@code <partial-response>}.</li>
 * </ul>
 * Not MicroProfile JWT: Payara's MP-JWT mechanism cannot live beside a form mechanism in one WAR.
 */
@ApplicationScoped
public class AuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_ACCOUNT = "io.picktartup.account";
    static final String SESSION_ID_ATTRIBUTE = "io.picktartup.sid";
    static final String LOGIN_PAGE = "/login.xhtml";

    @EJB
    Authentication authentication;

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // however the path is spelled (//api/…, /api/../api/…, /API/…): an API client gets a problem, not a login page
        if (io.picktartup.platform.boundary.ApiPaths.isApi(request)) {
            return api(request, response, context);
        }
        return page(request, response, context);
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return context.isProtected()
                    ? unauthorized(request, response, "auth.token-missing", "This endpoint needs an access token "
                    + "(Authorization: Bearer …); get one from POST /api/auth/login.", null)
                    : context.doNothing();
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized(request, response, "auth.token-invalid",
                    "Only Bearer access tokens are accepted.", "invalid_request");
        }
        Optional<AccessTokens.Verified> verified;
        try {
            verified = authentication.verifyAccessToken(header.substring(7).trim());
        } catch (RuntimeException e) {
            if (!io.picktartup.platform.boundary.ProblemMappers.poolExhausted(e)) {
                throw e;
            }
            return busy(request, response); // every connection busy: not a 401, not a 500; retry in a moment
        }
        if (verified.isEmpty()) {
            return unauthorized(request, response, "auth.token-invalid",
                    "The access token is invalid, expired or revoked.", "invalid_token");
        }
        var identity = verified.get().identity();
        request.setAttribute(SESSION_ID_ATTRIBUTE, verified.get().sessionId());
        return context.notifyContainerAboutLogin(identity.accountId().toString(), Set.of(identity.role().name()));
    }

    private AuthenticationStatus page(HttpServletRequest request, HttpServletResponse response,
                                      HttpMessageContext context) {
        if (context.isAuthenticationRequest()) {
            Credential credential = context.getAuthParameters().getCredential();
            if (credential == null) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return AuthenticationStatus.SEND_FAILURE;
            }
            // a new session id at login: an id planted before the login (session fixation) is worth nothing after
            request.getSession(true);
            request.changeSessionId();
            request.getSession().setAttribute(SESSION_ACCOUNT, result.getCallerPrincipal().getName());
            return context.notifyContainerAboutLogin(result);
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ACCOUNT) instanceof String accountId) {
            var identity = authentication.identityOfAccount(UUID.fromString(accountId));
            if (identity.isPresent()) {
                return context.notifyContainerAboutLogin(accountId, Set.of(identity.get().role().name()));
            }
            session.invalidate();
        }
        if (context.isProtected()) {
            return toLoginPage(request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus toLoginPage(HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context) {
        String login = request.getContextPath() + LOGIN_PAGE;
        // answered here, before the filters: the header SecurityHeaders gives every personal page
        response.setHeader("Cache-Control", "no-store");
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            try {
                response.setStatus(200);
                response.setContentType("text/xml");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response>"
                        + "<redirect url=\"" + login + "\"></redirect></partial-response>");
                response.flushBuffer();
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
            return AuthenticationStatus.SEND_CONTINUE;
        }
        if ("GET".equals(request.getMethod())) {
            // after the login, the user lands where they were going (e.g. the invest page of a round)
            String query = request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        return context.redirect(login);
    }

    /** Session attribute: the page a login was asked for, to go back to after it. */
    static final String RETURN_TO = "picktartup.login.return-to";

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     String code, String detail, String bearerError) {
        try {
            response.resetBuffer();
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"picktartup\""
                    + (bearerError == null ? "" : ", error=\"" + bearerError + "\""));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"https://picktartup.io/problems/" + code
                    + "\",\"title\":\"Not authenticated\",\"status\":401,\"detail\":\"" + detail
                    + "\",\"code\":\"" + code + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; the status is what matters
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus busy(HttpServletRequest request, HttpServletResponse response) {
        try {
            response.resetBuffer();
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"https://picktartup.io/problems/service.busy\",\"title\":\"Busy\","
                    + "\"status\":503,\"detail\":\"Too many requests at once; nothing was changed. Retry in a moment.\","
                    + "\"code\":\"service.busy\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; the status is what matters
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static String json(String text) {
        var out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '<' || c == '>') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
