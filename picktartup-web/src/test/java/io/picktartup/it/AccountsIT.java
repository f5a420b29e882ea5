package io.picktartup.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.Map;

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

/** Signup, login, sessions (refresh rotation, reuse, logout), throttling, profile and admin, through the API. */
@ExtendWith(RunningPlatform.class)
class AccountsIT {

    @Test
    void signupCreatesAnInvestorWithAWalletAndStoresNoSecretInClear() throws SQLException {
        String email = email("Signup");
        String longPassword = "a passphrase of seventy characters is accepted, spaces and all: 가나다!!";
        var response = signUpResponse(email, longPassword, "  Kim Investor ", WALLET_PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        // the account is written after the answer, in the transaction that queues its mail
        String token = Accounts.verificationToken(email, 1);
        // no login before the address is verified (right password: told why)
        var early = loginResponse(email, longPassword, client());
        assertThat(early.statusCode()).as(early.body()).isEqualTo(403);
        assertThat(json(early).getString("code")).isEqualTo("account.email-unverified");
        var verified = Accounts.verifyResponse(token);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        var account = json(verified);
        assertThat(account.getBoolean("emailVerified")).isTrue();
        assertThat(account.getString("email")).isEqualTo(email.toLowerCase());
        assertThat(account.getString("name")).isEqualTo("Kim Investor");
        assertThat(account.getString("role")).isEqualTo("INVESTOR");
        assertThat(account.getString("investorCategory")).isEqualTo("GENERAL");
        assertThat(account.getString("walletAddress")).matches("0x[0-9a-fA-F]{40}");
        assertThat(account.containsKey("passwordHash")).isFalse();

        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select a.password_hash, w.address, w.keystore from account a "
                     + "join wallet w on w.account_id = a.id where a.id = '" + account.getString("id") + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(longPassword);
            assertThat(rs.getString(2)).isEqualTo(account.getString("walletAddress"));
            String keystore = rs.getString(3);
            assertThat(keystore).contains("\"kdf\":\"scrypt\"").contains("\"n\":262144").contains("\"r\":8")
                    .contains("\"p\":1").doesNotContain(WALLET_PASSWORD);
        }
        // the login works with the long password, and the email is case-insensitive
        assertThat(loginResponse(email.toUpperCase(), longPassword, client()).statusCode()).isEqualTo(200);
    }

    @Test
    void aSecondSignupWithTheSameEmailAnswersAlikeAndMailsTheOwner() {
        String email = email("dup");
        var first = Accounts.signUp(email);
        var again = signUpResponse(email.toUpperCase(), "another passphrase entirely", "Someone Else", WALLET_PASSWORD);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        Mails.await(email, "Someone tried to sign up", 1, java.time.Duration.ofSeconds(60));
        // the existing account is untouched: its password, name and wallet
        assertThat(loginResponse(email, PASSWORD, client()).statusCode()).isEqualTo(200);
        assertThat(loginResponse(email, "another passphrase entirely", client()).statusCode()).isEqualTo(401);
        var session = Accounts.login(email);
        var me = json(call("GET", "/api/accounts/me", session.getString("access_token"), null));
        assertThat(me.getString("name")).isEqualTo("Test Investor");
        assertThat(me.getString("walletAddress")).isEqualTo(first.getString("walletAddress"));
    }

    @Test
    void invalidSignupNamesEveryInvalidField() {
        var response = signUpResponse("not-an-email", "short", "", "short");
        assertThat(response.statusCode()).isEqualTo(400);
        var problem = json(response);
        assertThat(problem.getString("code")).isEqualTo("request.invalid");
        assertThat(fields(problem)).contains("email", "password", "name", "walletPassword");
    }

    @Test
    void passwordPolicyRefusesCommonTooLongAndSharedPasswords() {
        var common = signUpResponse(email("common"), "password123", "A", "1qaz2wsx");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("most common");
        assertThat(fields(json(common))).containsExactlyInAnyOrder("password", "walletPassword");

        var tooLong = signUpResponse(email("long"), "x".repeat(129), "A", WALLET_PASSWORD);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(fields(json(tooLong))).containsExactly("password");

        var same = signUpResponse(email("same"), PASSWORD, "A", PASSWORD);
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(fields(json(same))).containsExactly("walletPassword");
    }

