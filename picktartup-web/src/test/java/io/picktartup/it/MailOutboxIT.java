package io.picktartup.it;

import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail outbox end to end: a verified signup's welcome mail reaches a real SMTP server (GreenMail), and with the server
 * down the mail waits, retried and counted, and arrives exactly once when the server is back.
 */
@ExtendWith(RunningPlatform.class)
class MailOutboxIT {

    @Test
    void aNewAccountReceivesItsWelcomeMailInKoreanAndEnglish() throws Exception {
        String email = Accounts.email("welcome");
        JsonObject account = Accounts.signUp(email);
        String wallet = account.getString("walletAddress");

        // the welcome mail follows the verification of the address (Accounts.signUp follows the mailed link)
        MimeMessage mail = Mails.await(email, "Welcome to Picktartup", 1, Duration.ofSeconds(30)).get(0);
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(email);
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@picktartup.test");
        assertThat(mail.getSubject()).isEqualTo("Picktartup에 오신 것을 환영합니다 / Welcome to Picktartup");
        assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("UTF-8");
        assertThat((String) mail.getContent()).contains("Test Investor님", "지갑 주소: " + wallet,
                "비밀번호를 잊으면 플랫폼도", "Your wallet address: " + wallet, "cannot recover your wallet");

        var row = mailRow(email);
        assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", "0")
                .containsEntry("business_key", "welcome:" + account.getString("id"));

        // admins see it; an investor may not look
        var login = Accounts.loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, Accounts.client());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String adminToken = Http.json(login).getString("access_token");
        var listing = Accounts.call("GET", "/api/admin/mails?status=sent&limit=1000", adminToken, null);
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        assertThat(listing.body()).contains(email, "\"status\":\"SENT\"").doesNotContain("\"status\":\"QUEUED\"");
        assertThat(Accounts.call("GET", "/api/admin/mails?status=lost", adminToken, null).statusCode()).isEqualTo(400);
        var investor = Accounts.login(email).getString("access_token");
        assertThat(Accounts.call("GET", "/api/admin/mails", investor, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aMailWaitsWhileTheServerIsDownAndArrivesExactlyOnceAfter() throws Exception {
        String email = Accounts.email("smtp-down");
        RunningPlatform.stopSmtp();
        try {
            // the signup's verification mail
            var signup = Accounts.signUpResponse(email, Accounts.PASSWORD, "Test Investor", Accounts.WALLET_PASSWORD);
            assertThat(signup.statusCode()).as(signup.body()).isEqualTo(202);
            // the sender tried, failed, counted it and keeps the mail for a retry
            var waiting = awaitRow(email, r -> !"0".equals(r.get("attempts")), Duration.ofSeconds(30));
            assertThat(waiting.get("status")).isEqualTo("QUEUED");
            assertThat(Integer.parseInt(waiting.get("attempts"))).isGreaterThanOrEqualTo(1);
            assertThat(waiting.get("last_error")).isNotBlank();
            assertThat(ChainIT.count("select count(*) from mail_message where status = 'QUEUED'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(Http.get("/metrics").body()).contains("mail_queued").contains("mail_attempts_failed_total");
        } finally {
            RunningPlatform.startSmtp();
        }

        awaitMails(email, 1, Duration.ofSeconds(30));
        var sent = awaitRow(email, r -> "SENT".equals(r.get("status")), Duration.ofSeconds(30));
        assertThat(Integer.parseInt(sent.get("attempts"))).isGreaterThanOrEqualTo(1);
        // exactly once: wait until the sender has run past this mail (another one sent after it), then count again
        String probe = Accounts.email("after-smtp-down");
        Accounts.signUp(probe);
        awaitMails(probe, 1, Duration.ofSeconds(30));
        assertThat(mailsTo(email)).hasSize(1);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(RunningPlatform.mail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(recipient));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> awaitMails(String recipient, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var mails = mailsTo(recipient);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " within " + timeout + "; outbox: " + safeRow(recipient));
    }

    private static Map<String, String> awaitRow(String recipient, java.util.function.Predicate<Map<String, String>> condition,
                                                Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            last = mailRow(recipient);
            if (!last.isEmpty() && condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the mail to " + recipient + " did not reach the expected state; last: " + last);
    }

    private static Map<String, String> safeRow(String recipient) {
        try {
            return mailRow(recipient);
        } catch (Exception e) {
            return Map.of("error", e.toString());
        }
    }

    private static Map<String, String> mailRow(String recipient) throws java.sql.SQLException {
        try (var connection = RunningPlatform.database();
             var query = connection.prepareStatement("""
                     select business_key, status, attempts::text, last_error, sent_at::text from mail_message
                     where recipient = ? order by created_at desc limit 1""")) {
            query.setString(1, recipient);
            var rs = query.executeQuery();
            if (!rs.next()) {
                return Map.of();
            }
            var row = new java.util.HashMap<String, String>();
            for (String column : List.of("business_key", "status", "attempts", "last_error", "sent_at")) {
                row.put(column, rs.getString(column));
            }
            return row;
        }
    }
}
