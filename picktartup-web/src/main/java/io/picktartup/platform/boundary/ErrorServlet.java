package io.picktartup.platform.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page for everything JAX-RS does not answer itself (unknown paths, container errors): a problem
 * document for API clients, a small HTML page for browsers. Never a stack trace or a server banner.
 */
@WebServlet(name = "ErrorServlet", urlPatterns = "/error")
public class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        String title = switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
        String errorCode = switch (status) {
            case 404 -> "resource.not-found";
            case 405 -> "method.not-allowed";
            default -> status >= 500 ? "server.error" : "http." + status;
        };
        String detail = status == 404 ? "There is nothing at this address." : title + ".";
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (wantsHtml(request, path)) {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + status + " " + title + " · Picktartup</title><link rel=\"stylesheet\" href=\""
                    + request.getContextPath() + "/resources/css/picktartup.css\"></head><body class=\"error-page\">"
                    + "<main><h1>" + status + "</h1><p>" + detail + "</p><p><a href=\"" + request.getContextPath()
                    + "/\">Picktartup</a></p></main></body></html>");
        } else {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"https://picktartup.io/problems/" + errorCode + "\",\"title\":\""
                    + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + errorCode
                    + "\",\"instance\":\"" + json(path) + "\"}");
        }
    }

    private static boolean wantsHtml(HttpServletRequest request, String path) {
        String accept = request.getHeader("Accept");
        return !ApiPaths.isApi(path, request.getContextPath()) && accept != null && accept.contains("text/html");
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
