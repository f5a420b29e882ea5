package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.picktartup.it.Accounts.PASSWORD;
import static io.picktartup.it.Accounts.body;
import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Accounts.client;
import static io.picktartup.it.Accounts.loginResponse;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account lifecycle (issue 15 item 3, ASVS 5.0 §6 and §7) through the API: change the password (other sessions
 * end at once, this one goes on), log out everywhere, an admin disables, enables and unlocks, role changes count for
 * live tokens at once, and a password that must be changed blocks everything else until it is.
 */
@ExtendWith(RunningPlatform.class)
class AccountLifecycleIT {

    private static final String NEW_PASSWORD = "a brand new passphrase for this account";

    @Test
    void changingThePasswordEndsTheOtherSessionsAtOnceAndKeepsThisOne() throws SQLException {
        var session = Accounts.Session.open("password");
        var other = Accounts.login(session.email());
        String path = "/api/accounts/" + session.id() + "/password";

        var wrong = call("PUT", path, session.accessToken(), body("currentPassword", "not it", "newPassword", NEW_PASSWORD));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        assertThat(json(wrong).getString("code")).isEqualTo("account.password-wrong");
        var weak = call("PUT", path, session.accessToken(), body("currentPassword", PASSWORD, "newPassword", "password123"));
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(AccountsIT.fields(json(weak))).containsExactly("newPassword");
        var same = call("PUT", path, session.accessToken(), body("currentPassword", PASSWORD, "newPassword", PASSWORD));
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(AccountsIT.fields(json(same))).containsExactly("newPassword");
        // nothing changed so far
        assertThat(me(other.getString("access_token")).statusCode()).isEqualTo(200);

        var changed = call("PUT", path, session.accessToken(), body("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(me(session.accessToken()).statusCode()).isEqualTo(200);
        assertThat(me(other.getString("access_token")).statusCode()).isEqualTo(401);
        assertThat(refresh(other.getString("refresh_token")).statusCode()).isEqualTo(401);
        assertThat(refresh(session.refreshToken()).statusCode()).isEqualTo(200);
        assertThat(loginResponse(session.email(), PASSWORD, client()).statusCode()).isEqualTo(401);
        assertThat(loginResponse(session.email(), NEW_PASSWORD, client()).statusCode()).isEqualTo(200);

        assertThat(audit("account.password-changed", session.id())).isEqualTo(1);
        assertThat(Mails.text(Mails.await(session.email(), "Your Picktartup password was changed", 1,
                Duration.ofSeconds(60)).get(0))).contains("every other session was logged out");
    }

    @Test
    void loggingOutEverywhereEndsEverySession() throws SQLException {
        var session = Accounts.Session.open("everywhere");
        var other = Accounts.login(session.email());
        var ended = call("DELETE", "/api/accounts/me/sessions", session.accessToken(), null);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(204);
        assertThat(me(session.accessToken()).statusCode()).isEqualTo(401);
        assertThat(me(other.getString("access_token")).statusCode()).isEqualTo(401);
        assertThat(refresh(session.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(refresh(other.getString("refresh_token")).statusCode()).isEqualTo(401);
        assertThat(loginResponse(session.email(), PASSWORD, client()).statusCode()).isEqualTo(200);
        assertThat(audit("account.logged-out-everywhere", session.id())).isEqualTo(1);
    }

    @Test
    void anAdminDisablesEnablesAndUnlocksAnAccountEffectiveAtOnce() throws SQLException {
        var investor = Accounts.Session.open("disabled");
        String admin = adminToken();
        String base = "/api/admin/accounts/" + investor.id();

        // an investor may not
        assertThat(call("POST", base + "/disable", investor.accessToken(), null).statusCode()).isEqualTo(403);

        var disabled = call("POST", base + "/disable", admin, null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled).getString("status")).isEqualTo("DISABLED");
        // its live access token stops at once, its refresh token too, and it cannot log in
        assertThat(me(investor.accessToken()).statusCode()).isEqualTo(401);
        assertThat(refresh(investor.refreshToken()).statusCode()).isEqualTo(401);
        var login = loginResponse(investor.email(), PASSWORD, client());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(403);
        assertThat(json(login).getString("code")).isEqualTo("account.disabled");
        var wrongPassword = loginResponse(investor.email(), "a wrong password", client());
        assertThat(json(wrongPassword).getString("code")).isEqualTo("auth.invalid-credentials");

        var enabled = call("POST", base + "/enable", admin, null);
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(json(enabled).getString("status")).isEqualTo("ACTIVE");
        assertThat(loginResponse(investor.email(), PASSWORD, client()).statusCode()).isEqualTo(200);

        // five wrong passwords from one address block it; the admin's unlock lifts that at once
        String guesser = client();
        for (int i = 0; i < 5; i++) {
            loginResponse(investor.email(), "guess " + i, guesser);
        }
        assertThat(loginResponse(investor.email(), PASSWORD, guesser).statusCode()).isEqualTo(429);
        assertThat(call("POST", base + "/unlock", admin, null).statusCode()).isEqualTo(200);
        assertThat(loginResponse(investor.email(), PASSWORD, guesser).statusCode()).isEqualTo(200);

        // an admin cannot lock themselves out
        var self = call("POST", "/api/admin/accounts/me/disable", admin, null);
        assertThat(self.statusCode()).isIn(400, 404);
        String adminId = json(me(admin)).getString("id");
        var selfDisable = call("POST", "/api/admin/accounts/" + adminId + "/disable", admin, null);
        assertThat(selfDisable.statusCode()).as(selfDisable.body()).isEqualTo(409);
        assertThat(json(selfDisable).getString("code")).isEqualTo("account.self-lockout");
        var selfDemote = call("PUT", "/api/admin/accounts/" + adminId + "/role", admin, body("role", "INVESTOR"));
        assertThat(json(selfDemote).getString("code")).isEqualTo("account.self-lockout");
        assertThat(me(admin).statusCode()).isEqualTo(200);

        assertThat(audit("account.disabled", investor.id())).isEqualTo(1);
        assertThat(audit("account.enabled", investor.id())).isEqualTo(1);
        assertThat(audit("account.unlocked", investor.id())).isEqualTo(1);
    }

    @Test
    void aRoleChangeCountsForLiveAccessTokensAtOnce() throws SQLException {
        var promoted = Accounts.Session.open("promoted");
        String admin = adminToken();
        assertThat(call("GET", "/api/admin/accounts?size=1", promoted.accessToken(), null).statusCode()).isEqualTo(403);
        var promote = call("PUT", "/api/admin/accounts/" + promoted.id() + "/role", admin, body("role", "ADMIN"));
        assertThat(promote.statusCode()).as(promote.body()).isEqualTo(200);
        // the same access token (its claim still says INVESTOR) acts as an admin from the next request on
        assertThat(call("GET", "/api/admin/accounts?size=1", promoted.accessToken(), null).statusCode()).isEqualTo(200);

        var demote = call("PUT", "/api/admin/accounts/" + promoted.id() + "/role", admin, body("role", "INVESTOR"));
        assertThat(demote.statusCode()).as(demote.body()).isEqualTo(200);
        // a demoted admin keeps no admin right in a live token
        var denied = call("GET", "/api/admin/accounts?size=1", promoted.accessToken(), null);
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(403);
        assertThat(me(promoted.accessToken()).statusCode()).isEqualTo(200);
        assertThat(audit("account.role-changed", promoted.id())).isEqualTo(2);
    }

    @Test
    void aPasswordThatMustBeChangedBlocksEverythingElseUntilItIs() throws SQLException {
        var session = Accounts.Session.open("must-change");
        requirePasswordChange(session.id());
        String token = session.accessToken();

        var blocked = call("GET", "/api/accounts/me/wallet", token, null);
        assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(403);
        assertThat(blocked.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(json(blocked).getString("code")).isEqualTo("account.password-change-required");
        assertThat(call("POST", "/api/accounts/me/coin-orders", token, "{\"krwAmount\":10000}").statusCode())
                .isEqualTo(403);
        var self = me(token);
        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(json(self).getBoolean("passwordChangeRequired")).isTrue();

        var changed = call("PUT", "/api/accounts/me/password", token,
                body("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        assertThat(call("GET", "/api/accounts/me/wallet", token, null).statusCode()).isEqualTo(200);
        assertThat(json(me(token)).getBoolean("passwordChangeRequired")).isFalse();

        // the first admin's initial password went the same way at the test harness's first login
        String adminId = json(me(adminToken())).getString("id");
        assertThat(audit("account.password-changed", adminId)).isGreaterThanOrEqualTo(1);
        assertThat(loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_INITIAL_PASSWORD, client())
                .statusCode()).isEqualTo(401);
    }

    // --- helpers ---

    static void requirePasswordChange(String accountId) throws SQLException {
        try (var db = RunningPlatform.database();
             var update = db.prepareStatement("update account set password_change_required = true where id = ?::uuid")) {
            update.setString(1, accountId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    static String adminToken() {
        var login = loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, client());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return json(login).getString("access_token");
    }

    private static HttpResponse<String> me(String token) {
        return call("GET", "/api/accounts/me", token, null);
    }

    private static HttpResponse<String> refresh(String token) {
        return Http.request("POST", "/api/auth/refresh", Map.of(), body("refreshToken", token));
    }

    private static long audit(String action, String subjectId) throws SQLException {
        return ChainIT.count("select count(*) from audit_event where action = '" + action + "' and subject_id = '"
                + subjectId + "'");
    }
}
