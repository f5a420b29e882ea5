package io.picktartup.mail.control;

/** A mail could not be handed to the mail server; the outbox tries again later. Carries no mail content. */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
