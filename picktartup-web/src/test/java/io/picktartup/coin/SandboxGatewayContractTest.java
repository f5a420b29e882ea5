package io.picktartup.coin;

import com.sun.net.httpserver.HttpServer;
import io.picktartup.coin.control.Payment;
import io.picktartup.coin.control.PaymentGatewayUnavailableException;
import io.picktartup.coin.control.PaymentNotCancellableException;
import io.picktartup.coin.control.PaymentSettings;
import io.picktartup.coin.control.PaymentWebhook;
import io.picktartup.coin.control.PortOneGateway;
import io.picktartup.coin.control.WebhookRejectedException;
import io.picktartup.coin.control.WebhookVerifier;
import io.picktartup.launcher.sandbox.PaymentSandbox;
import io.picktartup.launcher.sandbox.PaymentSandbox.WebhookOptions;
import io.picktartup.launcher.sandbox.SandboxPayment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox gateway against the platform's own adapter, over real HTTP: {@link PortOneGateway} looks payments
 * up and cancels them, and a small webhook receiver checks every delivery with {@link WebhookVerifier}, as the
 * platform's endpoint will. What passes here is what the application sees under the run command.
 */
class SandboxGatewayContractTest {

    private static final Duration MINUTE = Duration.ofMillis(5);

    /** One request the receiver got: its webhook id, and the verified webhook or the refusal. */
    record Received(String webhookId, Instant at, PaymentWebhook webhook, WebhookRejectedException rejection) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private PaymentSandbox sandbox;
    private PortOneGateway gateway;
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.setExecutor(Executors.newCachedThreadPool());
        sandbox = PaymentSandbox.start(0, URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + PaymentSandbox.PLATFORM_WEBHOOK_PATH), MINUTE);
        var verifier = new WebhookVerifier(List.of(sandbox.webhookSecret()), Duration.ofMinutes(5),
                Clock.systemUTC());
        receiver.createContext(PaymentSandbox.PLATFORM_WEBHOOK_PATH, exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status;
                try {
                    var webhook = verifier.verify(headers.getFirst(WebhookVerifier.HEADER_ID),
                            headers.getFirst(WebhookVerifier.HEADER_TIMESTAMP),
                            headers.getFirst(WebhookVerifier.HEADER_SIGNATURE), body);
                    received.add(new Received(webhook.webhookId(), Instant.now(), webhook, null));
                    status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                } catch (WebhookRejectedException e) {
                    received.add(new Received(headers.getFirst(WebhookVerifier.HEADER_ID), Instant.now(), null, e));
                    status = e.status();
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
        gateway = new PortOneGateway(sandbox.baseUri(), sandbox.apiSecret(), Optional.of(sandbox.storeId()),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void theWebhookPathIsTheOneThePlatformServes() {
        assertThat(PaymentSandbox.PLATFORM_WEBHOOK_PATH).isEqualTo(PaymentSettings.WEBHOOK_PATH);
        assertThat(sandbox.applicationEnvironment()).containsOnlyKeys("PICKTARTUP_PAYMENT_API_URL",
                "PICKTARTUP_PAYMENT_API_SECRET", "PICKTARTUP_PAYMENT_WEBHOOK_SECRET", "PICKTARTUP_PAYMENT_STORE_ID",
                "PICKTARTUP_PAYMENT_CHECKOUT_URL", "PICKTARTUP_PAYMENT_BROWSER_SDK_URL");
        assertThat(sandbox.toString()).doesNotContain(sandbox.apiSecret()).doesNotContain(sandbox.webhookSecret());
    }

    @Test
    void anApprovedCheckoutRedirectsSendsASignedPaidWebhookAndLooksUpAsPaid() throws Exception {
        var page = openCheckout("order-1", 50_000, "https://shop.test/coins/return?order=1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"approve\"", "id=\"decline\"", "50,000", "100 PKN &lt;test&gt;");
        assertThat(gateway.lookup("order-1")).get().extracting(Payment::status).isEqualTo(Payment.Status.READY);

        var back = pressButton("approve", "order-1");

        assertThat(back.statusCode()).isEqualTo(303);
        var location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.getHost()).isEqualTo("shop.test");
        assertThat(location.getQuery()).startsWith("order=1&paymentId=order-1").doesNotContain("code=");
        await(() -> verified("order-1").size() == 1);
        var webhook = verified("order-1").get(0);
        assertThat(webhook.type()).isEqualTo(PaymentWebhook.PAID);
        assertThat(webhook.storeId()).contains(sandbox.storeId());
        var payment = gateway.lookup("order-1").orElseThrow();
        assertThat(webhook.transactionId()).isEqualTo(payment.transactionId());
        assertThat(payment.status()).isEqualTo(Payment.Status.PAID);
        assertThat(payment.amount()).isEqualTo(50_000);
        assertThat(payment.currency()).isEqualTo("KRW");
        assertThat(payment.orderName()).isEqualTo("100 PKN <test>");
        assertThat(payment.paidAt()).isPresent();
        assertThat(payment.isPaid(50_000, "KRW")).isTrue();
        // a second approval (a replayed form post) changes nothing and sends nothing
        assertThat(pressButton("approve", "order-1").statusCode()).isEqualTo(409);
        assertThat(openCheckout("order-1", 50_000, "https://shop.test/r").statusCode()).isEqualTo(409);
    }

    @Test
    void aDeclinedCheckoutRedirectsWithAnErrorCodeAndLooksUpAsFailed() throws Exception {
        openCheckout("order-2", 10_000, "https://shop.test/return");

        var back = pressButton("decline", "order-2");

        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location").orElseThrow())
                .contains("paymentId=order-2", "code=FAILURE_TYPE_PG", "message=");
        await(() -> verified("order-2").size() == 1);
        assertThat(verified("order-2").get(0).type()).isEqualTo(PaymentWebhook.FAILED);
        var payment = gateway.lookup("order-2").orElseThrow();
        assertThat(payment.status()).isEqualTo(Payment.Status.FAILED);
        assertThat(payment.isPaid(10_000, "KRW")).isFalse();
        // the buyer may try again with the same payment id
        assertThat(openCheckout("order-2", 10_000, "https://shop.test/return").statusCode()).isEqualTo(200);
        assertThat(gateway.lookup("order-2").orElseThrow().status()).isEqualTo(Payment.Status.READY);
    }

    @Test
    void anUnknownPaymentIsAbsentNotAnError() {
        assertThat(gateway.lookup("no-such-order")).isEmpty();
        assertThat(gateway.lookup("weird id/with ?chars&")).isEmpty();
    }

    @Test
    void aWrongOrMissingApiSecretIsRefusedWith401() throws Exception {
        sandbox.create("order-3", SandboxPayment.Status.PAID, 1_000, "KRW", "1 PKN");
        var wrong = new PortOneGateway(sandbox.baseUri(), sandbox.apiSecret() + "x", Optional.empty(),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> wrong.lookup("order-3")).isInstanceOf(PaymentGatewayUnavailableException.class)
                .hasMessageContaining("401").hasMessageContaining("UNAUTHORIZED")
                .hasMessageNotContaining(sandbox.apiSecret());
        assertThatThrownBy(() -> wrong.cancel("order-3", "test")).isInstanceOf(PaymentGatewayUnavailableException.class)
                .hasMessageContaining("401");
        var bare = browser.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("payments/order-3")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(401);
        assertThat(bare.body()).contains("\"type\":\"UNAUTHORIZED\"");
        assertThat(gateway.lookup("order-3").orElseThrow().status()).isEqualTo(Payment.Status.PAID);
    }

    @Test
    void cancellingIsIdempotentAndRefusedForUnpaidPayments() {
        sandbox.create("order-4", SandboxPayment.Status.PAID, 30_000, "KRW", "30 PKN");
        sandbox.create("order-5", SandboxPayment.Status.READY, 30_000, "KRW", "30 PKN");

        var first = gateway.cancel("order-4", "Minting failed for good");
        var again = gateway.cancel("order-4", "Minting failed for good");

        assertThat(first.alreadyCancelled()).isFalse();
        assertThat(first.cancellationId()).isPresent();
        assertThat(first.amount()).isEqualTo(30_000);
        assertThat(again.alreadyCancelled()).isTrue();
        assertThat(gateway.lookup("order-4").orElseThrow().status()).isEqualTo(Payment.Status.CANCELLED);
        await(() -> verified("order-4").size() == 1);
        assertThat(verified("order-4").get(0).type()).isEqualTo(PaymentWebhook.CANCELLED);
        assertThatThrownBy(() -> gateway.cancel("order-5", "x")).isInstanceOf(PaymentNotCancellableException.class)
                .hasMessageContaining("PAYMENT_NOT_PAID");
        assertThatThrownBy(() -> gateway.cancel("order-6", "x")).isInstanceOf(PaymentNotCancellableException.class)
                .hasMessageContaining("PAYMENT_NOT_FOUND");
    }

    @Test
    void anAmountThatDiffersFromTheOrderShowsInTheLookup() throws Exception {
        openCheckout("order-7", 100_000, "https://shop.test/return");
        pressButton("approve", "order-7");
        sandbox.setAmount("order-7", 1_000);

        var payment = gateway.lookup("order-7").orElseThrow();

        assertThat(payment.status()).isEqualTo(Payment.Status.PAID);
        assertThat(payment.amount()).isEqualTo(1_000);
        assertThat(payment.isPaid(100_000, "KRW")).isFalse();
    }

    @Test
    void refusedDeliveriesAreRetriedOnTheScheduleUnderTheSameIdUntilAccepted() {
        sandbox.create("order-8", SandboxPayment.Status.PAID, 5_000, "KRW", "5 PKN");
        failuresToAnswer.set(3);

        String webhookId = sandbox.sendWebhook("order-8");

        await(() -> sandbox.deliveries("order-8").size() == 4);
        var deliveries = sandbox.deliveries("order-8");
        assertThat(deliveries).extracting(PaymentSandbox.Delivery::attempt).containsExactly(1, 2, 3, 4);
        assertThat(deliveries).extracting(PaymentSandbox.Delivery::status).containsExactly(503, 503, 503, 200);
        assertThat(deliveries).extracting(PaymentSandbox.Delivery::webhookId).containsOnly(webhookId);
        // waits of 1, 4 and 16 "minutes" between the attempts
        assertGapAtLeast(deliveries.get(0), deliveries.get(1), MINUTE.multipliedBy(1));
        assertGapAtLeast(deliveries.get(1), deliveries.get(2), MINUTE.multipliedBy(4));
        assertGapAtLeast(deliveries.get(2), deliveries.get(3), MINUTE.multipliedBy(16));
        assertThat(verified("order-8")).hasSize(4).allSatisfy(w -> assertThat(w.webhookId()).isEqualTo(webhookId));
        pause(MINUTE.multipliedBy(300));
        assertThat(sandbox.deliveries("order-8")).hasSize(4);
    }

    @Test
    void aWebhookThatIsNeverAcceptedIsTriedFiveTimesInAll() {
        sandbox.create("order-9", SandboxPayment.Status.PAID, 5_000, "KRW", "5 PKN");
        failuresToAnswer.set(1_000);

        sandbox.sendWebhook("order-9");

        await(() -> sandbox.deliveries("order-9").size() == 5);
        var deliveries = sandbox.deliveries("order-9");
        assertGapAtLeast(deliveries.get(3), deliveries.get(4), MINUTE.multipliedBy(256));
        pause(MINUTE.multipliedBy(300));
        assertThat(sandbox.deliveries("order-9")).hasSize(5).noneMatch(PaymentSandbox.Delivery::delivered);
    }

    @Test
    void forgedAndMisdatedWebhooksOnDemandAreRefusedByTheVerifier() {
        sandbox.create("order-10", SandboxPayment.Status.PAID, 5_000, "KRW", "5 PKN");

        String forged = sandbox.sendWebhook("order-10", WebhookOptions.defaults().forged().withoutRetry());
        String stale = sandbox.sendWebhook("order-10",
                WebhookOptions.defaults().timestampOffsetSeconds(-301).withoutRetry());
        String future = sandbox.sendWebhook("order-10",
                WebhookOptions.defaults().timestampOffsetSeconds(3600).withoutRetry());

        await(() -> received.size() == 3);
        assertThat(rejection(forged)).isEqualTo("payment.webhook.invalid-signature");
        assertThat(rejection(stale)).isEqualTo("payment.webhook.stale");
        assertThat(rejection(future)).isEqualTo("payment.webhook.future");
        // the sandbox records a delivery once the answer is back, after the receiver has seen it
        await(() -> sandbox.deliveries("order-10").size() == 3);
        assertThat(sandbox.deliveries("order-10")).extracting(PaymentSandbox.Delivery::status)
                .containsOnly(401, 400);
    }

    @Test
    void manyIdenticalDeliveriesAtOnce() throws Exception {
        sandbox.create("order-11", SandboxPayment.Status.PAID, 5_000, "KRW", "5 PKN");

        var response = browser.send(HttpRequest.newBuilder(sandbox.baseUri().resolve(
                        "sandbox/payments/order-11/webhook"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"copies\":20}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        await(() -> verified("order-11").size() == 20);
        assertThat(verified("order-11")).extracting(PaymentWebhook::webhookId).containsOnly(
                received.get(0).webhookId());
    }

    @Test
    void anUnreachableOrSilentGatewayIsUnavailableNotAbsent() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new PortOneGateway(URI.create("http://127.0.0.1:" + closedPort), "secret",
                Optional.empty(), Duration.ofSeconds(2));
        assertThatThrownBy(() -> unreachable.lookup("order-1")).isInstanceOf(PaymentGatewayUnavailableException.class)
                .hasMessageNotContaining("secret");

        var silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        silent.setExecutor(Executors.newCachedThreadPool());
        silent.createContext("/", exchange -> pause(Duration.ofSeconds(3)));
        silent.start();
        try {
            var slow = new PortOneGateway(URI.create("http://127.0.0.1:" + silent.getAddress().getPort()), "secret",
                    Optional.empty(), Duration.ofMillis(300));
            long begin = System.nanoTime();
            assertThatThrownBy(() -> slow.lookup("order-1")).isInstanceOf(PaymentGatewayUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        } finally {
            silent.stop(0);
        }
    }

    // ---- helpers ----

    private HttpResponse<String> openCheckout(String paymentId, long amount, String redirectUrl) throws Exception {
        String query = "storeId=" + encode(sandbox.storeId()) + "&paymentId=" + encode(paymentId)
                + "&orderName=" + encode("100 PKN <test>") + "&totalAmount=" + amount + "&currency=CURRENCY_KRW"
                + "&redirectUrl=" + encode(redirectUrl);
        return browser.send(HttpRequest.newBuilder(URI.create(sandbox.checkoutUri() + "?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> pressButton(String button, String paymentId) throws Exception {
        return browser.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("checkout/" + button))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("paymentId=" + encode(paymentId))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<PaymentWebhook> verified(String paymentId) {
        return received.stream().filter(r -> r.webhook() != null)
                .map(Received::webhook).filter(w -> w.paymentId().orElse("").equals(paymentId)).toList();
    }

    private String rejection(String webhookId) {
        return received.stream().filter(r -> webhookId.equals(r.webhookId()) && r.rejection() != null)
                .map(r -> r.rejection().code()).findFirst().orElse("accepted");
    }

    private static void assertGapAtLeast(PaymentSandbox.Delivery earlier, PaymentSandbox.Delivery later,
                                         Duration gap) {
        // the delivery times are taken in milliseconds: allow one of rounding
        assertThat(Duration.between(earlier.at(), later.at())).isGreaterThanOrEqualTo(gap.minusMillis(1));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            pause(Duration.ofMillis(10));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
