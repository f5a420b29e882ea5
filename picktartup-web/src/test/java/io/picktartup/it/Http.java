package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin HTTP client for the API tests: real requests, responses kept whole for assertions. */
public final class Http {

    /** HTTP/1.1 as browsers and API clients speak to us over plain HTTP (no h2c upgrade, which bursts end with GOAWAY). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public static HttpResponse<String> get(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(RunningPlatform.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(builder::header);
        if (path.startsWith("/metrics") && !headers.containsKey("Authorization")) {
            // /metrics is not public: the tests scrape it as Prometheus does, with the scrape token
            builder.header("Authorization", "Bearer " + RunningPlatform.METRICS_TOKEN);
        }
        return send(builder.build());
    }

    public static HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(RunningPlatform.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> method(String method, String path) {
        return send(HttpRequest.newBuilder(RunningPlatform.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Any method, with headers (e.g. Authorization) and an optional JSON body. */
    public static HttpResponse<String> request(String method, String path, Map<String, String> headers, String json) {
        var builder = HttpRequest.newBuilder(RunningPlatform.uri(path)).timeout(Duration.ofSeconds(90))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** A GET whose body is binary (e.g. a PDF). */
    public static HttpResponse<byte[]> bytes(String path, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(RunningPlatform.uri(path)).timeout(Duration.ofSeconds(90)).GET();
        headers.forEach(builder::header);
        try {
            return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI base() {
        return RunningPlatform.uri("/");
    }
}
