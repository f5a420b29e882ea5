package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers for the account API: sign up, log in, call with a token. Each test uses fresh accounts. */
final class Accounts {

    static final String PASSWORD = "correct horse battery staple";
    static final String WALLET_PASSWORD = "wallet: seven wonders of Seoul";
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    private Accounts() {
    }

    /** A unique email for this run. */
    static String email(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A client address of its own (the tests speak through a trusted proxy): keeps throttle counts apart. */
    static String client() {
        int n = CLIENTS.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static String body(Object... keysAndValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null) {
                builder.addNull((String) keysAndValues[i]);
            } else {
                builder.add((String) keysAndValues[i], value.toString());
            }
        }
        return builder.build().toString();
    }

    /** A signup from a client address of its own (signups are limited per address). */
    static HttpResponse<String> signUpResponse(String email, String password, String name, String walletPassword) {
        return signUpResponse(email, password, name, walletPassword, client());
    }

    static HttpResponse<String> signUpResponse(String email, String password, String name, String walletPassword,
                                               String client) {
        return Http.request("POST", "/api/auth/signup", Map.of("X-Forwarded-For", client), body("email", email,
                "password", password, "name", name, "walletPassword", walletPassword));
    }

    static final String VERIFICATION_SUBJECT = "Confirm your email address";
    private static final Pattern TOKEN = Pattern.compile("verify\\.xhtml\\?token=([A-Za-z0-9_-]+)");

    /** Signs up and follows the mailed verification link; returns the account (id, email, walletAddress…). */
    static JsonObject signUp(String email) {
        int before = Mails.to(email, VERIFICATION_SUBJECT).size();
        var response = signUpResponse(email, PASSWORD, "Test Investor", WALLET_PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        var verified = verifyResponse(verificationToken(email, before + 1));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return Http.json(verified);
    }

    /** The token of the {@code nth} verification mail to the address (waits for it). */
    static String verificationToken(String email, int nth) {
        var mail = Mails.await(email, VERIFICATION_SUBJECT, nth, Duration.ofSeconds(60)).get(nth - 1);
        Matcher matcher = TOKEN.matcher(Mails.text(mail));
        assertThat(matcher.find()).as("a verification link in " + Mails.text(mail)).isTrue();
        return matcher.group(1);
    }

    static HttpResponse<String> verifyResponse(String token) {
        return Http.request("POST", "/api/auth/verify", Map.of(), body("token", token));
    }

    static HttpResponse<String> loginResponse(String email, String password, String client) {
        return Http.request("POST", "/api/auth/login", Map.of("X-Forwarded-For", client),
                body("email", email, "password", password));
    }

    /** Logs in; returns the token response. */
    static JsonObject login(String email) {
        var response = loginResponse(email, PASSWORD, client());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    static Map<String, String> bearer(String accessToken) {
        var headers = new HashMap<String, String>();
        headers.put("Authorization", "Bearer " + accessToken);
        return headers;
    }

    static HttpResponse<String> call(String method, String path, String accessToken, String json) {
        return Http.request(method, path, accessToken == null ? Map.of() : bearer(accessToken), json);
    }

    /** An account with its tokens, ready to call the API. */
    record Session(String id, String email, String walletAddress, String accessToken, String refreshToken) {
        static Session open(String prefix) {
            String email = Accounts.email(prefix);
            var account = Accounts.signUp(email);
            var tokens = Accounts.login(email);
            return new Session(account.getString("id"), email, account.getString("walletAddress"),
                    tokens.getString("access_token"), tokens.getString("refresh_token"));
        }
    }
}
