package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.picktartup.it.Accounts.call;
import static org.assertj.core.api.Assertions.assertThat;

/** What every answer carries and how odd paths are answered: the policy headers, and the API never answering HTML. */
@ExtendWith(RunningPlatform.class)
class WebEdgeIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> SPELLINGS = List.of("/api/admin/jobs/heartbeat", "//api/admin/jobs/heartbeat",
            "/api//admin/jobs/heartbeat", "/api/./admin/jobs/heartbeat", "/api/../api/admin/jobs/heartbeat",
            "/API/admin/jobs/heartbeat", "/Api/Admin/Jobs/Heartbeat", "/%61pi/admin/jobs/heartbeat",
            "/api;x=1/admin/jobs/heartbeat");

    @Test
    void anApiPathHoweverSpelledIsAnsweredWithAProblemNeverAPage() {
        var investor = Accounts.Session.open("edge");
        for (String path : SPELLINGS) {
            for (var token : new String[] {null, investor.accessToken()}) {
                var headers = new java.util.HashMap<String, String>(Map.of("Accept", "text/html,*/*"));
                if (token != null) {
                    headers.put("Authorization", "Bearer " + token);
                }
                var response = raw("POST", path, headers);
                String what = path + (token == null ? " without a token" : " as an investor");
                assertThat(response.statusCode()).as(what + ": " + response.body()).isIn(401, 403, 404, 405);
                assertThat(response.headers().firstValue("Content-Type")).as(what)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(response.headers().firstValue("Location")).as(what).isEmpty();
                assertThat(response.body()).as(what).doesNotContain("<html", "<!DOCTYPE");
                // and no spelling reaches the admin operation
                assertThat(response.statusCode()).as(what).isNotEqualTo(200);
            }
        }
    }

    @Test
    void scriptsNeedTheNonceNoInlineAndNoEval() {
        var page = raw("GET", "/", Map.of("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().allValues("Content-Security-Policy").stream().reduce((a, b) -> a + " | " + b)
                .orElseThrow();
        assertThat(page.headers().allValues("Content-Security-Policy")).hasSize(1);
        String scripts = directive(policy, "script-src");
        assertThat(scripts).doesNotContain("'unsafe-inline'", "'unsafe-eval'").contains("'self'");
        var nonce = Pattern.compile("'nonce-([^']+)'").matcher(scripts);
        assertThat(nonce.find()).as(policy).isTrue();
        // every inline script of the page carries that nonce
        var inline = Pattern.compile("<script(?![^>]*\\bsrc=)([^>]*)>").matcher(page.body());
        int count = 0;
        while (inline.find()) {
            count++;
            assertThat(inline.group(1)).contains("nonce=\"" + nonce.group(1) + "\"");
        }
        assertThat(count).isPositive();
        assertThat(directive(policy, "object-src")).contains("'none'");
        assertThat(directive(policy, "frame-ancestors")).contains("'none'");
        // an API answer has the policy too, without a nonce
        var api = raw("GET", "/api/rounds", Map.of());
        assertThat(directive(api.headers().firstValue("Content-Security-Policy").orElseThrow(), "script-src"))
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "nonce");
    }

    @Test
    void hstsOnlyOverTlsOrBehindATrustedProxyThatSaysSo() {
        assertThat(raw("GET", "/", Map.of()).headers().firstValue("Strict-Transport-Security")).isEmpty();
        // the tests speak through a trusted proxy (127.0.0.1): its X-Forwarded-Proto is believed
        var proxied = raw("GET", "/", Map.of("X-Forwarded-Proto", "https"));
        assertThat(proxied.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(value ->
                assertThat(value).startsWith("max-age=31536000"));
        assertThat(raw("GET", "/", Map.of("X-Forwarded-Proto", "http")).headers()
                .firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void personalAnswersAreNotStored() {
        var session = Accounts.Session.open("nostore");
        assertThat(call("GET", "/api/accounts/me", session.accessToken(), null).headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        // a public API answer to a logged-in caller too (it may say what that caller sees)
        assertThat(call("GET", "/api/rounds", session.accessToken(), null).headers().firstValue("Cache-Control"))
                .hasValue("no-store");
        // the own pages, even the redirect to the login page
        assertThat(raw("GET", "/my/index.xhtml", Map.of()).headers().firstValue("Cache-Control")).hasValue("no-store");
        // a public page to an anonymous visitor and the static resources stay cacheable
        assertThat(raw("GET", "/", Map.of()).headers().firstValue("Cache-Control")).isNotEqualTo(
                java.util.Optional.of("no-store"));
        assertThat(raw("GET", "/resources/css/picktartup.css", Map.of("Authorization", "Bearer x")).headers()
                .firstValue("Cache-Control")).isNotEqualTo(java.util.Optional.of("no-store"));
    }

    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            if (part.trim().startsWith(name + " ")) {
                return part.trim();
            }
        }
        throw new AssertionError(name + " not in " + policy);
    }

    /** A request to the path exactly as written (no normalisation by a URI resolver). */
    private static HttpResponse<String> raw(String method, String path, Map<String, String> headers) {
        String base = RunningPlatform.uri("/").toString();
        var builder = HttpRequest.newBuilder(URI.create(base.substring(0, base.length() - 1) + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(builder::header);
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
