package io.picktartup.mail.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;

/**
 * Sends through the server's JavaMail resource {@code mail/picktartup} (host, port, sender and the SMTP connect and
 * read timeouts come from server-config's post-boot script). Plain text in UTF-8.
 */
@ApplicationScoped
public class SmtpMailer implements Mailer {

    @Resource(lookup = "mail/picktartup")
    Session session;

    @Override
    public void send(String messageId, String recipient, String subject, String body) {
        try {
            var message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + messageId + "@picktartup>");
                }
            };
            String from = session.getProperty("mail.from");
            if (from != null && !from.isBlank()) {
                message.setFrom(new InternetAddress(from, true));
            } else {
                message.setFrom();
            }
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(recipient, true));
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailDeliveryException(describe(e), e);
        }
    }

    /** The failure's kind and the server's or the network's own words: no credentials, no mail content. */
    private static String describe(MessagingException e) {
        var text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause() != null ? e.getCause() : e.getNextException();
        if (cause != null && cause != e) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage())
                    .append(')');
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}
