package io.picktartup.it;

import io.picktartup.launcher.sandbox.PayoutSandbox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payouts through the sandbox bank-transfer API (KFTC Open Banking's shape): a payout the bank cannot be asked about
 * is retried under its one request id, then its PKN are minted back to the wallet once and the holder is mailed; an
 * account held by someone else is refused before anything is signed; cash-outs and transfers have daily limits.
 * The platform runs with 3 attempts 1 s, 2 s apart (RunningPlatform), payout runs every 10 s.
 */
@ExtendWith(RunningPlatform.class)
class PayoutIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);

    @Test
    void aPayoutFailingAtTheProviderIsRetriedThenReturnedToTheWalletOnceWithANotice() throws Exception {
        var holder = Accounts.Session.open("payout-return");
        Funding.fund(holder.walletAddress(), 10);
        String account = newAccountNumber();
        payouts().failTransfers(account, PayoutSandbox.Failure.UNAVAILABLE);

        var accepted = cashOut(holder, "4", account);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Http.json(accepted).getString("id");

        var returned = await(holder, id, "RETURNED", Duration.ofSeconds(120));
        assertThat(returned.getString("status")).isEqualTo("RETURNED");
        // the balance is whole again: burned, then minted back exactly once
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.TEN));
        assertThat(ChainIT.count("select count(*) from chain_transaction where business_key = 'payout-return:" + id
                + "' and status = 'CONFIRMED'")).isEqualTo(1);
        // three attempts, all under the payout's one request id (the provider's idempotency key), then given up
        var attempts = payouts().attempts(account);
        assertThat(attempts).hasSize(3).allMatch(a -> a.status() == 503);
        assertThat(attempts.stream().map(PayoutSandbox.Attempt::bankTranId).distinct()).hasSize(1)
                .containsExactly(ChainIT.strings("select request_id from payout where cash_out_id = '" + id + "'")
                        .get(0));
        assertThat(ChainIT.strings("select status || ' ' || attempts || ' ' || coalesce(account_number, 'wiped')"
                + " from payout where cash_out_id = '" + id + "'")).containsExactly("RETURNED 3 wiped");
        assertThat(payouts().paidTo(account)).isZero();
        assertThat(ChainIT.strings("select action from audit_event where subject_id = '" + id + "' order by id"))
                .containsSubsequence("coin.cash-out-requested", "coin.cash-out-burned", "coin.payout-attempt-failed",
                        "coin.payout-attempt-failed", "coin.payout-attempt-failed", "coin.payout-returning",
                        "coin.cash-out-returned");
        var notice = awaitMail(holder.email(), "returned to your wallet");
        assertThat(notice.getContent().toString()).contains("4 PKN").contains("₩4,000").contains(id);

        // nothing happens twice: later payout runs find nothing to do, one mail, one return
        Thread.sleep(11_000);
        assertThat(payouts().attempts(account)).hasSize(3);
        assertThat(mailsTo(holder.email(), "returned to your wallet")).hasSize(1);
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.TEN));
    }

    @Test
    void aPayoutTheBankRefusesIsReturnedAtOnceAndAPaidOneIsPaidOnce() throws Exception {
        var holder = Accounts.Session.open("payout-refused");
        Funding.fund(holder.walletAddress(), 10);
        String refusing = newAccountNumber();
        payouts().failTransfers(refusing, PayoutSandbox.Failure.REFUSED);
        String id = Http.json(cashOut(holder, "3", refusing)).getString("id");
        await(holder, id, "RETURNED", Duration.ofSeconds(90));
        assertThat(payouts().attempts(refusing)).hasSize(1);
        assertThat(ChainIT.strings("select last_error from payout where cash_out_id = '" + id + "'").get(0))
                .contains("822");

        String good = newAccountNumber();
        String paid = Http.json(cashOut(holder, "2", good)).getString("id");
        var view = await(holder, paid, "PAID", Duration.ofSeconds(90));
        assertThat(view.getString("payoutReference")).isNotBlank();
        assertThat(payouts().paidTo(good)).isEqualTo(2_000);
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(8)));
    }

    @Test
    void aPayoutAccountHeldUnderAnotherNameIsRefusedAndNothingIsBurned() throws Exception {
        var holder = Accounts.Session.open("payout-mismatch");
        Funding.fund(holder.walletAddress(), 10);
        String someoneElses = newAccountNumber();
        payouts().registerAccount("090", someoneElses, "박타인");

        var refused = cashOut(holder, "4", someoneElses);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        var problem = Http.json(refused);
        assertThat(problem.getString("code")).isEqualTo("coin.payout-holder-mismatch");
        assertThat(refused.body()).contains("accountNumber").doesNotContain("박타인");
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'")).isZero();
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.TEN));

        // the same account registered under the holder's own name ("Test Investor", spelled as the bank writes it)
        String own = newAccountNumber();
        payouts().registerAccount("090", own, "TEST  INVESTOR");
        assertThat(cashOut(holder, "1", own).statusCode()).isEqualTo(202);
    }

    @Test
    void cashOutsAndTransfersOffThePlatformHaveDailyLimits() throws Exception {
        var holder = Accounts.Session.open("velocity");
        Funding.fund(holder.walletAddress(), 400);

        assertThat(cashOut(holder, "150", newAccountNumber()).statusCode()).isEqualTo(202);
        var overAmount = cashOut(holder, "60", newAccountNumber());
        assertThat(overAmount.statusCode()).as(overAmount.body()).isEqualTo(429);
        var problem = Http.json(overAmount);
        assertThat(problem.getString("code")).isEqualTo("coin.cash-out-limit");
        assertThat(problem.getJsonObject("extensions").getString("used")).isEqualTo("150000");
        assertThat(problem.getJsonObject("extensions").getString("limit")).isEqualTo("200000");

        assertThat(transfer(holder, "150").statusCode()).isEqualTo(202);
        awaitNoHolds(holder);
        var overTransfer = transfer(holder, "60");
        assertThat(overTransfer.statusCode()).as(overTransfer.body()).isEqualTo(429);
        assertThat(Http.json(overTransfer).getString("code")).isEqualTo("wallet.transfer-limit");
        // what is under the limit still goes
        assertThat(transfer(holder, "40").statusCode()).isEqualTo(202);
        assertThat(ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'"))
                .isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from wallet_transfer where account_id = '" + holder.id() + "'"))
                .isEqualTo(2);
    }

    @Test
    void anAdminSeesPayoutsWithTheirAttemptsAndAnInvestorMayNot() throws Exception {
        var holder = Accounts.Session.open("payout-admin");
        Funding.fund(holder.walletAddress(), 5);
        String id = Http.json(cashOut(holder, "1", newAccountNumber())).getString("id");
        await(holder, id, "PAID", Duration.ofSeconds(90));
        var list = Accounts.call("GET", "/api/admin/payouts?status=PAID&limit=1000", Funding.admin(), null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain("accountNumber");
        var bad = Accounts.call("GET", "/api/admin/payouts?status=LOST", Funding.admin(), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"status\"");
        assertThat(Accounts.call("GET", "/api/admin/payouts", holder.accessToken(), null).statusCode())
                .isEqualTo(403);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static PayoutSandbox payouts() {
        return RunningPlatform.platform().payoutSandbox();
    }

    static String newAccountNumber() {
        return "3333" + (100_000_000L + ThreadLocalRandom.current().nextLong(899_999_999L));
    }

    static HttpResponse<String> cashOut(Accounts.Session holder, String amount, String accountNumber) {
        return Accounts.call("POST", "/api/accounts/me/cash-outs", holder.accessToken(), Json.createObjectBuilder()
                .add("amount", amount).add("walletPassword", Accounts.WALLET_PASSWORD).add("bankCode", "090")
                .add("accountNumber", accountNumber).add("holderName", "Test Investor").build().toString());
    }

    static HttpResponse<String> transfer(Accounts.Session holder, String amount) throws Exception {
        return Accounts.call("POST", "/api/accounts/me/wallet/transfers", holder.accessToken(),
                Json.createObjectBuilder().add("to", ChainIT.newAddress()).add("amount", amount)
                        .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString());
    }

    /** Waits until no movement of the wallet is on its way (a transfer takes the wallet's one signed slot). */
    static void awaitNoHolds(Accounts.Session holder) throws Exception {
        ChainIT.await("the wallet's movements landed", () -> {
            try {
                return ChainIT.count("select count(*) from wallet_operation_in_flight where wallet_address = lower('"
                        + holder.walletAddress() + "')") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30));
    }

    static JsonObject await(Accounts.Session holder, String id, String status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            try (var reader = Json.createReader(new StringReader(
                    Accounts.call("GET", "/api/accounts/me/cash-outs", holder.accessToken(), null).body()))) {
                for (var item : reader.readArray().getValuesAs(JsonObject.class)) {
                    if (item.getString("id").equals(id)) {
                        last = item;
                    }
                }
            }
            if (last != null && status.equals(last.getString("status"))) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("cash-out " + id + " did not reach " + status + ": " + last);
    }

    static List<jakarta.mail.internet.MimeMessage> mailsTo(String address, String subject) {
        return Arrays.stream(RunningPlatform.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(subject)
                        && Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    static jakarta.mail.internet.MimeMessage awaitMail(String address, String subject) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var found = mailsTo(address, subject);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail '" + subject + "' to " + address);
    }

}