    @Test
    void loginGivesTokensAndTheJwksVerifiesThem() {
        var session = Accounts.Session.open("login");
        var me = call("GET", "/api/accounts/me", session.accessToken(), null);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(json(me).getString("id")).isEqualTo(session.id());

        var wrong = loginResponse(session.email(), "wrong password!", client());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).getString("code")).isEqualTo("auth.invalid-credentials");
        var unknown = loginResponse(email("nobody"), PASSWORD, client());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown).getString("detail")).isEqualTo(json(wrong).getString("detail"));

        var missing = Http.request("POST", "/api/auth/login", Map.of(), "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(json(missing))).contains("email", "password");

        var jwks = Http.get("/api/auth/jwks");
        assertThat(jwks.statusCode()).isEqualTo(200);
        var key = json(jwks).getJsonArray("keys").getJsonObject(0);
        assertThat(key.getString("kty")).isEqualTo("RSA");
        assertThat(key.containsKey("d")).as("no private part").isFalse();
        assertThat(Tokens.verifiesWith(session.accessToken(), jwks.body())).isTrue();
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeSession() {
        var session = Accounts.Session.open("refresh");
        var first = refresh(session.refreshToken());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        var rotated = json(first);
        assertThat(rotated.getString("refresh_token")).isNotEqualTo(session.refreshToken());
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        var second = refresh(rotated.getString("refresh_token"));
        assertThat(second.statusCode()).isEqualTo(200);
        String latestAccess = json(second).getString("access_token");
        String latestRefresh = json(second).getString("refresh_token");
        assertThat(call("GET", "/api/accounts/me", latestAccess, null).statusCode()).isEqualTo(200);

        // the first refresh token again: a copy was used; the whole family ends
        var reuse = refresh(session.refreshToken());
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(json(reuse).getString("code")).isEqualTo("auth.refresh-rejected");
        assertThat(refresh(latestRefresh).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/accounts/me", latestAccess, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/accounts/me", session.accessToken(), null).statusCode()).isEqualTo(401);

        // a new login starts a new session
        assertThat(call("GET", "/api/accounts/me", Accounts.login(session.email()).getString("access_token"), null)
                .statusCode()).isEqualTo(200);
        assertThat(refresh("made-up-token").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutRevokesTheSession() {
        var session = Accounts.Session.open("logout");
        var other = Accounts.login(session.email());
        var logout = Http.request("POST", "/api/auth/logout", Map.of(), body("refreshToken", session.refreshToken()));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(refresh(session.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/accounts/me", session.accessToken(), null).statusCode()).isEqualTo(401);
        // another session of the same account is untouched
        assertThat(call("GET", "/api/accounts/me", other.getString("access_token"), null).statusCode()).isEqualTo(200);
        // logout with the access token alone ends that session too
        assertThat(call("POST", "/api/auth/logout", other.getString("access_token"), "{}").statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/accounts/me", other.getString("access_token"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsFromOneAddressBlockThatAddressForTheAccount() {
        String email = email("throttle");
        Accounts.signUp(email);
        String guesser = client();
        for (int i = 0; i < 5; i++) {
            assertThat(loginResponse(email, "wrong password " + i, guesser).statusCode()).isEqualTo(401);
        }
        var blocked = loginResponse(email, PASSWORD, guesser);
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(429);
        assertThat(json(blocked).getString("code")).isEqualTo("auth.too-many-attempts");
        assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
        // the guesser's block is not the owner's
        assertThat(loginResponse(email, PASSWORD, client()).statusCode()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressBlockThatAddressForEveryAccount() {
        String email = email("victim");
        Accounts.signUp(email);
        String attacker = "203.0.113.77";
        for (int i = 0; i < 50; i++) {
            var response = loginResponse(email("spray" + i), "Spring2024!" + i, attacker);
            assertThat(response.statusCode()).as("attempt " + i).isEqualTo(401);
        }
        var blocked = loginResponse(email, PASSWORD, attacker);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        // the account itself is not blocked: from another address it logs in
        assertThat(loginResponse(email, PASSWORD, client()).statusCode()).isEqualTo(200);
    }

    @Test
    void ownerRenamesAndChangesEmailWithThePassword() {
        var session = Accounts.Session.open("profile");
        var renamed = call("PUT", "/api/accounts/me/name", session.accessToken(), body("name", "Lee Investor"));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).getString("name")).isEqualTo("Lee Investor");
        var badName = call("PUT", "/api/accounts/me/name", session.accessToken(), body("name", " "));
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(fields(json(badName))).containsExactly("name");

        String newEmail = email("moved");
        var wrong = call("PUT", "/api/accounts/" + session.id() + "/email", session.accessToken(),
                body("email", newEmail, "password", "not my password"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(wrong).getString("code")).isEqualTo("account.password-wrong");
        var taken = call("PUT", "/api/accounts/me/email", session.accessToken(),
                body("email", RunningPlatform.ADMIN_EMAIL, "password", PASSWORD));
        assertThat(taken.statusCode()).isEqualTo(409);
        var changed = call("PUT", "/api/accounts/me/email", session.accessToken(),
                body("email", newEmail, "password", PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(loginResponse(newEmail, PASSWORD, client()).statusCode()).isEqualTo(200);
        assertThat(loginResponse(session.email(), PASSWORD, client()).statusCode()).isEqualTo(401);
    }

    /**
     * GET /api/accounts/me is remembered for a moment (Profiles): the owner's own change and an admin's change on this
     * instance show at once; a change this instance did not make (another cluster member's, here written straight
     * into the database) shows within the recheck interval (picktartup.auth.session-recheck, 2 s).
     */
    @Test
    void myProfileIsRememberedForAMomentButAChangeShowsAtOnce() throws Exception {
        var session = Accounts.Session.open("remembered");
        String token = session.accessToken();
        assertThat(json(call("GET", "/api/accounts/me", token, null)).getString("name")).isNotEqualTo("Park Remembered");
        assertThat(call("PUT", "/api/accounts/me/name", token, body("name", "Park Remembered")).statusCode())
                .isEqualTo(200);
        assertThat(json(call("GET", "/api/accounts/me", token, null)).getString("name")).isEqualTo("Park Remembered");
        assertThat(json(call("GET", "/api/accounts/" + session.id(), token, null)).getString("name"))
                .isEqualTo("Park Remembered");

        // an admin's change, in another request: the next read shows it
        assertThat(json(call("GET", "/api/accounts/me", token, null)).getString("investorCategory")).isEqualTo("GENERAL");
        String adminToken = json(loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, client()))
                .getString("access_token");
        assertThat(call("PUT", "/api/admin/accounts/" + session.id() + "/category", adminToken,
                body("category", "QUALIFIED")).statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/api/accounts/me", token, null)).getString("investorCategory"))
                .isEqualTo("QUALIFIED");

        // a change this instance never saw: within the recheck interval (2 s) and a margin for a busy machine
        assertThat(json(call("GET", "/api/accounts/me", token, null)).getString("name")).isEqualTo("Park Remembered");
        try (var db = RunningPlatform.database();
             var update = db.prepareStatement("update account set name = 'Park Elsewhere' where id = ?::uuid")) {
            update.setString(1, session.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        long changed = System.nanoTime();
        String seen = null;
        while (!"Park Elsewhere".equals(seen) && System.nanoTime() - changed < 6_000_000_000L) {
            seen = json(call("GET", "/api/accounts/me", token, null)).getString("name");
            Thread.sleep(50);
        }
        assertThat(seen).isEqualTo("Park Elsewhere");
        assertThat((System.nanoTime() - changed) / 1_000_000).as("ms until the other instance's change showed")
                .isLessThan(4_000);

        // someone else's id is still nobody's business, remembered or not
        var other = Accounts.Session.open("remembered-other");
        assertThat(call("GET", "/api/accounts/" + other.id(), token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theConfiguredAdminSetsAnInvestorsCategoryAndAnInvestorMayNot() throws SQLException {
        var investor = Accounts.Session.open("classified");
        var admin = json(loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, client()));
        String adminToken = admin.getString("access_token");

        var set = call("PUT", "/api/admin/accounts/" + investor.id() + "/category", adminToken,
                body("category", "QUALIFIED"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).getString("investorCategory")).isEqualTo("QUALIFIED");
        assertThat(json(call("GET", "/api/accounts/me", investor.accessToken(), null)).getString("investorCategory"))
                .isEqualTo("QUALIFIED");
        var bad = call("PUT", "/api/admin/accounts/" + investor.id() + "/category", adminToken,
                body("category", "VIP"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(json(bad))).containsExactly("category");
        assertThat(call("GET", "/api/admin/accounts?size=100", adminToken, null).statusCode()).isEqualTo(200);

        var denied = call("PUT", "/api/admin/accounts/" + investor.id() + "/category", investor.accessToken(),
                body("category", "PROFESSIONAL"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select investor_category from account where id = '"
                     + investor.id() + "'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("QUALIFIED");
        }
        try (var db = RunningPlatform.database();
             var rs = db.createStatement().executeQuery("select old_value, new_value from audit_event where "
                     + "action = 'account.category-changed' and subject_id = '" + investor.id() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "->" + rs.getString(2)).isEqualTo("GENERAL->QUALIFIED");
        }
    }

    @Test
    void everyAccountEndpointIsInTheOpenApiDescription() {
        var openapi = Http.get("/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/auth/signup", "/api/auth/login", "/api/auth/refresh",
                "/api/auth/logout", "/api/auth/jwks", "/api/accounts/{id}:", "/api/accounts/{id}/name",
                "/api/accounts/{id}/email", "/api/accounts/{id}/wallet:", "/api/accounts/{id}/wallet/password",
                "/api/accounts/{id}/wallet/keystore", "/api/admin/accounts:", "/api/admin/accounts/{id}:",
                "/api/admin/accounts/{id}/category", "bearer");
    }

    private static java.net.http.HttpResponse<String> refresh(String token) {
        return Http.request("POST", "/api/auth/refresh", Map.of(), body("refreshToken", token));
    }

    static java.util.List<String> fields(JsonObject problem) {
        return problem.getJsonArray("violations").stream()
                .map(v -> ((JsonString) v.asJsonObject().get("field")).getString()).distinct().toList();
    }
}
