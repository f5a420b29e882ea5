package io.picktartup.account.boundary;

import io.picktartup.account.control.AccessTokens;
import io.picktartup.account.control.LiveSessions;
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

    @Inject
    AccessTokens accessTokens;

    @Inject
    LiveSessions liveSessions;

    @Inject
    SessionReads sessionReads;

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
        Optional<Authentication.LiveSession> verified;
        try {
            verified = accessTokens.verify(header.substring(7).trim())
                    .flatMap(token -> live(token.sessionId(), token.identity().accountId()));
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
        if (verified.get().passwordChangeRequired() && !allowedBeforePasswordChange(request)) {
            return problem(request, response, 403, "account.password-change-required", "Password change required",
                    "The password of this account must be changed first: PUT /api/accounts/"
                            + identity.accountId() + "/password with currentPassword and newPassword.");
        }
        request.setAttribute(SESSION_ID_ATTRIBUTE, verified.get().sessionId());
        return context.notifyContainerAboutLogin(identity.accountId().toString(), Set.of(identity.role().name()));
    }

    /**
     * The session as {@link LiveSessions} remembers it (no container call, no database), else as the database says,
     * read with the other requests' sessions waiting at the same moment ({@link SessionReads}): asked on every request.
     */
    private Optional<Authentication.LiveSession> live(UUID sessionId, UUID accountId) {
        var known = liveSessions.remembered(sessionId, accountId);
        return known.isPresent() ? Optional.of(Authentication.LiveSession.of(sessionId, known.get()))
                : sessionReads.read(sessionId, accountId);
    }

    /**
     * What an account whose password must be changed may still do over the API: read itself, change the password,
     * log out (everywhere). Matched on the path as the container decoded it; any other spelling is refused.
     */
    static boolean allowedBeforePasswordChange(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String method = request.getMethod();
        return ("GET".equals(method) && path.matches("/api/accounts/[^/]+"))
                || ("PUT".equals(method) && path.matches("/api/accounts/[^/]+/password"))
                || ("DELETE".equals(method) && path.matches("/api/accounts/[^/]+/sessions"))
                || ("POST".equals(method) && path.equals("/api/auth/logout"));
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
            String accountId = result.getCallerPrincipal().getName();
            // a session family of its own: logging out everywhere or a password change elsewhere ends this one too
            UUID sessionId = authentication.startPageSession(UUID.fromString(accountId));
            request.getSession().setAttribute(SESSION_ACCOUNT, accountId);
            request.getSession().setAttribute(SESSION_ID_ATTRIBUTE, sessionId);
            return context.notifyContainerAboutLogin(result);
        }
        var session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ACCOUNT) instanceof String accountId) {
            var live = session.getAttribute(SESSION_ID_ATTRIBUTE) instanceof UUID sessionId
                    ? live(sessionId, UUID.fromString(accountId))
                    : Optional.<Authentication.LiveSession>empty();
            if (live.isPresent()) {
                request.setAttribute(SESSION_ID_ATTRIBUTE, live.get().sessionId());
                if (live.get().passwordChangeRequired() && context.isProtected()
                        && !PASSWORD_PAGE.equals(request.getServletPath())) {
                    return redirect(request, response, context, request.getContextPath() + PASSWORD_PAGE);
                }
                return context.notifyContainerAboutLogin(accountId, Set.of(live.get().identity().role().name()));
            }
            // the session ended elsewhere (logout everywhere, a password change, a disabled account)
            session.invalidate();
        }
        if (context.isProtected()) {
            return toLoginPage(request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus toLoginPage(HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context) {
        if ("GET".equals(request.getMethod()) && !"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // after the login, the user lands where they were going (e.g. the invest page of a round)
            String query = request.getQueryString();
            request.getSession(true).setAttribute(RETURN_TO, request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        return redirect(request, response, context, request.getContextPath() + LOGIN_PAGE);
    }

    /** Sends the browser elsewhere; a Faces AJAX request gets a {@code <partial-response><redirect>}. */
    private static AuthenticationStatus redirect(HttpServletRequest request, HttpServletResponse response,
                                                 HttpMessageContext context, String login) {
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
        return context.redirect(login);
    }

    /** The page where a password that must be changed is changed; every other protected page redirects there. */
    static final String PASSWORD_PAGE = "/my/account.xhtml";

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

    private static AuthenticationStatus problem(HttpServletRequest request, HttpServletResponse response, int status,
                                                String code, String title, String detail) {
        try {
            response.resetBuffer();
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"https://picktartup.io/problems/" + code + "\",\"title\":\""
                    + title + "\",\"status\":" + status + ",\"detail\":\"" + json(detail) + "\",\"code\":\""
                    + code + "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
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
