package io.picktartup.launcher.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A card payment gateway for the run command and the tests, speaking PortOne V2's HTTP API for the calls the
 * platform makes, so that the application cannot tell it from production except by URL and secrets:
 * <ul>
 *     <li>{@code GET /payments/{paymentId}} and {@code POST /payments/{paymentId}/cancel}, with
 *     {@code Authorization: PortOne <API secret>} (anything else: 401 {@code UNAUTHORIZED}); PortOne's JSON field
 *     names and error {@code type}s;</li>
 *     <li>a checkout page ({@code GET /checkout?storeId&paymentId&orderName&totalAmount&currency&redirectUrl}, the
 *     browser SDK's {@code requestPayment} parameters) with the buttons {@code #approve} and {@code #decline}; it
 *     sends the browser back to {@code redirectUrl?paymentId=…} ({@code &code=…&message=…} when declined), and a
 *     look-alike of the browser SDK ({@code /v2/browser-sdk.js}) whose {@code PortOne.requestPayment} opens it;</li>
 *     <li>webhooks to the platform, signed per Standard Webhooks with a {@code whsec_} secret, PortOne's body
 *     ({@code {"type":"Transaction.Paid","timestamp":…,"data":{"paymentId","storeId","transactionId"}}}) and retry
 *     schedule;</li>
 *     <li>controls for tests under {@code /sandbox/} (and the same as Java methods): create a payment in any state,
 *     approve or decline it, change its amount, send a webhook on demand (also forged, mis-dated, or many at
 *     once), list the deliveries.</li>
 * </ul>
 * The API and webhook secrets are random per start and never printed. State lives in memory and is thread-safe.
 */
public final class PaymentSandbox implements AutoCloseable {

    /** Where the platform receives webhooks, relative to the application's root. */
    public static final String PLATFORM_WEBHOOK_PATH = "/api/payments/webhook";

    /** One attempt to deliver a webhook: {@code status} is the HTTP status, or -1 when none came back. */
    public record Delivery(String webhookId, String paymentId, String type, int attempt, Instant at, int status,
                           String error) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * How to send a webhook on demand.
     *
     * @param type                   the event type; empty for the one matching the payment's status
     * @param copies                 how many identical deliveries (same id, same body) to send at once
     * @param timestampOffsetSeconds shift the signed timestamp (e.g. -600: a stale webhook)
     * @param forgeSignature         sign with random bytes instead of the webhook secret
     * @param retry                  whether a refused delivery is retried on the schedule
     */
    public record WebhookOptions(Optional<String> type, int copies, long timestampOffsetSeconds,
                                 boolean forgeSignature, boolean retry) {
        public static WebhookOptions defaults() {
            return new WebhookOptions(Optional.empty(), 1, 0, false, true);
        }

        public WebhookOptions type(String value) {
            return new WebhookOptions(Optional.of(value), copies, timestampOffsetSeconds, forgeSignature, retry);
        }

        public WebhookOptions copies(int value) {
            return new WebhookOptions(type, value, timestampOffsetSeconds, forgeSignature, retry);
        }

        public WebhookOptions timestampOffsetSeconds(long value) {
            return new WebhookOptions(type, copies, value, forgeSignature, retry);
        }

        public WebhookOptions forged() {
            return new WebhookOptions(type, copies, timestampOffsetSeconds, true, retry);
        }

        public WebhookOptions withoutRetry() {
            return new WebhookOptions(type, copies, timestampOffsetSeconds, forgeSignature, false);
        }
    }

    /** A refused request: the HTTP status and PortOne's error {@code type}. */
    public static final class SandboxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String type;

        SandboxException(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERCHANT_ID = "merchant-picktartup-sandbox";
    private static final String DECLINE_MESSAGE = "The card holder declined the payment in the sandbox";

    private final HttpServer server;
    private final ExecutorService workers;
    private final WebhookSender webhooks;
    private final Clock clock;
    private final String apiSecret;
    private final String webhookSecret;
    private final String storeId;
    private final Map<String, SandboxPayment> payments = new ConcurrentHashMap<>();

    private PaymentSandbox(HttpServer server, WebhookSender webhooks, Clock clock, String apiSecret,
                           String webhookSecret, String storeId) {
        this.server = server;
        this.webhooks = webhooks;
        this.clock = clock;
        this.apiSecret = apiSecret;
        this.webhookSecret = webhookSecret;
        this.storeId = storeId;
        this.workers = Executors.newCachedThreadPool(WebhookSender.daemon("sandbox-http"));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts the sandbox on 127.0.0.1.
     *
     * @param port       its port, 0 for any free one
     * @param webhookUrl where to deliver webhooks (the platform's {@link #PLATFORM_WEBHOOK_PATH})
     * @param minute     how long one minute of the retry schedule lasts (tests compress it)
     */
    public static PaymentSandbox start(int port, URI webhookUrl, Duration minute) {
        var random = new SecureRandom();
        byte[] apiKey = new byte[36];
        random.nextBytes(apiKey);
        byte[] webhookKey = new byte[32];
        random.nextBytes(webhookKey);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        } catch (IOException e) {
            throw new UncheckedIOException("The payment sandbox could not listen on port " + port, e);
        }
        Clock clock = Clock.systemUTC();
        return new PaymentSandbox(server, new WebhookSender(webhookUrl, webhookKey, minute, clock), clock,
                Base64.getUrlEncoder().withoutPadding().encodeToString(apiKey),
                "whsec_" + Base64.getEncoder().encodeToString(webhookKey), "store-" + UUID.randomUUID());
    }

    // ---- what the platform and the tests are given -------------------------------------------------------------

    /** The API's base URL (what production calls {@code https://api.portone.io}). */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public URI checkoutUri() {
        return baseUri().resolve("checkout");
    }

    public URI browserSdkUri() {
        return baseUri().resolve("v2/browser-sdk.js");
    }

    public URI webhookTarget() {
        return webhooks.target();
    }

    public String apiSecret() {
        return apiSecret;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public String storeId() {
        return storeId;
    }

    /** The settings the application needs to use this sandbox (MicroProfile Config names, as env variables). */
    public Map<String, String> applicationEnvironment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("PICKTARTUP_PAYMENT_API_URL", baseUri().toString());
        environment.put("PICKTARTUP_PAYMENT_API_SECRET", apiSecret);
        environment.put("PICKTARTUP_PAYMENT_WEBHOOK_SECRET", webhookSecret);
        environment.put("PICKTARTUP_PAYMENT_STORE_ID", storeId);
        environment.put("PICKTARTUP_PAYMENT_CHECKOUT_URL", checkoutUri().toString());
        environment.put("PICKTARTUP_PAYMENT_BROWSER_SDK_URL", browserSdkUri().toString());
        return environment;
    }

    @Override
    public String toString() {
        // no secrets here: the platform prints services it could not stop
        return "payment sandbox at " + baseUri();
    }

    // ---- the state, for tests ----------------------------------------------------------------------------------

    public Optional<SandboxPayment> payment(String paymentId) {
        return Optional.ofNullable(payments.get(paymentId));
    }

    /** Creates (or replaces) a payment in any state, as if it had gone through the checkout; sends no webhook. */
    public SandboxPayment create(String paymentId, SandboxPayment.Status status, long amount, String currency,
                                 String orderName) {
        requireId(paymentId);
        Instant now = clock.instant();
        var ready = SandboxPayment.ready(paymentId, storeId, newTransactionId(), amount, currency, orderName,
                Optional.empty(), now);
        var payment = switch (status) {
            case READY -> ready;
            case PAID -> ready.paid(now);
            case FAILED -> ready.failed(DECLINE_MESSAGE, now);
            case CANCELLED -> ready.paid(now).cancelled(newCancellationId(), "Created cancelled in the sandbox", now);
        };
        payments.put(paymentId, payment);
        return payment;
    }

    /** What the checkout's approve button does: READY becomes PAID and the Transaction.Paid webhook goes out. */
    public SandboxPayment approve(String paymentId) {
        var paid = transition(paymentId, SandboxPayment.Status.READY, p -> p.paid(clock.instant()));
        notify(paid, WebhookOptions.defaults());
        return paid;
    }

    /** What the checkout's decline button does: READY becomes FAILED and the Transaction.Failed webhook goes out. */
    public SandboxPayment decline(String paymentId) {
        var failed = transition(paymentId, SandboxPayment.Status.READY,
                p -> p.failed(DECLINE_MESSAGE, clock.instant()));
        notify(failed, WebhookOptions.defaults());
        return failed;
    }

    /**
     * Sets the amount the gateway reports, whatever the order said (a tampered checkout). Opening the checkout
     * again for a payment that is not paid resets it to the checkout's amount.
     */
    public SandboxPayment setAmount(String paymentId, long amount) {
        var changed = payments.computeIfPresent(paymentId, (id, p) -> p.withAmount(amount));
        if (changed == null) {
            throw notFound(paymentId);
        }
        return changed;
    }

    /** Sends a webhook about the payment now (retried on refusal unless told otherwise); returns its id. */
    public String sendWebhook(String paymentId, WebhookOptions options) {
        var payment = payment(paymentId).orElseThrow(() -> notFound(paymentId));
        return notify(payment, options);
    }

    public String sendWebhook(String paymentId) {
        return sendWebhook(paymentId, WebhookOptions.defaults());
    }

    /** Every delivery attempt so far, oldest first. */
    public List<Delivery> deliveries() {
        return webhooks.deliveries();
    }

    public List<Delivery> deliveries(String paymentId) {
        return webhooks.deliveries().stream().filter(d -> d.paymentId().equals(paymentId)).toList();
    }

    /** Cancels a paid payment, as {@code POST /payments/{id}/cancel} does; sends Transaction.Cancelled. */
    public SandboxPayment cancel(String paymentId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new SandboxException(400, "INVALID_REQUEST", "reason is required");
        }
        var before = new SandboxPayment[1];
        var after = new SandboxPayment[1];
        payments.computeIfPresent(paymentId, (id, p) -> {
            before[0] = p;
            after[0] = p.status() == SandboxPayment.Status.PAID
                    ? p.cancelled(newCancellationId(), reason, clock.instant()) : null;
            return after[0] == null ? p : after[0];
        });
        if (before[0] == null) {
            throw notFound(paymentId);
        }
        if (before[0].status() == SandboxPayment.Status.CANCELLED) {
            throw new SandboxException(409, "PAYMENT_ALREADY_CANCELLED", "The payment is already cancelled");
        }
        if (after[0] == null) {
            throw new SandboxException(409, "PAYMENT_NOT_PAID", "The payment is " + before[0].status());
        }
        var cancelled = after[0];
        notify(cancelled, WebhookOptions.defaults());
        return cancelled;
    }

    private SandboxPayment transition(String paymentId, SandboxPayment.Status from,
                                      java.util.function.UnaryOperator<SandboxPayment> change) {
        return transition(paymentId, from, change, "INVALID_PAYMENT_STATE");
    }

    private SandboxPayment transition(String paymentId, SandboxPayment.Status from,
                                      java.util.function.UnaryOperator<SandboxPayment> change, String refusal) {
        var outcome = new SandboxPayment[1];
        var before = new SandboxPayment[1];
        payments.computeIfPresent(paymentId, (id, p) -> {
            before[0] = p;
            if (p.status() != from) {
                return p;
            }
            outcome[0] = change.apply(p);
            return outcome[0];
        });
        if (before[0] == null) {
            throw notFound(paymentId);
        }
        if (outcome[0] == null) {
            throw new SandboxException(409, refusal, "The payment is " + before[0].status() + ", not " + from);
        }
        return outcome[0];
    }

    private String notify(SandboxPayment payment, WebhookOptions options) {
        String type = options.type().orElse(payment.webhookType());
        var data = JSON.createObjectNode()
                .put("paymentId", payment.id())
                .put("storeId", payment.storeId())
                .put("transactionId", payment.transactionId());
        if (type.equals("Transaction.Cancelled") || type.equals("Transaction.CancelPending")) {
            payment.cancellationId().ifPresent(id -> data.put("cancellationId", id));
        }
        var body = JSON.createObjectNode()
                .put("type", type)
                .put("timestamp", clock.instant().toString());
        body.set("data", data);
        String webhookId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        var message = new WebhookSender.Message(webhookId, payment.id(), type, body.toString(),
                options.timestampOffsetSeconds(), options.forgeSignature(), options.retry());
        for (int i = 0; i < Math.max(1, options.copies()); i++) {
            webhooks.send(message);
        }
        return webhookId;
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            List<String> path = segments(exchange.getRequestURI().getRawPath());
            try {
                route(exchange, method, path);
            } catch (SandboxException e) {
                if (path.size() > 0 && path.get(0).equals("checkout")) {
                    page(exchange, e.status(), "Payment refused", "<p id=\"error\" data-code=\"" + e.type() + "\">"
                            + html(e.getMessage()) + "</p>");
                } else {
                    error(exchange, e.status(), e.type(), e.getMessage());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                error(exchange, 400, "INVALID_REQUEST", "The request is not valid: " + e.getMessage());
            } catch (RuntimeException e) {
                error(exchange, 500, "INTERNAL", e.getClass().getSimpleName());
            }
        }
    }

    private void route(HttpExchange exchange, String method, List<String> path) throws IOException {
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first) {
            case "payments" -> api(exchange, method, path);
            case "checkout" -> checkout(exchange, method, path);
            case "v2" -> {
                require(method, "GET", path.size() == 2 && path.get(1).equals("browser-sdk.js"));
                respond(exchange, 200, "text/javascript; charset=utf-8", browserSdk());
            }
            case "sandbox" -> controls(exchange, method, path);
            case "" -> page(exchange, 200, "PortOne V2 sandbox", "<p>Sandbox payment gateway of the Picktartup run"
                    + " command. API: <code>GET /payments/{paymentId}</code>, <code>POST /payments/{paymentId}/cancel"
                    + "</code>; checkout: <code>/checkout</code>; webhooks to <code>" + html(webhooks.target().toString())
                    + "</code>; deliveries: <a href=\"/sandbox/webhooks\">/sandbox/webhooks</a>.</p>");
            default -> throw new SandboxException(404, "NOT_FOUND", "No such resource");
        }
    }

    private void api(HttpExchange exchange, String method, List<String> path) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            throw new SandboxException(401, "UNAUTHORIZED", "Missing or wrong API secret");
        }
        if (path.size() == 2 && method.equals("GET")) {
            var payment = payment(path.get(1)).filter(p -> storeMatches(exchange, p)).orElseThrow(
                    () -> notFound(path.get(1)));
            json(exchange, 200, paymentJson(payment));
        } else if (path.size() == 3 && path.get(2).equals("cancel") && method.equals("POST")) {
            JsonNode body = JSON.readTree(read(exchange));
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "INVALID_REQUEST", "The body must be a JSON object");
            }
            if (body.hasNonNull("storeId") && !body.get("storeId").asText().equals(storeId)) {
                throw notFound(path.get(1));
            }
            if (body.hasNonNull("amount") && body.get("amount").asLong() != payment(path.get(1))
                    .map(SandboxPayment::amount).orElse(-1L)) {
                throw new SandboxException(400, "INVALID_REQUEST", "The sandbox cancels whole payments only");
            }
            var cancelled = cancel(path.get(1), body.path("reason").asText(""));
            var cancellation = JSON.createObjectNode()
                    .put("status", "SUCCEEDED")
                    .put("id", cancelled.cancellationId().orElseThrow())
                    .put("totalAmount", cancelled.amount())
                    .put("taxFreeAmount", 0)
                    .put("vatAmount", 0)
                    .put("reason", cancelled.cancelReason().orElseThrow())
                    .put("cancelledAt", cancelled.cancelledAt().orElseThrow().toString())
                    .put("requestedAt", cancelled.cancelledAt().orElseThrow().toString());
            var response = JSON.createObjectNode();
            response.set("cancellation", cancellation);
            json(exchange, 200, response);
        } else {
            throw new SandboxException(404, "NOT_FOUND", "No such API resource");
        }
    }

    private boolean storeMatches(HttpExchange exchange, SandboxPayment payment) {
        String requested = query(exchange).get("storeId");
        return requested == null || requested.equals(payment.storeId());
    }

    private void checkout(HttpExchange exchange, String method, List<String> path) throws IOException {
        if (path.size() == 1 && method.equals("GET")) {
            var query = query(exchange);
            var payment = open(query);
            checkoutPage(exchange, payment);
        } else if (path.size() == 2 && method.equals("POST")
                && (path.get(1).equals("approve") || path.get(1).equals("decline"))) {
            var form = form(new String(read(exchange), StandardCharsets.UTF_8));
            String paymentId = form.getOrDefault("paymentId", "");
            boolean approve = path.get(1).equals("approve");
            var payment = approve ? approve(paymentId) : decline(paymentId);
            var back = new LinkedHashMap<String, String>();
            back.put("paymentId", payment.id());
            back.put("transactionType", "PAYMENT");
            back.put("txId", payment.transactionId());
            if (!approve) {
                back.put("code", "FAILURE_TYPE_PG");
                back.put("message", DECLINE_MESSAGE);
            }
            String target = payment.redirectUrl().map(url -> withQuery(url, back)).orElse(null);
            if (target == null) {
                page(exchange, 200, approve ? "Paid" : "Declined", "<p id=\"result\">" + payment.status() + "</p>");
                return;
            }
            exchange.getResponseHeaders().set("Location", target);
            respond(exchange, 303, "text/plain; charset=utf-8", "See " + target);
        } else {
            throw new SandboxException(404, "NOT_FOUND", "No such checkout resource");
        }
    }

    /** The checkout opens a payment: creates it READY, or re-opens one that is not paid (a new attempt). */
    private SandboxPayment open(Map<String, String> query) {
        String paymentId = query.getOrDefault("paymentId", "");
        requireId(paymentId);
        String store = query.getOrDefault("storeId", storeId);
        if (!store.equals(storeId)) {
            throw new SandboxException(400, "INVALID_REQUEST", "Unknown storeId");
        }
        long amount = parseAmount(query.getOrDefault("totalAmount", query.get("amount")));
        String currency = query.getOrDefault("currency", "KRW").replace("CURRENCY_", "").toUpperCase(Locale.ROOT);
        String orderName = query.getOrDefault("orderName", "");
        Optional<String> redirectUrl = Optional.ofNullable(query.get("redirectUrl")).filter(u -> !u.isBlank());
        redirectUrl.ifPresent(PaymentSandbox::requireHttpUrl);
        Instant now = clock.instant();
        var result = new SandboxPayment[1];
        payments.compute(paymentId, (id, existing) -> {
            if (existing == null) {
                result[0] = SandboxPayment.ready(id, storeId, newTransactionId(), amount, currency, orderName,
                        redirectUrl, now);
            } else if (existing.status() == SandboxPayment.Status.PAID
                    || existing.status() == SandboxPayment.Status.CANCELLED) {
                result[0] = null;
                return existing;
            } else {
                result[0] = existing.retried(existing.status() == SandboxPayment.Status.FAILED
                        ? newTransactionId() : existing.transactionId(), amount, currency, orderName, redirectUrl, now);
            }
            return result[0];
        });
        if (result[0] == null) {
            throw new SandboxException(409, "ALREADY_PAID", "Payment " + paymentId + " is already paid");
        }
        return result[0];
    }

    private void checkoutPage(HttpExchange exchange, SandboxPayment payment) throws IOException {
        String id = html(payment.id());
        String content = """
                <p class="order" id="order-name">%s</p>
                <p class="amount" id="amount" data-amount="%d">%s %,d</p>
                <p class="note">Payment <code id="payment-id">%s</code> in the sandbox: no card is charged.</p>
                <form method="post" action="/checkout/approve"><input type="hidden" name="paymentId" value="%s">
                  <button id="approve" type="submit">Approve payment</button></form>
                <form method="post" action="/checkout/decline"><input type="hidden" name="paymentId" value="%s">
                  <button id="decline" type="submit">Decline</button></form>
                """.formatted(html(payment.orderName()), payment.amount(), html(payment.currency()),
                payment.amount(), id, id, id);
        page(exchange, 200, "Sandbox checkout", content);
    }

    private void controls(HttpExchange exchange, String method, List<String> path) throws IOException {
        // /sandbox/payments, /sandbox/payments/{id}/{approve|decline|amount|webhook}, /sandbox/webhooks
        if (path.size() == 2 && path.get(1).equals("webhooks") && method.equals("GET")) {
            String paymentId = query(exchange).get("paymentId");
            var list = JSON.createArrayNode();
            for (var d : paymentId == null ? deliveries() : deliveries(paymentId)) {
                list.addObject().put("webhookId", d.webhookId()).put("paymentId", d.paymentId())
                        .put("type", d.type()).put("attempt", d.attempt()).put("at", d.at().toString())
                        .put("status", d.status()).put("error", d.error());
            }
            json(exchange, 200, list);
            return;
        }
        if (path.size() < 2 || !path.get(1).equals("payments")) {
            throw new SandboxException(404, "NOT_FOUND", "No such sandbox control");
        }
        if (path.size() == 2 && method.equals("POST")) {
            JsonNode body = JSON.readTree(read(exchange));
            var payment = create(body.path("paymentId").asText(""),
                    SandboxPayment.Status.valueOf(body.path("status").asText("READY").toUpperCase(Locale.ROOT)),
                    parseAmount(body.path("amount").asText(null)), body.path("currency").asText("KRW"),
                    body.path("orderName").asText(""));
            json(exchange, 201, paymentJson(payment));
            return;
        }
        if (path.size() == 4 && method.equals("POST")) {
            String paymentId = path.get(2);
            switch (path.get(3)) {
                case "approve" -> json(exchange, 200, paymentJson(approve(paymentId)));
                case "decline" -> json(exchange, 200, paymentJson(decline(paymentId)));
                case "amount" -> json(exchange, 200, paymentJson(setAmount(paymentId,
                        parseAmount(JSON.readTree(read(exchange)).path("total").asText(null)))));
                case "webhook" -> {
                    byte[] raw = read(exchange);
                    JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
                    var options = new WebhookOptions(Optional.ofNullable(body.path("type").asText(null)),
                            body.path("copies").asInt(1), body.path("timestampOffsetSeconds").asLong(0),
                            body.path("forgeSignature").asBoolean(false), body.path("retry").asBoolean(true));
                    json(exchange, 202, JSON.createObjectNode().put("webhookId", sendWebhook(paymentId, options)));
                }
                default -> throw new SandboxException(404, "NOT_FOUND", "No such sandbox control");
            }
            return;
        }
        throw new SandboxException(404, "NOT_FOUND", "No such sandbox control");
    }

    /** A payment in PortOne V2's shape (the fields of {@code GET /payments/{paymentId}} the sandbox has). */
    private ObjectNode paymentJson(SandboxPayment p) {
        var json = JSON.createObjectNode()
                .put("status", p.status().name())
                .put("id", p.id())
                .put("transactionId", p.transactionId())
                .put("merchantId", MERCHANT_ID)
                .put("storeId", p.storeId())
                .put("version", "V2")
                .put("requestedAt", p.requestedAt().toString())
                .put("updatedAt", p.statusChangedAt().toString())
                .put("statusChangedAt", p.statusChangedAt().toString())
                .put("orderName", p.orderName());
        boolean paid = p.status() == SandboxPayment.Status.PAID || p.status() == SandboxPayment.Status.CANCELLED;
        boolean cancelled = p.status() == SandboxPayment.Status.CANCELLED;
        json.putObject("amount")
                .put("total", p.amount())
                .put("taxFree", 0)
                .put("vat", p.amount() / 11)
                .put("supply", p.amount() - p.amount() / 11)
                .put("discount", 0)
                .put("paid", paid ? p.amount() : 0)
                .put("cancelled", cancelled ? p.amount() : 0)
                .put("cancelledTaxFree", 0);
        json.put("currency", p.currency());
        json.putObject("channel").put("type", "TEST").put("id", "channel-sandbox").put("key", "channel-key-sandbox")
                .put("name", "Picktartup sandbox").put("pgProvider", "SANDBOX").put("pgMerchantId", "sandbox");
        json.putObject("customer");
        // where the payment was made (the V2 API has answered it since 2025; the SDK requires it: PortOneSdkContractTest)
        json.putObject("origin").put("platformType", "PC").put("ipAddress", "127.0.0.1");
        json.putArray("disputes");
        if (paid) {
            json.putObject("method").put("type", "PaymentMethodCard");
            json.put("paidAt", p.paidAt().orElse(p.statusChangedAt()).toString());
            json.put("pgTxId", "sandbox-" + p.transactionId());
        }
        p.failedAt().ifPresent(at -> {
            json.put("failedAt", at.toString());
            json.putObject("failure").put("reason", p.failureReason().orElse("")).put("pgCode", "SANDBOX_DECLINED")
                    .put("pgMessage", p.failureReason().orElse(""));
        });
        p.cancelledAt().ifPresent(at -> {
            json.put("cancelledAt", at.toString());
            json.putArray("cancellations").addObject()
                    .put("status", "SUCCEEDED")
                    .put("id", p.cancellationId().orElse(""))
                    .put("totalAmount", p.amount())
                    .put("taxFreeAmount", 0)
                    .put("vatAmount", 0)
                    .put("reason", p.cancelReason().orElse(""))
                    .put("cancelledAt", at.toString())
                    .put("requestedAt", at.toString());
        });
        return json;
    }

    private static String browserSdk() {
        // PortOne.requestPayment(request) as the real SDK takes it; here it always leaves for the checkout page
        // (the real one may instead resolve its promise in a PC browser: callers handle both)
        return """
                (function () {
                  var checkout = document.currentScript ? new URL('/checkout', document.currentScript.src).href : '/checkout';
                  function requestPayment(request) {
                    var url = new URL(checkout);
                    ['storeId', 'paymentId', 'orderName', 'totalAmount', 'currency', 'redirectUrl'].forEach(function (k) {
                      if (request[k] !== undefined && request[k] !== null) { url.searchParams.set(k, String(request[k])); }
                    });
                    window.location.assign(url.href);
                    return new Promise(function () {});
                  }
                  window.PortOne = { requestPayment: requestPayment };
                })();
                """;
    }

    // ---- small HTTP helpers ------------------------------------------------------------------------------------

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("PortOne ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring("PortOne ".length()).trim().getBytes(StandardCharsets.UTF_8),
                apiSecret.getBytes(StandardCharsets.UTF_8));
    }

    private static void require(String method, String expected, boolean pathMatches) {
        if (!pathMatches) {
            throw new SandboxException(404, "NOT_FOUND", "No such resource");
        }
        if (!method.equals(expected)) {
            throw new SandboxException(405, "METHOD_NOT_ALLOWED", "Use " + expected);
        }
    }

    private static void requireId(String paymentId) {
        if (paymentId == null || paymentId.isBlank() || paymentId.length() > 200) {
            throw new SandboxException(400, "INVALID_REQUEST", "paymentId is required (at most 200 characters)");
        }
    }

    private static void requireHttpUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(400, "INVALID_REQUEST", "redirectUrl is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new SandboxException(400, "INVALID_REQUEST", "redirectUrl must be http(s)");
        }
    }

    private static long parseAmount(String value) {
        try {
            long amount = Long.parseLong(value == null ? "" : value.trim());
            if (amount <= 0) {
                throw new NumberFormatException();
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new SandboxException(400, "INVALID_REQUEST", "totalAmount must be a positive whole number");
        }
    }

    private SandboxException notFound(String paymentId) {
        return new SandboxException(404, "PAYMENT_NOT_FOUND", "Payment " + paymentId + " was not found");
    }

    private static String newTransactionId() {
        return UUID.randomUUID().toString();
    }

    private static String newCancellationId() {
        return "cancel-" + UUID.randomUUID();
    }

    private static List<String> segments(String rawPath) {
        var segments = new ArrayList<String>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : form(raw);
    }

    private static Map<String, String> form(String encoded) {
        var values = new LinkedHashMap<String, String>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String withQuery(String url, Map<String, String> parameters) {
        var query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        return base + (base.contains("?") ? "&" : "?") + query + (hash < 0 ? "" : url.substring(hash));
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(64 * 1024);
        }
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json", body.toString());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        json(exchange, status, JSON.createObjectNode().put("type", type).put("message", message));
    }

    private static void page(HttpExchange exchange, int status, String title, String content) throws IOException {
        respond(exchange, status, "text/html; charset=utf-8", """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                button{font-size:1.1rem;padding:.6rem 1.2rem;margin:.4rem 0;width:100%%}
                #approve{background:#1a7f37;color:#fff;border:0}.amount{font-size:1.6rem;font-weight:600}
                .banner{background:#fff3cd;padding:.4rem .8rem}</style></head>
                <body><p class="banner">PortOne V2 sandbox</p><h1>%s</h1>
                %s</body></html>
                """.formatted(html(title), html(title), content));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String html(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        webhooks.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
