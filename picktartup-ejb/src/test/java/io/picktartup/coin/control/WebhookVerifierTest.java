package io.picktartup.coin.control;

import io.picktartup.coin.control.WebhookRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signatures below were computed outside Java, with {@code openssl dgst -sha256 -mac HMAC}, so that a
 * mistake shared by signer and verifier in this codebase cannot hide. The first vector is the Standard Webhooks
 * specification's own example.
 */
class WebhookVerifierTest {

    // Standard Webhooks' example: secret, id, timestamp, body and the resulting signature
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_TIMESTAMP = "1614265330";
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // a PortOne-shaped webhook, signed with whsec_ + base64("picktartup-test-webhook-key-0001"):
    // printf 'msg_test_1.1759309200.<BODY>' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key hex> -binary | base64
    private static final String SECRET = "whsec_cGlja3RhcnR1cC10ZXN0LXdlYmhvb2sta2V5LTAwMDE=";
    private static final String OTHER_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "a-different-secret-of-32-bytes!!".getBytes());
    private static final String ID = "msg_test_1";
    private static final String TIMESTAMP = "1759309200";
    private static final String BODY = "{\"type\":\"Transaction.Paid\",\"timestamp\":\"2025-10-01T09:00:00.000Z\","
            + "\"data\":{\"paymentId\":\"order-42\",\"storeId\":\"store-sandbox\",\"transactionId\":\"tx-0001\"}}";
    private static final String SIGNATURE = "v1,jc3WOiGfBmQui25s4A/pdr9xNWdWHnyUkDYYsuILZc0=";

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static WebhookVerifier verifierAt(String epochSeconds, String... secrets) {
        var clock = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epochSeconds)), ZoneOffset.UTC);
        return new WebhookVerifier(List.of(secrets), FIVE_MINUTES, clock);
    }

    private static WebhookVerifier verifier(String... secrets) {
        return verifierAt(TIMESTAMP, secrets);
    }

    @Test
    void acceptsAValidPortOneWebhookAndReadsIt() {
        var webhook = verifier(SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY);

        assertThat(webhook.webhookId()).isEqualTo(ID);
        assertThat(webhook.type()).isEqualTo(PaymentWebhook.PAID);
        assertThat(webhook.paymentId()).contains("order-42");
        assertThat(webhook.storeId()).contains("store-sandbox");
        assertThat(webhook.transactionId()).contains("tx-0001");
        assertThat(webhook.occurredAt()).contains(Instant.parse("2025-10-01T09:00:00Z"));
        assertThat(webhook.sentAt()).isEqualTo(Instant.ofEpochSecond(1759309200L));
        assertThat(webhook.concernsPayment()).isTrue();
    }

    @Test
    void acceptsASecretWithoutThePrefix() {
        var webhook = verifier(SECRET.substring("whsec_".length())).verify(ID, TIMESTAMP, SIGNATURE, BODY);
        assertThat(webhook.paymentId()).contains("order-42");
    }

    @Test
    void refusesAForgedSignature() {
        // one bit off in the middle (the last character before "=" carries bits the decoder drops)
        String forged = "v1,jc3XOiGfBmQui25s4A/pdr9xNWdWHnyUkDYYsuILZc0=";
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, forged, BODY), Reason.INVALID_SIGNATURE);
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, "v1,AAAA", BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertRejected(() -> verifier(OTHER_SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void acceptsAnyOfTheRotatedSecrets() {
        assertThat(verifier(OTHER_SECRET, SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY).paymentId())
                .contains("order-42");
        assertThat(verifier(SECRET, OTHER_SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY).paymentId())
                .contains("order-42");
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatches() {
        String header = "v1,bm90IHRoZSBzaWduYXR1cmUgYXQgYWxsLCBqdXN0IGJ5dGVzIQ== v1a,c29tZXRoaW5nIGVsc2U= "
                + SIGNATURE + " v1,%%%not-base64%%%";
        assertThat(verifier(SECRET).verify(ID, TIMESTAMP, header, BODY).paymentId()).contains("order-42");
    }

    @Test
    void refusesWhenNoneOfSeveralSignaturesMatches() {
        String header = "v1,bm90IHRoZSBzaWduYXR1cmUgYXQgYWxsLCBqdXN0IGJ5dGVzIQ== v2," + SIGNATURE.substring(3);
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, header, BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesATamperedBody() {
        String tampered = BODY.replace("order-42", "order-43");
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, SIGNATURE, tampered), Reason.INVALID_SIGNATURE);
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY + " "), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesATamperedIdOrTimestamp() {
        assertRejected(() -> verifier(SECRET).verify("msg_test_2", TIMESTAMP, SIGNATURE, BODY),
                Reason.INVALID_SIGNATURE);
        assertRejected(() -> verifier(SECRET).verify(ID, "1759309201", SIGNATURE, BODY), Reason.INVALID_SIGNATURE);
        // the same number written differently is not what was signed
        assertRejected(() -> verifier(SECRET).verify(ID, "0" + TIMESTAMP, SIGNATURE, BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesAStaleTimestampButAcceptsOneAtTheEdge() {
        long signedAt = Long.parseLong(TIMESTAMP);
        assertThat(verifierAt(Long.toString(signedAt + 300), SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .isNotNull();
        assertRejected(() -> verifierAt(Long.toString(signedAt + 301), SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY),
                Reason.STALE);
        assertRejected(() -> verifierAt(Long.toString(signedAt + 86_400), SECRET)
                .verify(ID, TIMESTAMP, SIGNATURE, BODY), Reason.STALE);
    }

    @Test
    void refusesAFutureTimestampButAcceptsOneAtTheEdge() {
        long signedAt = Long.parseLong(TIMESTAMP);
        assertThat(verifierAt(Long.toString(signedAt - 300), SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .isNotNull();
        assertRejected(() -> verifierAt(Long.toString(signedAt - 301), SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY),
                Reason.FUTURE);
    }

    @Test
    void aForgedStaleWebhookIsReportedAsForged() {
        long signedAt = Long.parseLong(TIMESTAMP);
        assertRejected(() -> verifierAt(Long.toString(signedAt + 3600), OTHER_SECRET)
                .verify(ID, TIMESTAMP, SIGNATURE, BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesMalformedHeaders() {
        var verifier = verifier(SECRET);
        assertRejected(() -> verifier.verify(null, TIMESTAMP, SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(" ", TIMESTAMP, SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, null, SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, "2025-10-01T09:00:00Z", SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, "-1759309200", SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, "99999999999999999999", SIGNATURE, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, null, BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, "", BODY), Reason.MALFORMED);
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, null), Reason.MALFORMED);
        // present but of no known form: nothing can match
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE.substring(3), BODY), Reason.INVALID_SIGNATURE);
        assertRejected(() -> verifier.verify(ID, TIMESTAMP, "v1,", BODY), Reason.INVALID_SIGNATURE);
    }

    @Test
    void matchesTheSpecificationsExampleThenRefusesItsBodyAsNoPortOneEvent() {
        // the signature passes (else the reason would be INVALID_SIGNATURE); the example body has no "type"
        assertRejected(() -> verifierAt(SPEC_TIMESTAMP, SPEC_SECRET).verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE,
                SPEC_BODY), Reason.UNREADABLE_BODY);
        assertRejected(() -> verifierAt(SPEC_TIMESTAMP, SECRET).verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE,
                SPEC_BODY), Reason.INVALID_SIGNATURE);
        assertRejected(() -> verifierAt(SPEC_TIMESTAMP, SPEC_SECRET).verify(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE,
                "{\"test\": 2432232315}"), Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesASignedBodyThatIsNotJson() {
        // signed with SECRET over "msg_test_1.1759309200.not json" (openssl, as above)
        assertRejected(() -> verifier(SECRET).verify(ID, TIMESTAMP, "v1,NwV3V0FWRdP/qo+tWjH00U19vkjE0QMBSHPpqiTkZ/Q=",
                "not json"), Reason.UNREADABLE_BODY);
    }

    @Test
    void rejectionsCarryStableCodesAndNoSecret() {
        var rejection = catchRejection(() -> verifier(OTHER_SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY));
        assertThat(rejection.code()).isEqualTo("payment.webhook.invalid-signature");
        assertThat(rejection.getMessage()).doesNotContain(OTHER_SECRET.substring(6), SECRET.substring(6),
                SIGNATURE.substring(3));
        assertThat(catchRejection(() -> verifierAt("1759399200", SECRET).verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .code()).isEqualTo("payment.webhook.stale");
    }

    @Test
    void refusesUnusableSecretsWithoutQuotingThem() {
        assertThatThrownBy(() -> new WebhookVerifier(List.of(), FIVE_MINUTES, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookVerifier(List.of("whsec_not*base64"), FIVE_MINUTES, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not*base64");
    }

    private static void assertRejected(Runnable verification, Reason reason) {
        assertThat(catchRejection(verification).reason()).isEqualTo(reason);
    }

    private static WebhookRejectedException catchRejection(Runnable verification) {
        try {
            verification.run();
        } catch (WebhookRejectedException e) {
            return e;
        }
        throw new AssertionError("the webhook was accepted");
    }
}
