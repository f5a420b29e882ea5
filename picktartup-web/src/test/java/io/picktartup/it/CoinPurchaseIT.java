package io.picktartup.it;

import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.sandbox.PaymentSandbox.WebhookOptions;
import io.picktartup.launcher.sandbox.SandboxPayment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buying PKN through the sandbox gateway, from the gateway's side: webhooks are verified, the payment is looked
 * up, a PAID payment of exactly the order's amount mints once through the outbox, and every attack (duplicates in
 * a burst, forged or stale signatures, another amount, a payment that is not paid) leaves no second or wrong mint
 * and a notice an admin can see. A mint that fails for good gives the card payment back.
 */
@ExtendWith(RunningPlatform.class)
class CoinPurchaseIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);
    private static Web3j web3j;
    private static PicktartupToken token;
    private static Accounts.Session buyer;

    @BeforeAll
    static void connect() {
        buyer = Accounts.Session.open("coin-buyer");
        web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        token = PicktartupToken.load(RunningPlatform.platform().contracts().get("token"), web3j,
                new RawTransactionManager(web3j, Platform.devAccount(0), 31337),
                new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(200_000)));
    }

    @AfterAll
    static void disconnect() {
        web3j.shutdown();
    }

    @Test
    void anApprovedPaymentMintsTheOrderedTokensOnce() throws Exception {
        var order = placeOrder(15_500);
        sandbox().create(order.paymentId, SandboxPayment.Status.READY, 15_500, "KRW", "15.5 PKN");
        sandbox().approve(order.paymentId);

        awaitOrder(order.paymentId, "COMPLETED", Duration.ofSeconds(30));
        assertThat(ChainIT.balance(order.wallet)).isEqualTo(new BigInteger("15500000000000000000"));
        assertThat(string("select tx_hash from coin_order where payment_id = '" + order.paymentId + "'"))
                .isEqualTo(string("select tx_hash from chain_transaction where business_key = 'mint:" + order.paymentId + "'"));
        assertThat(outcomes(order.paymentId)).contains("CREDITED");
        assertThat(ChainIT.strings("select action from audit_event where subject_id = '" + order.paymentId + "' order by id"))
                .containsExactly("coin.order-paid", "coin.mint-confirmed");
    }

    @Test
    void twentyConcurrentCopiesOfTheWebhookMintOnce() throws Exception {
        var order = placeOrder(20_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.PAID, 20_000, "KRW", "20 PKN");
        long repeatsBefore = metric("payment_webhooks_repeated_total");
        String webhookId = sandbox().sendWebhook(order.paymentId, WebhookOptions.defaults().copies(20).withoutRetry());

        awaitOrder(order.paymentId, "COMPLETED", Duration.ofSeconds(30));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (sandbox().deliveries(order.paymentId).size() < 20 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(sandbox().deliveries(order.paymentId)).hasSize(20).allMatch(d -> d.status() == 200);
        // one webhook id, delivered 20 times: handled and recorded once, the 19 repeats write nothing
        assertThat(outcomes(order.paymentId)).containsExactly("CREDITED");
        assertThat(count("select count(*) from payment_webhook where webhook_id = '" + webhookId + "'")).isEqualTo(1);
        assertThat(metric("payment_webhooks_repeated_total") - repeatsBefore).isEqualTo(19);
        assertThat(count("select count(*) from chain_transaction where business_key like 'mint:" + order.paymentId + "%'")).isEqualTo(1);
        assertThat(ChainIT.balance(order.wallet)).isEqualTo(PKN.multiply(BigInteger.valueOf(20)));
    }

    @Test
    void forgedAndStaleWebhooksAreRefusedAndOnlyCounted() throws Exception {
        var order = placeOrder(5_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.PAID, 5_000, "KRW", "5 PKN");
        long forgedBefore = metric("payment_webhooks_refused_total", "reason=\"INVALID_SIGNATURE\"");
        long staleBefore = metric("payment_webhooks_refused_total", "reason=\"STALE\"");
        long noticesBefore = count("select count(*) from payment_notice");
        long webhooksBefore = count("select count(*) from payment_webhook");
        String forged = sandbox().sendWebhook(order.paymentId, WebhookOptions.defaults().forged().withoutRetry());
        String stale = sandbox().sendWebhook(order.paymentId,
                WebhookOptions.defaults().timestampOffsetSeconds(-600).withoutRetry());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (sandbox().deliveries(order.paymentId).size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        var statuses = sandbox().deliveries(order.paymentId).stream().map(d -> d.status()).toList();
        assertThat(statuses).containsExactlyInAnyOrder(401, 400);
        // no database write: only the counters moved
        assertThat(count("select count(*) from payment_notice where webhook_id in ('" + forged + "', '" + stale
                + "')")).isZero();
        assertThat(count("select count(*) from payment_notice")).isEqualTo(noticesBefore);
        assertThat(count("select count(*) from payment_webhook")).isEqualTo(webhooksBefore);
        assertThat(metric("payment_webhooks_refused_total", "reason=\"INVALID_SIGNATURE\"") - forgedBefore).isEqualTo(1);
        assertThat(metric("payment_webhooks_refused_total", "reason=\"STALE\"") - staleBefore).isEqualTo(1);
        assertThat(orderStatus(order.paymentId)).isEqualTo("PENDING");
        assertThat(count("select count(*) from chain_transaction where business_key = 'mint:" + order.paymentId + "'")).isZero();
    }

    @Test
    void aPaymentOfAnotherAmountIsNeverCredited() throws Exception {
        var order = placeOrder(10_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.READY, 10_000, "KRW", "10 PKN");
        sandbox().setAmount(order.paymentId, 1_000);
        sandbox().approve(order.paymentId);

        awaitCount("select count(*) from payment_notice where payment_id = '" + order.paymentId
                + "' and outcome = 'AMOUNT_MISMATCH'", 1);
        assertThat(orderStatus(order.paymentId)).isEqualTo("PENDING");
        assertThat(count("select count(*) from chain_transaction where business_key = 'mint:" + order.paymentId + "'")).isZero();
        assertThat(ChainIT.balance(order.wallet)).isZero();
    }

    @Test
    void aWebhookForAPaymentThatIsNotPaidMintsNothingAndADeclineFailsTheOrder() throws Exception {
        var order = placeOrder(3_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.READY, 3_000, "KRW", "3 PKN");
        sandbox().sendWebhook(order.paymentId, WebhookOptions.defaults().type("Transaction.Paid").withoutRetry());
        awaitCount("select count(*) from payment_notice where payment_id = '" + order.paymentId
                + "' and outcome = 'NOT_PAID'", 1);
        assertThat(orderStatus(order.paymentId)).isEqualTo("PENDING");

        sandbox().decline(order.paymentId);
        awaitOrder(order.paymentId, "FAILED", Duration.ofSeconds(20));
        assertThat(count("select count(*) from chain_transaction where business_key = 'mint:" + order.paymentId + "'")).isZero();
    }

    @Test
    void aMintThatFailsForGoodGivesTheCardPaymentBack() throws Exception {
        var order = placeOrder(7_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.READY, 7_000, "KRW", "7 PKN");
        token.pause().send(); // the token refuses every mint: the outbox's pre-check fails the intent for good
        try {
            sandbox().approve(order.paymentId);
            awaitOrder(order.paymentId, "FAILED", Duration.ofSeconds(30));
        } finally {
            token.unpause().send();
        }
        assertThat(string("select failure from coin_order where payment_id = '" + order.paymentId + "'"))
                .contains("EnforcedPause");
        // the refund runs every minute
        awaitOrder(order.paymentId, "CANCELLED", Duration.ofSeconds(75));
        assertThat(sandbox().payment(order.paymentId).orElseThrow().status()).isEqualTo(SandboxPayment.Status.CANCELLED);
        assertThat(ChainIT.balance(order.wallet)).isZero();
    }

    @Test
    void anAdminSeesEveryNotificationAndAnInvestorMayNot() throws Exception {
        var order = placeOrder(4_000);
        sandbox().create(order.paymentId, SandboxPayment.Status.PAID, 4_000, "KRW", "4 PKN");
        sandbox().sendWebhook(order.paymentId, WebhookOptions.defaults().withoutRetry());
        awaitCount("select count(*) from payment_notice where payment_id = '" + order.paymentId
                + "' and outcome = 'CREDITED'", 1);

        var login = Accounts.loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD, Accounts.client());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String adminToken = Http.json(login).getString("access_token");
        var notices = Accounts.call("GET", "/api/admin/payment-notices?limit=500", adminToken, null);
        assertThat(notices.statusCode()).as(notices.body()).isEqualTo(200);
        assertThat(notices.body()).contains(order.paymentId).contains("CREDITED");
        assertThat(Accounts.call("GET", "/api/admin/payment-notices", buyer.accessToken(), null).statusCode())
                .isEqualTo(403);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A counter of the application's metrics (0 before it first counts). */
    static long metric(String name) {
        return metric(name, "");
    }

    /** A counter of the application's metrics whose labels include {@code label} (e.g. {@code reason="STALE"}). */
    static long metric(String name, String label) {
        var body = Http.get("/metrics?scope=application", java.util.Map.of("Accept", "text/plain")).body();
        var matcher = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "\\{([^}]*)} ([0-9.eE+]+)$").matcher(body);
        while (matcher.find()) {
            if (matcher.group(1).contains(label)) {
                return (long) Double.parseDouble(matcher.group(2));
            }
        }
        return 0;
    }

    record Order(String paymentId, String wallet) {
    }

    private static io.picktartup.launcher.sandbox.PaymentSandbox sandbox() {
        return RunningPlatform.platform().paymentSandbox();
    }

    /** An order as placing one writes it (the order API itself is tested with accounts). */
    private static Order placeOrder(long krw) throws Exception {
        String paymentId = "pkn-it-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String wallet = ChainIT.newAddress();
        try (var connection = RunningPlatform.database();
             var insert = connection.prepareStatement("""
                     insert into coin_order (account_id, payment_id, krw_amount, won_per_token, token_amount,
                                             wallet_address, status, created_at, updated_at)
                     values (?, ?, ?, 1000, ?, ?, 'PENDING', now(), now())""")) {
            insert.setObject(1, UUID.fromString(buyer.id()));
            insert.setString(2, paymentId);
            insert.setLong(3, krw);
            insert.setBigDecimal(4, new java.math.BigDecimal(BigInteger.valueOf(krw).multiply(PKN).divide(BigInteger.valueOf(1000))));
            insert.setString(5, wallet);
            insert.executeUpdate();
        }
        return new Order(paymentId, wallet);
    }

    private static String orderStatus(String paymentId) throws SQLException {
        return string("select status from coin_order where payment_id = '" + paymentId + "'");
    }

    private static void awaitOrder(String paymentId, String status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = orderStatus(paymentId);
            if (status.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("order " + paymentId + " is " + last + ", not " + status + "; notices "
                + outcomes(paymentId));
    }

    private static void awaitCount(String sql, long atLeast) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = count(sql);
            if (last >= atLeast) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sql + " gave " + last + ", expected at least " + atLeast);
    }

    private static List<String> outcomes(String paymentId) throws SQLException {
        return ChainIT.strings("select outcome from payment_notice where payment_id = '" + paymentId + "' order by id");
    }

    private static String string(String sql) throws SQLException {
        var values = ChainIT.strings(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    private static long count(String sql) throws SQLException {
        return ChainIT.count(sql);
    }
}
