package io.picktartup.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;

import static io.picktartup.it.Accounts.WALLET_PASSWORD;
import static io.picktartup.it.Accounts.body;
import static io.picktartup.it.Accounts.call;
import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wallet password change and keystore export; the exported files are opened with web3j, as any wallet would. */
@ExtendWith(RunningPlatform.class)
class WalletIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExportedKeystoreOpensWithTheWalletPasswordAtTheStoredAddress() throws Exception {
        var session = Accounts.Session.open("export");
        var wallet = json(call("GET", "/api/accounts/me/wallet", session.accessToken(), null));
        assertThat(wallet.getString("address")).isEqualTo(session.walletAddress());

        var wrong = call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", "not the wallet password"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(json(wrong).getString("code")).isEqualTo("wallet.password-wrong");

        var export = call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", WALLET_PASSWORD));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).contains("UTC--").contains(session.walletAddress().substring(2).toLowerCase()));
        var file = JSON.readValue(export.body(), WalletFile.class);
        assertThat(file.getVersion()).isEqualTo(3);
        assertThat(file.getCrypto().getKdf()).isEqualTo("scrypt");
        var key = Wallet.decrypt(WALLET_PASSWORD, file);
        assertThat(Keys.toChecksumAddress(Keys.getAddress(key))).isEqualTo(session.walletAddress());
    }

    @Test
    void changingTheWalletPasswordNeedsTheOldOneAndKeepsTheAddress() throws Exception {
        var session = Accounts.Session.open("rekey");
        String newPassword = "a brand new wallet passphrase";
        var wrongOld = call("PUT", "/api/accounts/me/wallet/password", session.accessToken(),
                body("currentWalletPassword", "guess guess guess", "newWalletPassword", newPassword));
        assertThat(wrongOld.statusCode()).isEqualTo(403);
        assertThat(json(wrongOld).getString("code")).isEqualTo("wallet.password-wrong");
        var weak = call("PUT", "/api/accounts/me/wallet/password", session.accessToken(),
                body("currentWalletPassword", null, "newWalletPassword", "12345678"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(AccountsIT.fields(json(weak))).containsExactlyInAnyOrder("currentWalletPassword", "newWalletPassword");

        var changed = call("PUT", "/api/accounts/me/wallet/password", session.accessToken(),
                body("currentWalletPassword", WALLET_PASSWORD, "newWalletPassword", newPassword));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        assertThat(call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", WALLET_PASSWORD)).statusCode()).isEqualTo(403);
        var export = call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", newPassword));
        assertThat(export.statusCode()).isEqualTo(200);
        var file = JSON.readValue(export.body(), WalletFile.class);
        var key = Wallet.decrypt(newPassword, file);
        assertThat(Keys.toChecksumAddress(Keys.getAddress(key))).isEqualTo(session.walletAddress());
        assertThatThrownBy(() -> Wallet.decrypt(WALLET_PASSWORD, file)).isInstanceOf(CipherException.class);
        assertThat(json(call("GET", "/api/accounts/me/wallet", session.accessToken(), null)).getString("address"))
                .isEqualTo(session.walletAddress());
    }

    @Test
    void wrongWalletPasswordsAreThrottled() {
        var session = Accounts.Session.open("walletthrottle");
        for (int i = 0; i < 5; i++) {
            assertThat(call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                    body("walletPassword", "guess number " + i)).statusCode()).isEqualTo(403);
        }
        var blocked = call("POST", "/api/accounts/me/wallet/keystore", session.accessToken(),
                body("walletPassword", WALLET_PASSWORD));
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    }
}
