package io.picktartup.mail.control;

/** Hands one plain-text mail to the outside world; {@link SmtpMailer} is the real one. */
public interface Mailer {

    /**
     * Sends the mail or throws {@link MailDeliveryException}: the server was unreachable, timed out or refused it.
     *
     * @param messageId a stable id of this mail (sent as the Message-ID, so a receiver can drop a repeated delivery)
     */
    void send(String messageId, String recipient, String subject, String body);
}
