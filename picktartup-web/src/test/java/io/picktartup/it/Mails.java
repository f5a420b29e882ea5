package io.picktartup.it;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** The mails the platform sent to the tests' GreenMail server. */
final class Mails {

    private Mails() {
    }

    static List<MimeMessage> to(String recipient) {
        return Arrays.stream(RunningPlatform.mail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static List<MimeMessage> to(String recipient, String subjectPart) {
        return to(recipient).stream().filter(m -> subject(m).contains(subjectPart)).toList();
    }

    /** Waits until {@code count} mails to the recipient whose subject contains {@code subjectPart} arrived. */
    static List<MimeMessage> await(String recipient, String subjectPart, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var mails = to(recipient, subjectPart);
            if (mails.size() >= count) {
                return mails;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(count + " mail(s) \"" + subjectPart + "\" to " + recipient + " did not arrive within "
                + timeout + "; received: " + to(recipient).stream().map(Mails::subject).toList());
    }

    static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage mail) {
        try {
            return (String) mail.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Predicate<MimeMessage> subjectContains(String part) {
        return m -> subject(m).contains(part);
    }
}
