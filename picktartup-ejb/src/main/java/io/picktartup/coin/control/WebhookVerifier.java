package io.picktartup.coin.control;

import io.picktartup.coin.control.WebhookRejectedException.Reason;
import io.picktartup.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a webhook as the Standard Webhooks specification (which PortOne V2 follows) defines it: the signature
 * header holds one or more space-separated {@code v1,<base64 HMAC-SHA256>} entries over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the base64-decoded secret ({@code whsec_} prefix
 * dropped). A webhook passes if any entry matches under any configured secret (both sides may rotate), compared in
 * constant time, and if its timestamp is within the tolerance of now, either way. Only then is the body parsed.
 */
@ApplicationScoped
public class WebhookVerifier {

    public static final String HEADER_ID = "webhook-id";
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_SIGNATURE = "webhook-signature";

    private static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC = "HmacSHA256";
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private List<SecretKeySpec> keys;
    private Duration tolerance;
    private Clock clock;

    /** For the container's proxy only. */
    protected WebhookVerifier() {
    }

    @Inject
    WebhookVerifier(PaymentSettings settings) {
        this(settings.webhookSecrets(), settings.webhookTolerance(), Clock.systemUTC());
    }

    /**
     * @param secrets   {@code whsec_<base64>} (or bare base64) secrets, any of which may have signed a webhook
     * @param tolerance how far the signed timestamp may be from now
     * @param clock     what "now" is
     */
    public WebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed");
        }
        var decoded = new ArrayList<SecretKeySpec>();
        for (String secret : secrets) {
            String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
            byte[] key;
            try {
                key = Base64.getDecoder().decode(base64.trim());
            } catch (IllegalArgumentException e) {
                // the message must not quote the secret
                throw new IllegalArgumentException("a webhook secret is not valid base64 (after the whsec_ prefix)");
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("a webhook secret is empty");
            }
            decoded.add(new SecretKeySpec(key, HMAC));
        }
        this.keys = List.copyOf(decoded);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Verifies one delivery and returns what it says.
     *
     * @param id        the {@code webhook-id} header
     * @param timestamp the {@code webhook-timestamp} header (seconds since the epoch)
     * @param signature the {@code webhook-signature} header
     * @param body      the request body exactly as received
     * @throws WebhookRejectedException when anything is missing, forged, out of time, or unreadable
     */
    public PaymentWebhook verify(String id, String timestamp, String signature, String body) {
        if (id == null || id.isBlank() || timestamp == null || signature == null || signature.isBlank()
                || body == null) {
            throw new WebhookRejectedException(Reason.MALFORMED, "A Standard Webhooks header or the body is missing");
        }
        if (!TIMESTAMP.matcher(timestamp.trim()).matches()) {
            throw new WebhookRejectedException(Reason.MALFORMED, "webhook-timestamp is not a number of seconds");
        }
        long seconds = Long.parseLong(timestamp.trim());
        // signed as sent: the header's digits, not a re-formatted number
        byte[] signed = (id + "." + timestamp.trim() + "." + body).getBytes(StandardCharsets.UTF_8);
        if (!anySignatureMatches(signature, signed)) {
            throw new WebhookRejectedException(Reason.INVALID_SIGNATURE,
                    "No v1 signature of webhook " + id + " matches a configured webhook secret");
        }
        Instant sentAt = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sentAt.isBefore(now.minus(tolerance))) {
            throw new WebhookRejectedException(Reason.STALE, "Webhook " + id + " was signed at " + sentAt
                    + ", more than " + tolerance.toSeconds() + " s ago");
        }
        if (sentAt.isAfter(now.plus(tolerance))) {
            throw new WebhookRejectedException(Reason.FUTURE, "Webhook " + id + " is dated " + sentAt
                    + ", more than " + tolerance.toSeconds() + " s ahead");
        }
        return parse(id, body, sentAt);
    }

    private boolean anySignatureMatches(String header, byte[] signed) {
        var candidates = new ArrayList<byte[]>();
        for (String entry : header.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue; // other versions (e.g. v1a, asymmetric) are not ours to check
            }
            try {
                candidates.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                // an undecodable entry matches nothing; another entry may still match
            }
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, signed);
            for (byte[] candidate : candidates) {
                // no early exit: every comparison is made, each in constant time
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return match;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static PaymentWebhook parse(String id, String body, Instant sentAt) {
        JsonObject json;
        try {
            json = Jsons.object(body);
        } catch (JsonException | IllegalStateException e) {
            throw new WebhookRejectedException(Reason.UNREADABLE_BODY, "Webhook " + id + " is not a JSON object");
        }
        String type = text(json, "type").orElseThrow(() ->
                new WebhookRejectedException(Reason.UNREADABLE_BODY, "Webhook " + id + " has no type"));
        Optional<Instant> occurredAt;
        try {
            occurredAt = text(json, "timestamp").map(t -> OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(Reason.UNREADABLE_BODY, "Webhook " + id + " has an unreadable timestamp");
        }
        JsonObject data = json.get("data") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return new PaymentWebhook(id, type, occurredAt, text(data, "paymentId"), text(data, "storeId"),
                text(data, "transactionId"), sentAt);
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s && !s.getString().isBlank()
                ? Optional.of(s.getString()) : Optional.empty();
    }
}
