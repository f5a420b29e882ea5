package io.picktartup.launcher.sandbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers webhooks as PortOne does: signed per Standard Webhooks, re-signed with a fresh timestamp on every
 * attempt under the same {@code webhook-id}, and retried on anything but a 2xx after 1, 4, 16 and 256 minutes
 * (one "minute" is configurable, so that tests can compress the schedule). Every attempt is recorded.
 */
final class WebhookSender implements AutoCloseable {

    /** Minutes to wait before each attempt, the first one included: PortOne's schedule. */
    static final List<Integer> SCHEDULE_MINUTES = List.of(0, 1, 4, 16, 256);

    /** What to send, and how. */
    record Message(String webhookId, String paymentId, String type, String body, long timestampOffsetSeconds,
                   boolean forgeSignature, boolean retry) {
    }

    private final URI target;
    private final SecretKeySpec key;
    private final Duration minute;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final List<PaymentSandbox.Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    WebhookSender(URI target, byte[] secret, Duration minute, Clock clock) {
        this.target = target;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.minute = minute;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        this.senders = Executors.newCachedThreadPool(daemon("sandbox-webhook"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("sandbox-webhook-timer"));
    }

    /** Sends now, on another thread; the retries follow the schedule. */
    void send(Message message) {
        submit(message, 1);
    }

    List<PaymentSandbox.Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    URI target() {
        return target;
    }

    private void submit(Message message, int attempt) {
        try {
            senders.execute(() -> attempt(message, attempt));
        } catch (RejectedExecutionException e) {
            // closing: the sandbox is going away with its undelivered webhooks, as a stopped gateway would
        }
    }

    private void attempt(Message message, int attempt) {
        Instant now = clock.instant();
        String timestamp = Long.toString(now.getEpochSecond() + message.timestampOffsetSeconds());
        String signature = message.forgeSignature() ? randomSignature() : sign(message, timestamp);
        var request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", message.webhookId())
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + signature)
                .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                .build();
        int status;
        String error = "";
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        deliveries.add(new PaymentSandbox.Delivery(message.webhookId(), message.paymentId(), message.type(), attempt,
                now, status, error));
        boolean delivered = status >= 200 && status < 300;
        if (!delivered && message.retry() && attempt < SCHEDULE_MINUTES.size()) {
            long delay = minute.toNanos() * SCHEDULE_MINUTES.get(attempt);
            try {
                timer.schedule(() -> submit(message, attempt + 1), delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    private String sign(Message message, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signed = mac.doFinal((message.webhookId() + "." + timestamp + "." + message.body())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private String randomSignature() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
