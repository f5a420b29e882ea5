package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.picktartup.it.Accounts.PASSWORD;
import static io.picktartup.it.Accounts.WALLET_PASSWORD;
import static io.picktartup.it.Accounts.body;
import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Accounts.client;
import static io.picktartup.it.Accounts.email;
import static io.picktartup.it.Accounts.loginResponse;
import static io.picktartup.it.Accounts.signUpResponse;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signup abuse (issue 15 item 2): every well-formed signup answers alike and in alike time whether the address has an
 * account or not (the owner is mailed instead); the signups of one client address are limited (counted atomically);
 * a burst of signups does not delay an investor's signing; no login before the address is verified.
 */
@ExtendWith(RunningPlatform.class)
class SignupAbuseIT {

    @Test
    void aSignupAnswersTheSameWayInTheSameTimeWhetherTheEmailExistsOrNot() {
        String existing = email("taken");
        Accounts.signUp(existing);
        int rounds = 7;
        List<Long> fresh = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        List<String> freshEmails = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            String newEmail = email("fresh" + i);
            freshEmails.add(newEmail);
            // alternate which goes first, so a warmer or a busier moment favours neither
            HttpResponse<String> a;
            HttpResponse<String> b;
            long aNanos;
            long bNanos;
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                a = signUpResponse(newEmail, PASSWORD, "Fresh Investor", WALLET_PASSWORD);
                long t1 = System.nanoTime();
                b = signUpResponse(existing, "another passphrase " + i, "Fresh Investor", WALLET_PASSWORD);
                aNanos = t1 - t0;
                bNanos = System.nanoTime() - t1;
            } else {
                long t0 = System.nanoTime();
                b = signUpResponse(existing, "another passphrase " + i, "Fresh Investor", WALLET_PASSWORD);
                long t1 = System.nanoTime();
                a = signUpResponse(newEmail, PASSWORD, "Fresh Investor", WALLET_PASSWORD);
                bNanos = t1 - t0;
                aNanos = System.nanoTime() - t1;
            }
            assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
            assertThat(b.statusCode()).as(b.body()).isEqualTo(202);
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.headers().firstValue("Content-Type")).isEqualTo(a.headers().firstValue("Content-Type"));
            assertThat(b.headers().firstValue("Location")).isEmpty();
            if (i > 0) { // the first round warms both paths up
                fresh.add(aNanos);
                taken.add(bNanos);
            }
        }
        long freshMedian = median(fresh);
        long takenMedian = median(taken);
        // each round's two signups ran back to back, so they met much the same load: their difference over their
        // mean takes out the load of the moment, which moved single samples 1.4-3.9 s apart in CI runs (a median of
        // five and a least of seven, compared across rounds, failed under it), and the median over the rounds drops
        // the rounds another runtime disturbed. Under CI's load that median still came out at -31 % and +15 % in two
        // runs of the same code (either kind the slower), so the bound is 60 %: an early answer for a taken address
        // (no Argon2id, no scrypt: ~0.1 of the work) is ~150 % apart in every round, whatever the load.
        List<Long> relative = new ArrayList<>(); // per-mille
        for (int i = 0; i < fresh.size(); i++) {
            relative.add((fresh.get(i) - taken.get(i)) * 2_000 / (fresh.get(i) + taken.get(i)));
        }
        long relativeMedian = median(relative);
        System.out.printf("[figure] signup.new-email.median: %d ms%n[figure] signup.existing-email.median: %d ms%n"
                + "[figure] signup.paired-difference.median: %.1f %%%n", freshMedian / 1_000_000,
                takenMedian / 1_000_000, relativeMedian / 10.0);
        assertThat(Math.abs(relativeMedian)).as("new vs existing, each round's difference over its mean: median "
                        + "%.1f %% (rounds: new %s ms vs existing %s ms)", relativeMedian / 10.0, millis(fresh),
                millis(taken)).isLessThanOrEqualTo(600);

        // the difference is in the mails only: the new addresses get a link, the owner is told someone tried
        for (String newEmail : freshEmails) {
            Mails.await(newEmail, Accounts.VERIFICATION_SUBJECT, 1, Duration.ofSeconds(60));
        }
        var attempts = Mails.await(existing, "Someone tried to sign up", rounds + 1, Duration.ofSeconds(60));
        assertThat(Mails.text(attempts.get(0))).contains("이미 계정이 있으므로", "nothing was changed")
                .doesNotContain("token=");
        assertThat(Mails.to(existing, Accounts.VERIFICATION_SUBJECT)).hasSize(1); // its own, from its signup
        // the existing account kept its password
        assertThat(loginResponse(existing, PASSWORD, client()).statusCode()).isEqualTo(200);
        assertThat(loginResponse(existing, "another passphrase 1", client()).statusCode()).isEqualTo(401);
    }

    @Test
    void theSignupsOfOneAddressAreLimitedAndCountedAtomically() throws Exception {
        String address = "198.18.7.1";
        int limit = 10;
        int burst = limit + 4;
        var pool = Executors.newFixedThreadPool(burst);
        List<String> emails = new ArrayList<>();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                String newEmail = email("limited" + i);
                emails.add(newEmail);
                answers.add(pool.submit(() -> signUpResponse(newEmail, PASSWORD, "Limited", WALLET_PASSWORD, address)));
            }
            int accepted = 0;
            int busy = 0;
            int refused = 0;
            for (var answer : answers) {
                var response = answer.get();
                if (response.statusCode() == 202) {
                    accepted++;
                } else if (response.statusCode() == 503) {
                    // past the limit's count, then waited too long for the signups' derivation slot (a busy machine)
                    assertThat(json(response).getString("code")).isEqualTo("wallet.busy");
                    busy++;
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                            assertThat(type).startsWith("application/problem+json"));
                    assertThat(json(response).getString("code")).isEqualTo("auth.too-many-attempts");
                    assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                            assertThat(Long.parseLong(seconds)).isBetween(1L, 3601L));
                    refused++;
                }
            }
            System.out.printf("[figure] signup-limit.burst: %d accepted, %d busy, %d refused of %d%n", accepted, busy,
                    refused, burst);
            // exactly the limit got past the count, whatever the timing; the rest were refused before any work
            assertThat(accepted + busy).isEqualTo(limit);
            assertThat(refused).isEqualTo(burst - limit);
            assertThat(accepted).isPositive();
            // a refused or busy signup changed nothing: exactly the accepted ones have an account (written after
            // their answers, each with its mail: once every accepted one's mail is there, the count is final)
            String counted = "select count(*) from account where email in ('"
                    + String.join("','", emails.stream().map(String::toLowerCase).toList()) + "')";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ChainIT.count(counted) < accepted && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(ChainIT.count("select count(*) from mail_message m where m.recipient in ('"
                    + String.join("','", emails.stream().map(String::toLowerCase).toList()) + "')"))
                    .isEqualTo(accepted);
            assertThat(ChainIT.count(counted)).isEqualTo(accepted);
        } finally {
            pool.shutdownNow();
        }
        // another address still signs up
        var other = signUpResponse(email("elsewhere"), PASSWORD, "Elsewhere", WALLET_PASSWORD, "198.18.7.2");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(202);
    }

    /** Milliseconds waited for a wallet key derivation slot, per pool (signing, signup). */
    private static final String SLOT_WAIT = "wallet_kdf_slot_wait_milliseconds_total";

    @Test
    void aBurstOfSignupsDoesNotDelayAnInvestorsSigning() throws Exception {
        var investor = Accounts.Session.open("signer");
        Callable<Long> export = () -> {
            long t0 = System.nanoTime();
            var response = call("POST", "/api/accounts/me/wallet/keystore", investor.accessToken(),
                    body("walletPassword", WALLET_PASSWORD));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return System.nanoTime() - t0;
        };
        export.call(); // warm-up
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            alone.add(export.call());
        }
        int burst = 12;
        var pool = Executors.newFixedThreadPool(burst);
        List<Long> during = new ArrayList<>();
        List<Future<HttpResponse<String>>> signups = new ArrayList<>();
        var lastSignupEnded = new java.util.concurrent.atomic.AtomicLong();
        long firstSigningStarted;
        long signingWaitBefore;
        long signupWaitBefore;
        long signingWait;
        try {
            for (int i = 0; i < burst; i++) {
                String newEmail = email("burst" + i);
                String address = client();
                signups.add(pool.submit(() -> {
                    var response = signUpResponse(newEmail, PASSWORD, "Burst", WALLET_PASSWORD, address);
                    lastSignupEnded.accumulateAndGet(System.nanoTime(), Math::max);
                    return response;
                }));
            }
            Thread.sleep(500); // the burst is under way: hashing, then queueing for the signups' derivation slot
            signingWaitBefore = CoinPurchaseIT.metric(SLOT_WAIT, "pool=\"signing\"");
            signupWaitBefore = CoinPurchaseIT.metric(SLOT_WAIT, "pool=\"signup\"");
            firstSigningStarted = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                during.add(export.call());
            }
            signingWait = CoinPurchaseIT.metric(SLOT_WAIT, "pool=\"signing\"") - signingWaitBefore;
            for (var signup : signups) {
                var response = signup.get();
                // 503 wallet.busy: a signup that waited too long for the signups' own slot (never a signing slot)
                assertThat(response.statusCode()).as(response.body()).isIn(202, 503);
            }
        } finally {
            pool.shutdownNow();
        }
        long overlap = lastSignupEnded.get() - firstSigningStarted;
        long signupWait = CoinPurchaseIT.metric(SLOT_WAIT, "pool=\"signup\"") - signupWaitBefore;
        long aloneMedian = median(alone);
        long duringMedian = median(during);
        System.out.printf("[figure] signing.alone.median: %d ms%n[figure] signing.during-signup-burst.median: %d ms%n"
                        + "[figure] signup-burst.still-running-after-first-signing-began: %d ms%n"
                        + "[figure] signing.slot-wait.during-signup-burst: %d ms (3 signings)%n"
                        + "[figure] signup.slot-wait.burst: %d ms%n",
                aloneMedian / 1_000_000, duringMedian / 1_000_000, overlap / 1_000_000, signingWait, signupWait);
        // the signings ran while the burst was still on its way: the signups queued for their own slot meanwhile
        assertThat(overlap).isPositive();
        assertThat(signupWait).as("the burst queued for the signups' slot").isPositive();
        // and were not held behind it: no signing waited for a slot (held behind the burst's derivations, each would
        // wait for several of them, seconds). Their wall time is no test of that on CI's busy cores (CPU shared with
        // the burst's hashing made it 0.8x to 3.1x the time alone); the time waited for a slot is.
        assertThat(signingWait).as("signing waited for a derivation slot during the burst (%d ms; %d ms alone,"
                + " %d ms during)", signingWait, aloneMedian / 1_000_000, duringMedian / 1_000_000).isLessThan(250);
    }

    @Test
    void noLoginBeforeVerificationAndASecondSignupTakesAnUnverifiedAddressOver() throws SQLException {
        String email = email("pending");
        assertThat(signUpResponse(email, PASSWORD, "First Try", WALLET_PASSWORD).statusCode()).isEqualTo(202);
        String firstToken = Accounts.verificationToken(email, 1); // the account is written with its mail
        var early = loginResponse(email, PASSWORD, client());
        assertThat(early.statusCode()).as(early.body()).isEqualTo(403);
        assertThat(json(early).getString("code")).isEqualTo("account.email-unverified");
        // a wrong password learns nothing more than for any account
        var wrong = loginResponse(email, "not the password at all", client());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).getString("code")).isEqualTo("auth.invalid-credentials");

        assertThat(signUpResponse(email, "the second passphrase", "Second Try", WALLET_PASSWORD).statusCode())
                .isEqualTo(202);
        String secondToken = Accounts.verificationToken(email, 2);
        var replaced = Accounts.verifyResponse(firstToken);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(400);
        assertThat(replaced.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json(replaced).getString("code")).isEqualTo("account.verification-invalid");

        var verified = Accounts.verifyResponse(secondToken);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).getString("name")).isEqualTo("Second Try");
        assertThat(json(verified).getBoolean("emailVerified")).isTrue();
        assertThat(Accounts.verifyResponse(secondToken).statusCode()).isEqualTo(400); // single use
        assertThat(Accounts.verifyResponse("no-such-token").statusCode()).isEqualTo(400);
        assertThat(loginResponse(email, PASSWORD, client()).statusCode()).isEqualTo(401);
        assertThat(loginResponse(email, "the second passphrase", client()).statusCode()).isEqualTo(200);
        Mails.await(email, "Welcome to Picktartup", 1, Duration.ofSeconds(60));
        assertThat(ChainIT.count("select count(*) from audit_event where action in ('account.signed-up', "
                + "'account.signup-restarted', 'account.email-verified') and subject_id = '"
                + json(verified).getString("id") + "'")).isEqualTo(3);
    }

    private static List<Long> millis(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1_000_000).toList();
    }

    private static long median(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
