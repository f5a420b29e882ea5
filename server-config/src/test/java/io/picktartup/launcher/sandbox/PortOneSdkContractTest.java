package io.picktartup.launcher.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.portone.sdk.server.PortOneClient;
import io.portone.sdk.server.common.Currency;
import io.portone.sdk.server.errors.WebhookVerificationException;
import io.portone.sdk.server.payment.CancelledPayment;
import io.portone.sdk.server.payment.FailedPayment;
import io.portone.sdk.server.payment.PaidPayment;
import io.portone.sdk.server.payment.ReadyPayment;
import io.portone.sdk.server.webhook.WebhookTransactionPaid;
import io.portone.sdk.server.webhook.WebhookVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds the payment sandbox to PortOne's official JVM server SDK ({@code io.portone:server-sdk}), so the sandbox
 * cannot drift from the real gateway unnoticed: the SDK's own client reads the sandbox's payment look-ups into its
 * payment types (status, amount, currency, times), and the SDK's own {@code WebhookVerifier} accepts the sandbox's
 * webhooks (and refuses a forged one) and reads them into its webhook types.
 */
class PortOneSdkContractTest {

    /** A webhook as the platform would receive it. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    private static HttpServer receiver;
    private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static PaymentSandbox sandbox;
    private static PortOneClient sdk;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                var headers = exchange.getRequestHeaders();
                RECEIVED.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        sandbox = PaymentSandbox.start(0, URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + PaymentSandbox.PLATFORM_WEBHOOK_PATH), Duration.ofMillis(50));
        String base = sandbox.baseUri().toString();
        sdk = new PortOneClient(sandbox.apiSecret(), base.substring(0, base.length() - 1), sandbox.storeId());
    }

    @AfterAll
    static void stop() throws Exception {
        if (sdk != null) {
            sdk.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void thePortOneSdkReadsEveryPaymentStateOfTheSandboxIntoItsOwnTypes() throws Exception {
        sandbox.create("pkn-sdk-paid", SandboxPayment.Status.PAID, 12_000, "KRW", "12 PKN");
        sandbox.create("pkn-sdk-ready", SandboxPayment.Status.READY, 3_000, "KRW", "3 PKN");
        sandbox.create("pkn-sdk-failed", SandboxPayment.Status.FAILED, 4_000, "KRW", "4 PKN");
        sandbox.create("pkn-sdk-cancelled", SandboxPayment.Status.CANCELLED, 5_000, "KRW", "5 PKN");

        var paid = sdk.getPayment().getPayment("pkn-sdk-paid").get(10, TimeUnit.SECONDS);
        assertThat(paid).isInstanceOf(PaidPayment.class);
        var p = (PaidPayment) paid;
        assertThat(p.getId()).isEqualTo("pkn-sdk-paid");
        assertThat(p.getStoreId()).isEqualTo(sandbox.storeId());
        assertThat(p.getAmount().getTotal()).isEqualTo(12_000L);
        assertThat(p.getCurrency()).isEqualTo(Currency.Krw.INSTANCE);
        assertThat(p.getOrderName()).isEqualTo("12 PKN");
        assertThat(p.getPaidAt()).isBefore(Instant.now().plusSeconds(1));

        assertThat(sdk.getPayment().getPayment("pkn-sdk-ready").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ReadyPayment.class);
        assertThat(sdk.getPayment().getPayment("pkn-sdk-failed").get(10, TimeUnit.SECONDS))
                .isInstanceOf(FailedPayment.class);
        var cancelled = sdk.getPayment().getPayment("pkn-sdk-cancelled").get(10, TimeUnit.SECONDS);
        assertThat(cancelled).isInstanceOf(CancelledPayment.class);
        assertThat(((CancelledPayment) cancelled).getCancellations()).hasSize(1);
    }

    @Test
    void thePortOneSdkSeesTheSandboxsErrorsAsThePortOneErrorsTheyAre() {
        assertThatThrownBy(() -> sdk.getPayment().getPayment("pkn-sdk-unknown").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(io.portone.sdk.server.errors.PaymentNotFoundException.class);
        try (var wrongSecret = new PortOneClient("not-the-secret", sandbox.baseUri().toString().replaceAll("/$", ""),
                sandbox.storeId())) {
            assertThatThrownBy(() -> wrongSecret.getPayment().getPayment("pkn-sdk-unknown").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(io.portone.sdk.server.errors.UnauthorizedException.class);
        }
    }

    @Test
    void theSandboxsWebhooksVerifyWithThePortOneSdksOwnVerifierAndAForgedOneDoesNot() throws Exception {
        RECEIVED.clear();
        sandbox.create("pkn-sdk-webhook", SandboxPayment.Status.READY, 7_000, "KRW", "7 PKN");
        sandbox.approve("pkn-sdk-webhook");
        var delivered = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(delivered).as("the sandbox's Transaction.Paid webhook").isNotNull();

        var verifier = new WebhookVerifier(sandbox.webhookSecret());
        var webhook = verifier.verify(delivered.body(), delivered.id(), delivered.signature(), delivered.timestamp());
        assertThat(webhook).isInstanceOf(WebhookTransactionPaid.class);
        var data = ((WebhookTransactionPaid) webhook).getData();
        assertThat(data.getPaymentId()).isEqualTo("pkn-sdk-webhook");
        assertThat(data.getStoreId()).isEqualTo(sandbox.storeId());
        assertThat(data.getTransactionId()).isNotBlank();

        sandbox.sendWebhook("pkn-sdk-webhook", PaymentSandbox.WebhookOptions.defaults().forged().withoutRetry());
        var forged = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(forged).isNotNull();
        assertThatThrownBy(() -> verifier.verify(forged.body(), forged.id(), forged.signature(), forged.timestamp()))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
