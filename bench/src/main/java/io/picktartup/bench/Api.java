package io.picktartup.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one HTTP client of the benchmarks: the platform's REST API (JSON in, JSON or a problem document out, a Bearer
 * token when given) and the chain node's JSON-RPC. HTTP/1.1, as browsers and load balancers speak to the platform;
 * one connection pool shared by every thread of a benchmark. Failures are unchecked: a benchmark stops at the first
 * unexpected answer and says which call it was.
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .executor(Executors.newCachedThreadPool(task -> {
                var thread = new Thread(task, "bench-http");
                thread.setDaemon(true);
                return thread;
            }))
            .build();
    private final URI base;
    private final Duration timeout;
    private final AtomicLong rpcIds = new AtomicLong();

    /** The API at {@code base}; a call may take up to 180 s (a signup under load waits for a key-derivation slot). */
    public Api(URI base) {
        this(base, Duration.ofSeconds(180));
    }

    public Api(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** A request to {@code path} with {@code json} as its body (none when null), as the {@code bearer} (none when null). */
    public HttpRequest request(String method, String path, String bearer, String json) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
        }
    }

    public HttpResponse<String> call(String method, String path, String bearer, String json) {
        return send(request(method, path, bearer, json));
    }

    /** The answer's JSON body when its status is {@code status}; otherwise fails with the call and its answer. */
    public static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): " + response.body());
        }
        return json(response);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.uri() + " answered no JSON: " + response.body(), e);
        }
    }

    /** The {@code code} of a problem document, or the start of the body when it is none. */
    public static String problemCode(String body) {
        if (body == null) {
            return "?";
        }
        try {
            var code = JSON.readTree(body).path("code");
            if (code.isTextual()) {
                return code.asText();
            }
        } catch (IOException e) {
            // not JSON: the body itself says what happened
        }
        return body.length() > 60 ? body.substring(0, 60) : body;
    }

    /** Logs in; the access token. */
    public String login(String email, String password) {
        return expect(200, call("POST", "/api/auth/login", null, body("email", email, "password", password)))
                .path("access_token").asText();
    }

    private volatile io.picktartup.launcher.Platform platform;

    /** Signups through this client are verified in the platform's database (benchmarks read no mail). */
    public Api verifyingOn(io.picktartup.launcher.Platform platform) {
        this.platform = platform;
        return this;
    }

    /** The signup request alone (one wallet key derivation on the server): 202, the account still unverified. */
    public void signUpOnly(String email, String password, String name, String walletPassword) {
        expect(202, call("POST", "/api/auth/signup", null, body("email", email, "password", password,
                "name", name, "walletPassword", walletPassword)));
    }

    /**
     * Marks every unverified address verified (what following the mailed links does; needs {@link #verifyingOn}),
     * until {@code expected} addresses were: a signup's account is written just after its 202, so the last ones may
     * not be there yet.
     */
    public void verifyPending(int expected) {
        int verified = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (verified < expected) {
            verified += verify("where email_verified_at is null", null);
            if (verified < expected) {
                pause(deadline, expected - verified + " of the signups' accounts");
            }
        }
    }

    /**
     * Signs up, marks the address verified (what following the mailed link does; needs {@link #verifyingOn}) and
     * reads the new account.
     */
    public JsonNode signUp(String email, String password, String name, String walletPassword) {
        signUpOnly(email, password, name, walletPassword);
        if (platform == null) {
            throw new IllegalStateException("signups need verifyingOn(platform) to verify the address");
        }
        // the account is written just after the 202 (on the server's executor): wait for it
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (verify("where email = ? and email_verified_at is null", email.toLowerCase(java.util.Locale.ROOT)) == 0) {
            pause(deadline, "the account of " + email);
        }
        return expect(200, call("GET", "/api/accounts/me", login(email, password), null));
    }

    /** Marks the unverified accounts {@code where} selects verified; how many it marked. */
    private int verify(String where, String email) {
        try (var connection = platform.connect(); var update = connection.prepareStatement("""
                update account set email_verified_at = now(), verification_token_hash = null,
                                   verification_expires_at = null
                """ + where)) {
            if (email != null) {
                update.setString(1, email);
            }
            return update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not verify the pending signups", e);
        }
    }

    private static void pause(long deadline, String waitingFor) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException("not written within 60 s: " + waitingFor);
        }
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }

    /** A JSON object of the given names and values: numbers stay numbers, anything else becomes a string. */
    public static String body(Object... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            if (value instanceof Long l) {
                node.put(name, l);
            } else if (value instanceof Integer n) {
                node.put(name, n);
            } else if (value instanceof Boolean b) {
                node.put(name, b);
            } else {
                node.put(name, String.valueOf(value));
            }
        }
        return node.toString();
    }

    /** A JSON-RPC 2.0 call to a chain node; its result, or a failure carrying the node's error. */
    public JsonNode rpc(String endpoint, String method, Object... params) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", rpcIds.incrementAndGet())
                .put("method", method);
        request.set("params", JSON.valueToTree(List.of(params)));
        var response = send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build());
        JsonNode node = json(response);
        if (node.has("error")) {
            throw new IllegalStateException(method + ": " + node.get("error"));
        }
        return node.path("result");
    }
}
