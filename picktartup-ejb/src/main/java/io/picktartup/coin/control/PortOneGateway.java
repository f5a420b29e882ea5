package io.picktartup.coin.control;

import io.picktartup.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

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
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@link PaymentGateway} over PortOne V2's REST API ({@code GET /payments/{paymentId}},
 * {@code POST /payments/{paymentId}/cancel}, {@code Authorization: PortOne <API secret>}), with the JDK's HTTP
 * client: two calls do not justify a REST client runtime, the timeouts and the status-to-meaning mapping stay
 * explicit, and the same class runs in plain unit tests. The API secret is sent, never logged or put in a message.
 */
@ApplicationScoped
public class PortOneGateway implements PaymentGateway {

    private URI apiUrl;
    private String apiSecret;
    private Optional<String> storeId;
    private Duration timeout;
    private HttpClient http;

    /** For the container's proxy only. */
    protected PortOneGateway() {
    }

    @Inject
    PortOneGateway(PaymentSettings settings) {
        this(settings.apiUrl(), settings.apiSecret(), settings.storeId(), settings.requestTimeout());
    }

    /**
     * @param apiUrl    the API's base, e.g. {@code https://api.portone.io/}
     * @param apiSecret the V2 API secret
     * @param storeId   the store to act in (PortOne then checks the secret may), or empty for the secret's own
     * @param timeout   the longest one call may take
     */
    public PortOneGateway(URI apiUrl, String apiSecret, Optional<String> storeId, Duration timeout) {
        String base = apiUrl.toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.apiSecret = apiSecret;
        this.storeId = storeId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<Payment> lookup(String paymentId) {
        String query = storeId.map(s -> "?storeId=" + encode(s)).orElse("");
        var response = send(request("payments/" + encode(paymentId) + query).GET().build(), "look up", paymentId);
        if (response.statusCode() == 200) {
            return Optional.of(payment(paymentId, object(response, "look up", paymentId)));
        }
        if (response.statusCode() == 404 && "PAYMENT_NOT_FOUND".equals(errorType(response))) {
            return Optional.empty();
        }
        throw refused(response, "look up", paymentId);
    }

    @Override
    public Cancellation cancel(String paymentId, String reason) {
        var body = Jsons.PROVIDER.createObjectBuilder();
        storeId.ifPresent(s -> body.add("storeId", s));
        body.add("reason", reason);
        var response = send(request("payments/" + encode(paymentId) + "/cancel")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString(), StandardCharsets.UTF_8))
                .build(), "cancel", paymentId);
        if (response.statusCode() == 200) {
            JsonObject cancellation = object(response, "cancel", paymentId).getJsonObject("cancellation");
            if (cancellation == null) {
                throw new PaymentGatewayUnavailableException("The gateway's answer to cancel payment " + paymentId
                        + " has no cancellation");
            }
            return new Cancellation(paymentId, text(cancellation, "id"),
                    number(cancellation, "totalAmount").orElse(0L), false);
        }
        String type = errorType(response);
        if (response.statusCode() == 409 && "PAYMENT_ALREADY_CANCELLED".equals(type)) {
            return new Cancellation(paymentId, Optional.empty(), 0, true);
        }
        if ((response.statusCode() == 404 && "PAYMENT_NOT_FOUND".equals(type))
                || (response.statusCode() == 409 && "PAYMENT_NOT_PAID".equals(type))) {
            throw new PaymentNotCancellableException(paymentId, type);
        }
        throw refused(response, "cancel", paymentId);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(apiUrl.resolve(path))
                .timeout(timeout)
                .header("Authorization", "PortOne " + apiSecret)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request, String action, String paymentId) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the message names the host and the failure, never the request's headers
            throw new PaymentGatewayUnavailableException("Could not " + action + " payment " + paymentId + " at "
                    + apiUrl.getHost() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentGatewayUnavailableException("Interrupted while asking the gateway to " + action
                    + " payment " + paymentId, e);
        }
    }

    private static PaymentGatewayUnavailableException refused(HttpResponse<String> response, String action,
                                                              String paymentId) {
        String type = errorType(response);
        String hint = response.statusCode() == 401 || response.statusCode() == 403
                ? " (check picktartup.payment.api-secret and store-id)" : "";
        return new PaymentGatewayUnavailableException("The gateway answered " + response.statusCode()
                + (type.isEmpty() ? "" : " " + type) + " to " + action + " payment " + paymentId + hint);
    }

    private static String errorType(HttpResponse<String> response) {
        try (var reader = Jsons.PROVIDER.createReader(new StringReader(response.body()))) {
            return text(reader.readObject(), "type").orElse("");
        } catch (JsonException | IllegalStateException e) {
            return "";
        }
    }

    private static JsonObject object(HttpResponse<String> response, String action, String paymentId) {
        try (var reader = Jsons.PROVIDER.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new PaymentGatewayUnavailableException("The gateway's answer to " + action + " payment "
                    + paymentId + " is not JSON", e);
        }
    }

    private static Payment payment(String requestedId, JsonObject json) {
        String id = text(json, "id").orElse(requestedId);
        if (!id.equals(requestedId)) {
            throw new PaymentGatewayUnavailableException("Asked for payment " + requestedId + ", the gateway answered "
                    + "with payment " + id);
        }
        JsonObject amount = json.getJsonObject("amount");
        Optional<Long> total = amount == null ? Optional.empty() : number(amount, "total");
        String currency = text(json, "currency").orElse("");
        if (total.isEmpty() || currency.isEmpty()) {
            throw new PaymentGatewayUnavailableException("The gateway's payment " + requestedId
                    + " has no amount.total or currency");
        }
        Optional<Instant> paidAt;
        try {
            paidAt = text(json, "paidAt").map(t -> OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new PaymentGatewayUnavailableException("The gateway's payment " + requestedId
                    + " has an unreadable paidAt", e);
        }
        return new Payment(id, Payment.Status.of(text(json, "status").orElse(null)), total.get(), currency,
                text(json, "orderName").orElse(""), text(json, "transactionId"), paidAt);
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    private static Optional<Long> number(JsonObject json, String name) {
        if (json.get(name) instanceof JsonNumber n) {
            try {
                return Optional.of(n.longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
