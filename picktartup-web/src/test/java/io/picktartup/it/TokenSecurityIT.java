package io.picktartup.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.picktartup.it.Accounts.PASSWORD;
import static io.picktartup.it.Accounts.WALLET_PASSWORD;
import static io.picktartup.it.Accounts.body;
import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 11: every protected endpoint refuses a missing, expired or tampered token with a JSON 401; another
 * user's resources answer 404 and leak nothing; an investor on an admin endpoint gets 403.
 */
@ExtendWith(RunningPlatform.class)
class TokenSecurityIT {

    private static Accounts.Session alice;
    private static Accounts.Session bob;

    private record Endpoint(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void twoInvestors() {
        alice = Accounts.Session.open("alice");
        bob = Accounts.Session.open("bob");
    }

    /** Every endpoint that needs a login, as Alice would call it on her own account. */
    private static List<Endpoint> protectedEndpoints(String accountId) {
        return List.of(
                new Endpoint("GET", "/api/accounts/" + accountId, null),
                new Endpoint("PUT", "/api/accounts/" + accountId + "/name", body("name", "X")),
                new Endpoint("PUT", "/api/accounts/" + accountId + "/email", body("email", "x@example.com", "password", "x")),
                new Endpoint("GET", "/api/accounts/" + accountId + "/wallet", null),
                new Endpoint("PUT", "/api/accounts/" + accountId + "/wallet/password",
                        body("currentWalletPassword", WALLET_PASSWORD, "newWalletPassword", "another wallet secret")),
                new Endpoint("POST", "/api/accounts/" + accountId + "/wallet/keystore", body("walletPassword", WALLET_PASSWORD)),
                new Endpoint("PUT", "/api/accounts/" + accountId + "/password",
                        body("currentPassword", PASSWORD, "newPassword", "another login passphrase")),
                new Endpoint("DELETE", "/api/accounts/" + accountId + "/sessions", null),
                new Endpoint("PUT", "/api/startups/" + accountId + "/profile", body("name", "X")),
                new Endpoint("PUT", "/api/startups/" + accountId + "/team", "[]"),
                new Endpoint("PUT", "/api/startups/" + accountId + "/figures", "[]"),
                new Endpoint("POST", "/api/startups/" + accountId + "/external-rounds", body("roundName", "Seed")),
                new Endpoint("DELETE", "/api/startups/" + accountId + "/external-rounds/" + accountId, null),
                new Endpoint("GET", "/api/admin/accounts", null),
                new Endpoint("GET", "/api/admin/accounts/" + accountId, null),
                new Endpoint("PUT", "/api/admin/accounts/" + accountId + "/category", body("category", "PROFESSIONAL")),
                new Endpoint("PUT", "/api/admin/accounts/" + accountId + "/role", body("role", "ADMIN")),
                new Endpoint("POST", "/api/admin/accounts/" + accountId + "/disable", null),
                new Endpoint("POST", "/api/admin/accounts/" + accountId + "/enable", null),
                new Endpoint("POST", "/api/admin/accounts/" + accountId + "/unlock", null),
                new Endpoint("POST", "/api/admin/startups", body("name", "X")),
                new Endpoint("GET", "/api/admin/mails", null),
                new Endpoint("GET", "/api/admin/payment-notices", null),
                new Endpoint("PUT", "/api/admin/clock", "{\"offsetSeconds\":0}"),
                new Endpoint("PUT", "/api/admin/startups/" + SOME_ID + "/valuation", "{\"valuePerShareKrw\":1}"),
                new Endpoint("POST", "/api/admin/rounds/" + SOME_ID + "/reconcile", null),
                new Endpoint("POST", "/api/admin/startups/" + SOME_ID + "/ssi", null),
                new Endpoint("POST", "/api/admin/jobs/ssi-scoring", null),
                new Endpoint("POST", "/api/admin/jobs/round-settlement", null),
                new Endpoint("GET", "/api/admin/jobs/round-settlement", null),
                new Endpoint("POST", "/api/admin/jobs/executions/1/restart", null),
                new Endpoint("GET", "/api/admin/news/sources", null),
                new Endpoint("POST", "/api/admin/news/sources", body("url", "https://example.com/feed", "kind", "RSS", "name", "X")),
                new Endpoint("DELETE", "/api/admin/news/sources/" + SOME_ID, null),
                new Endpoint("GET", "/api/admin/news/runs", null),
                new Endpoint("GET", "/api/accounts/" + accountId + "/activity", null),
                new Endpoint("GET", "/api/accounts/" + accountId + "/activity/balance", null),
                new Endpoint("GET", "/api/accounts/" + accountId + "/coin-orders", null),
                new Endpoint("GET", "/api/accounts/" + accountId + "/cash-outs", null),
                new Endpoint("POST", "/api/accounts/" + accountId + "/wallet/transfers",
                        body("to", "0x0000000000000000000000000000000000000001", "amount", "1", "walletPassword", WALLET_PASSWORD)),
                new Endpoint("GET", "/api/accounts/" + accountId + "/investments", null),
                new Endpoint("POST", "/api/rounds", body("name", "X")),
                new Endpoint("POST", "/api/rounds/" + SOME_ID + "/open", null),
                new Endpoint("POST", "/api/rounds/" + SOME_ID + "/investments", body("amount", "10")),
                new Endpoint("GET", "/api/investments/" + SOME_ID, null),
                new Endpoint("GET", "/api/investments/" + SOME_ID + "/document", null),
                new Endpoint("POST", "/api/investments/" + SOME_ID + "/sign", body("walletPassword", WALLET_PASSWORD)),
                new Endpoint("POST", "/api/investments/" + SOME_ID + "/cancel", body("walletPassword", WALLET_PASSWORD)));
    }

    private static final String SOME_ID = "6f1c3a52-8d3e-4f7a-9b0e-2c4d5e6f7a8b";

    @Test
    void everyProtectedEndpointRefusesMissingExpiredAndTamperedTokensWithAJson401() {
        String real = alice.accessToken();
        Map<String, UnaryOperator<String>> forgeries = new LinkedHashMap<>();
        forgeries.put("no token", token -> null);
        forgeries.put("expired", Tokens::expired);
        forgeries.put("alg none", Tokens::unsigned);
        forgeries.put("wrong key", Tokens::wrongKey);
        forgeries.put("wrong audience", Tokens::wrongAudience);
        forgeries.put("wrong issuer", Tokens::wrongIssuer);
        forgeries.put("admin claim, wrong key", Tokens::elevatedWithWrongKey);
        forgeries.put("garbage", token -> "not.a.jwt");
        for (var endpoint : protectedEndpoints(alice.id())) {
            for (var forgery : forgeries.entrySet()) {
                var response = call(endpoint.method(), endpoint.path(), forgery.getValue().apply(real), endpoint.body());
                String what = forgery.getKey() + " on " + endpoint;
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(json(response).getInt("status")).as(what).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
        }
        // the untampered token still works: the 401s came from the tampering alone
        assertThat(call("GET", "/api/accounts/me", real, null).statusCode()).isEqualTo(200);
        // a non-Bearer scheme is refused the same way
        var basic = Http.request("GET", "/api/accounts/me", Map.of("Authorization", "Basic YTpi"), null);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(json(basic).getString("code")).isEqualTo("auth.token-invalid");
    }

    @Test
    void anotherUsersAccountAndWalletAreNotFoundAndLeakNothing() {
        for (var endpoint : protectedEndpoints(bob.id()).subList(0, 8)) {
            HttpResponse<String> response = call(endpoint.method(), endpoint.path(), alice.accessToken(), endpoint.body());
            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(404);
            assertThat(json(response).getString("code")).isEqualTo("resource.not-found");
            assertThat(response.body()).as(endpoint.toString()).doesNotContain(bob.email())
                    .doesNotContain(bob.walletAddress()).doesNotContain(bob.walletAddress().toLowerCase());
        }
        // Bob's data are untouched and his wallet password unchanged
        var bobsView = json(call("GET", "/api/accounts/me", bob.accessToken(), null));
        assertThat(bobsView.getString("name")).isEqualTo("Test Investor");
        var export = call("POST", "/api/accounts/me/wallet/keystore", bob.accessToken(), body("walletPassword", WALLET_PASSWORD));
        assertThat(export.statusCode()).isEqualTo(200);
        // same answer for an account that does not exist at all
        assertThat(call("GET", "/api/accounts/00000000-0000-0000-0000-000000000000", alice.accessToken(), null)
                .statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/accounts/not-a-uuid", alice.accessToken(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvestorOnAdminEndpointsIsForbidden() {
        for (var endpoint : protectedEndpoints(bob.id()).stream().filter(e -> e.path().startsWith("/api/admin/")).toList()) {
            var response = call(endpoint.method(), endpoint.path(), alice.accessToken(), endpoint.body());
            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).as(endpoint.toString())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain(bob.email());
        }
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(Http.get("/api/platform").statusCode()).isEqualTo(200);
        assertThat(Http.get("/api/auth/jwks").statusCode()).isEqualTo(200);
    }
}
