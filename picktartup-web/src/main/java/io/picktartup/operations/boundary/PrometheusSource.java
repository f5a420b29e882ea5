package io.picktartup.operations.boundary;

import io.picktartup.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus' query API ({@code picktartup.prometheus.url}, e.g. http://127.0.0.1:9090), for the admin dashboard.
 * Empty when none is configured or it does not answer within 3 s: the dashboard then shows the application's own
 * samples.
 */
@ApplicationScoped
public class PrometheusSource {

    /** A point of a range query. */
    public record Point(Instant at, double value) {
    }

    @Inject
    @ConfigProperty(name = "picktartup.prometheus.url")
    Optional<String> url;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public boolean configured() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    /** The first series of a range query over the last {@code span}, or empty when Prometheus cannot answer. */
    public Optional<List<Point>> range(String expr, Duration span, Duration step) {
        if (!configured()) {
            return Optional.empty();
        }
        long end = Instant.now().getEpochSecond();
        String query = "/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                + "&start=" + (end - span.toSeconds()) + "&end=" + end + "&step=" + step.toSeconds();
        try {
            var response = client.send(HttpRequest.newBuilder(URI.create(url.get().replaceAll("/+$", "") + query))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonObject body;
            try (var reader = Jsons.PROVIDER.createReader(new StringReader(response.body()))) {
                body = reader.readObject();
            }
            var result = body.getJsonObject("data").getJsonArray("result");
            var points = new ArrayList<Point>();
            if (!result.isEmpty()) {
                for (var value : result.getJsonObject(0).getJsonArray("values")) {
                    var pair = value.asJsonArray();
                    double v = Double.parseDouble(pair.getString(1));
                    points.add(new Point(Instant.ofEpochSecond(pair.getJsonNumber(0).longValue()),
                            Double.isFinite(v) ? v : 0));
                }
            }
            return Optional.of(points);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
