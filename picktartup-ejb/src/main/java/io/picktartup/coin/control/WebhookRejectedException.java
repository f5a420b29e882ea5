package io.picktartup.coin.control;

import io.picktartup.platform.entity.BusinessException;

/**
 * A webhook that must not be acted on. The codes are stable: an admin view and the tests branch on them. The
 * message never contains a secret or an expected signature.
 */
public class WebhookRejectedException extends BusinessException {

    /** Why a webhook was refused. */
    public enum Reason {
        /** A header is missing or not of the Standard Webhooks form. */
        MALFORMED("payment.webhook.malformed"),
        /** No {@code v1} signature matches the body under any configured secret. */
        INVALID_SIGNATURE("payment.webhook.invalid-signature"),
        /** The timestamp is further in the past than the tolerance (a replay, or a very late retry). */
        STALE("payment.webhook.stale"),
        /** The timestamp is further in the future than the tolerance. */
        FUTURE("payment.webhook.future"),
        /** Correctly signed, but the body is not a webhook the platform understands. */
        UNREADABLE_BODY("payment.webhook.unreadable-body");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public WebhookRejectedException(Reason reason, String message) {
        super(reason.code(), reason == Reason.INVALID_SIGNATURE ? 401 : 400, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String title() {
        return "Webhook rejected";
    }
}
