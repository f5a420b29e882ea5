package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import static io.picktartup.it.Accounts.PASSWORD;
import static io.picktartup.it.Accounts.WALLET_PASSWORD;
import static io.picktartup.it.Accounts.body;
import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Accounts.client;
import static io.picktartup.it.Accounts.email;
import static io.picktartup.it.Accounts.loginResponse;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing in bursts, as an attacker would: every attempt is counted before its password is checked, so a
 * burst checks at most the limit; the guesser's lockout is not the owner's.
 */
@ExtendWith(RunningPlatform.class)
class BruteForceIT {

    private static final int BURST = 40;
    private static final int LIMIT = 5;
    private static final Pattern CHECKS = Pattern.compile(
            "(?m)^auth_password_checks_total\\{mp_scope=\"application\"} ([0-9.]+)");

    @Test
    void fortyConcurrentWrongLoginsCheckAtMostFivePasswordsAndTheOwnerStillLogsIn() throws Exception {
        String email = email("burst");
        Accounts.signUp(email);
        String attacker = client();
        long before = passwordChecks();

        var answers = concurrently(BURST, i -> loginResponse(email, "guess number " + i, attacker));

        long checked = answers.stream().filter(r -> r.statusCode() == 401).count();
        long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
        long hashes = passwordChecks() - before;
        System.out.printf("[brute force] %d concurrent wrong passwords: %d checked (401), %d refused (429), "
                + "%d password hashes computed%n", BURST, checked, refused, hashes);
        assertThat(checked + refused).isEqualTo(BURST);
        assertThat(checked).isLessThanOrEqualTo(LIMIT);
        assertThat(hashes).isLessThanOrEqualTo(LIMIT);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> {
                    assertThat(json(r).getString("code")).isEqualTo("auth.too-many-attempts");
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                });
        // the right password from the guesser's address is refused too (it cannot tell the guesser from the owner)
        assertThat(loginResponse(email, PASSWORD, attacker).statusCode()).isEqualTo(429);
        // the owner, from anywhere else, is not locked out
        var owner = loginResponse(email, PASSWORD, client());
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void guessesSpreadOverManyAddressesReachTheAccountCeilingWhichAnAdminLifts() {
        String email = email("ceiling");
        String id = Accounts.signUp(email).getString("id");
        // the ceiling (20 by default) from 20 addresses, 1 guess each: no address reaches its own limit
        for (int i = 0; i < 20; i++) {
            assertThat(loginResponse(email, "spread guess " + i, client()).statusCode()).as("guess " + i)
                    .isEqualTo(401);
        }
        var blocked = loginResponse(email, PASSWORD, client());
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);

        String adminToken = json(loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, client()))
                .getString("access_token");
        var investor = Accounts.Session.open("notadmin");
        assertThat(call("POST", "/api/admin/accounts/" + id + "/unlock", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/admin/accounts/" + id + "/unlock", investor.accessToken(), null).statusCode())
                .isEqualTo(403);
        var unlock = call("POST", "/api/admin/accounts/" + id + "/unlock", adminToken, null);
        assertThat(unlock.statusCode()).as(unlock.body()).isEqualTo(200);
        var owner = loginResponse(email, PASSWORD, client());
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginDoesNotCountAgainstTheAccount() {
        String email = email("regular");
        Accounts.signUp(email);
        String home = client();
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertThat(loginResponse(email, PASSWORD, home).statusCode()).as("login " + i).isEqualTo(200);
        }
        for (int i = 0; i < LIMIT - 1; i++) {
            assertThat(loginResponse(email, "typo " + i, home).statusCode()).isEqualTo(401);
        }
        assertThat(loginResponse(email, PASSWORD, home).statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstOfWrongWalletPasswordsChecksAtMostFive() throws Exception {
        var session = Accounts.Session.open("walletburst");
        var answers = concurrently(BURST, i -> call("POST", "/api/accounts/me/wallet/keystore",
                session.accessToken(), body("walletPassword", "guess number " + i)));
        long checked = answers.stream().filter(r -> r.statusCode() == 403).count();
        long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
        System.out.printf("[brute force] %d concurrent wrong wallet passwords: %d checked, %d refused%n",
                BURST, checked, refused);
        assertThat(checked + refused).isEqualTo(BURST);
        assertThat(checked).isBetween(1L, (long) LIMIT);
        assertThat(call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", WALLET_PASSWORD)).statusCode()).isEqualTo(429);
    }

    @Test
    void aBurstOfWrongPasswordsAskedAgainChecksAtMostFive() throws Exception {
        var session = Accounts.Session.open("reauthburst");
        var answers = concurrently(BURST, i -> call("PUT", "/api/accounts/me/email", session.accessToken(),
                body("email", email("moved"), "password", "guess number " + i)));
        long checked = answers.stream().filter(r -> r.statusCode() == 403).count();
        long refused = answers.stream().filter(r -> r.statusCode() == 429).count();
        System.out.printf("[brute force] %d concurrent wrong passwords asked again: %d checked, %d refused%n",
                BURST, checked, refused);
        assertThat(checked + refused).isEqualTo(BURST);
        assertThat(checked).isBetween(1L, (long) LIMIT);
    }

    /** Sends n requests at once (released together by a latch); their answers. */
    private static List<HttpResponse<String>> concurrently(int n, IntFunction<HttpResponse<String>> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            start.countDown();
            var answers = new ArrayList<HttpResponse<String>>();
            for (var future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long passwordChecks() {
        var matcher = CHECKS.matcher(Http.get("/metrics").body());
        assertThat(matcher.find()).as("the auth_password_checks_total metric").isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
