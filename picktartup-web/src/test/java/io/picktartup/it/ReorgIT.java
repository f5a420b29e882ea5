package io.picktartup.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reorganisation takes back a deposit, a mint and a burn after they were mined but before they were final (the
 * tests' platform counts a transaction final two blocks deep): nothing happened yet outside the chain; the indexer
 * rewinds the events it had read from the replaced block; the outbox sends the same signed transactions again; each
 * ends CONFIRMED once, the round reconciles OK, the order is minted once, the cash-out paid once, no mail twice.
 */
@ExtendWith(RunningPlatform.class)
class ReorgIT {

    private static final BigInteger PKN = BigInteger.TEN.pow(18);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aDepositAMintAndABurnReorganisedAwayBeforeFinalityEndOnceEach() throws Exception {
        var startup = Funding.startup("Reorg Robotics 리오그");
        var round = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        String roundId = round.getString("id");
        String escrow = round.getString("contractAddress");
        var investor = Accounts.Session.open("reorg-investor");
        var holder = Accounts.Session.open("reorg-holder");
        var buyer = Accounts.Session.open("reorg-buyer");
        Funding.fund(investor.walletAddress(), 500);
        Funding.fund(holder.walletAddress(), 10);
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", "120"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String investmentId = Http.json(reserved).getString("id");
        var placed = Accounts.call("POST", "/api/accounts/me/coin-orders", buyer.accessToken(), "{\"krwAmount\": 12000}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String paymentId = Http.json(placed).getString("paymentId");
        RunningPlatform.platform().paymentSandbox().create(paymentId,
                io.picktartup.launcher.sandbox.SandboxPayment.Status.PAID, 12000, "KRW", "12 PKN");
        int mailsBefore = RunningPlatform.mail().getReceivedMessages().length;

        String deposit = "round-deposit:" + investmentId;
        String mint = "mint:" + paymentId;
        String burn;
        long block;
        long reorganised;
        Map<String, Map<String, String>> before = new HashMap<>();
        ChainIT.anvil("evm_setAutomine", false);
        try {
            // the three go out and wait in the node's pool
            var signed = Accounts.call("POST", "/api/investments/" + investmentId + "/sign", investor.accessToken(),
                    Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
            var cashOut = Accounts.call("POST", "/api/accounts/me/cash-outs", holder.accessToken(),
                    Json.createObjectBuilder().add("amount", "4").add("walletPassword", Accounts.WALLET_PASSWORD)
                            .add("bankCode", "090").add("accountNumber", "3333-01-7654321").add("holderName", "김투자")
                            .build().toString());
            assertThat(cashOut.statusCode()).as(cashOut.body()).isEqualTo(202);
            String cashOutId = Http.json(cashOut).getString("id");
            burn = "cash-out:" + cashOutId;
            var confirmed = Accounts.call("POST", "/api/accounts/me/coin-orders/" + paymentId + "/confirm",
                    buyer.accessToken(), null);
            assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
            for (String key : List.of(deposit, mint, burn)) {
                ChainIT.awaitStatus(key, "SENT", WAIT);
            }

            // mined together in one block: not final (the depth is 2), so nothing may leave the chain's reach yet
            ChainIT.anvil("evm_mine");
            for (String key : List.of(deposit, mint, burn)) {
                before.put(key, ChainIT.awaitStatus(key, "MINED", WAIT));
            }
            block = ChainIT.count("select block_number from chain_transaction where business_key = '" + deposit + "'");
            assertThat(ChainIT.count("select count(distinct block_number) from chain_transaction where business_key in "
                    + keys(deposit, mint, burn))).isEqualTo(1);
            // the indexer reads to the head: it has the block's events, not final
            ChainIT.await("the mined block's events indexed", () -> count("select count(*) from chain_event where "
                    + "block_number = " + block + " and tx_hash in " + hashes(before) + " and not removed") >= 3, WAIT);
            assertThat(ChainIT.count("select count(*) from chain_event where block_number = " + block
                    + " and is_final")).isZero();
            assertThat(Funding.investment(investor, investmentId).getString("status")).isEqualTo("PENDING");
            assertThat(ChainIT.strings("select status from coin_order where payment_id = '" + paymentId + "'"))
                    .containsExactly("MINTING");
            assertThat(ChainIT.strings("select status from payout where cash_out_id = '" + cashOutId + "'"))
                    .containsExactly("WAITING");

            // the block is replaced by an empty one: the three leave the chain
            reorganised = System.nanoTime();
            ChainIT.anvil("anvil_reorg", 1, List.of());
            for (String key : List.of(deposit, mint, burn)) {
                // back to SIGNED, sent again (the node's pool has them again; automatic mining is off)
                ChainIT.awaitRow(key, r -> "SENT".equals(r.get("status")), WAIT);
            }
            ChainIT.await("the replaced block's events flagged removed", () -> count("select count(*) from chain_event "
                    + "where block_number = " + block + " and tx_hash in " + hashes(before) + " and not removed") == 0,
                    WAIT);
            assertThat(ChainIT.count("select count(*) from chain_event where tx_hash in " + hashes(before)
                    + " and removed")).isGreaterThanOrEqualTo(3);
            assertThat(ChainIT.strings("select status from payout where cash_out_id = '" + cashOutId + "'"))
                    .containsExactly("WAITING");
        } finally {
            ChainIT.anvil("evm_setAutomine", true);
        }
        ChainIT.anvil("evm_mine");

        var after = new HashMap<String, Map<String, String>>();
        for (String key : List.of(deposit, mint, burn)) {
            after.put(key, ChainIT.awaitStatus(key, "CONFIRMED", WAIT));
            // the same transaction (nonce kept; the bytes sent again, or a re-priced copy of the same nonce)
            assertThat(after.get(key).get("nonce")).as(key).isEqualTo(before.get(key).get("nonce"));
            assertThat(ChainIT.count("select count(*) from chain_transaction where business_key = '" + key + "'"))
                    .isEqualTo(1);
            assertThat(ChainIT.strings("select a.tx_hash from chain_transaction_attempt a join chain_transaction t "
                    + "on t.id = a.chain_transaction_id where t.business_key = '" + key + "'"))
                    .contains(after.get(key).get("tx_hash"));
            assertThat(ChainIT.count("select block_number from chain_transaction where business_key = '" + key + "'"))
                    .isGreaterThan(block);
        }
        System.out.println("[it] reorg: the three dropped transactions CONFIRMED again "
                + Duration.ofNanos(System.nanoTime() - reorganised).toMillis() + " ms after anvil_reorg; attempts "
                + after.values().stream().map(r -> r.get("attempts")).toList());
        Funding.awaitInvestment(investor, investmentId, "CONFIRMED");
        ChainIT.await("the order completed", () -> List.of("COMPLETED").equals(
                strings("select status from coin_order where payment_id = '" + paymentId + "'")), WAIT);
        ChainIT.await("the cash-out paid", () -> List.of("PAID").equals(
                strings("select status from cash_out where id = '" + burn.substring("cash-out:".length()) + "'")), WAIT);

        // on chain: each effect once
        assertThat(ChainIT.balance(buyer.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(12)));
        assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(380)));
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(120)));
        assertThat(ChainIT.balance(holder.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(6)));
        // in the index: every event of the three once, final, in the new block; the old copies flagged removed
        ChainIT.await("the new block's events final", () -> count("select count(*) from chain_event where tx_hash in "
                + hashes(after) + " and not removed and is_final") >= 3, WAIT);
        for (String key : List.of(deposit, mint, burn)) {
            String hash = "'" + after.get(key).get("tx_hash") + "'";
            assertThat(ChainIT.count("select count(*) from chain_event where tx_hash = " + hash + " and not removed"))
                    .as(key).isEqualTo(ChainIT.count("select count(distinct log_index) from chain_event where tx_hash = "
                            + hash + " and not removed"));
        }
        assertThat(ChainIT.count("select count(*) from chain_event where event_name = 'Minted' and not removed "
                + "and lower(args::json ->> 'arg0') = lower('" + buyer.walletAddress() + "')")).isEqualTo(1);
        // outside the chain: once each
        assertThat(ChainIT.count("select count(*) from payout where cash_out_id = '"
                + burn.substring("cash-out:".length()) + "' and status = 'PAID'")).isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'coin.cash-out-paid' and subject_id = '"
                + burn.substring("cash-out:".length()) + "'")).isEqualTo(1);
        assertThat(ChainIT.count("select count(*) from audit_event where action = 'coin.mint-confirmed' and subject_id = '"
                + paymentId + "'")).isEqualTo(1);
        assertThat(Funding.round(roundId).getString("raised")).isEqualTo("120");

        // the round's ledger matches the escrow's final events
        ChainIT.await("the round reconciles OK", () -> {
            var reconciled = Accounts.call("POST", "/api/admin/rounds/" + roundId + "/reconcile", Funding.admin(), null);
            return reconciled.statusCode() == 200 && "OK".equals(Http.json(reconciled).getString("verdict"));
        }, WAIT);

        // the CEO's mail for the confirmed investment: once, even after more time for a second one to show up
        ChainIT.await("the CEO's mail", () -> InvestingIT.investmentMailsTo(startup.ceo().email()).size() == 1, WAIT);
        Thread.sleep(3_000);
        assertThat(InvestingIT.investmentMailsTo(startup.ceo().email())).hasSize(1);
        var subjects = new java.util.ArrayList<String>();
        var messages = RunningPlatform.mail().getReceivedMessages();
        for (int i = mailsBefore; i < messages.length; i++) {
            subjects.add(messages[i].getSubject() + " → " + java.util.Arrays.toString(messages[i].getAllRecipients()));
        }
        assertThat(subjects).doesNotHaveDuplicates();
        assertThat(ChainIT.count("select count(*) from mail_message where business_key like '%" + investmentId + "%'"))
                .isLessThanOrEqualTo(1);
    }

    private static String keys(String... keys) {
        return "('" + String.join("', '", keys) + "')";
    }

    private static String hashes(Map<String, Map<String, String>> rows) {
        return "('" + String.join("', '", rows.values().stream().map(r -> r.get("tx_hash")).toList()) + "')";
    }

    private static long count(String sql) {
        try {
            return ChainIT.count(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(String sql) {
        try {
            return ChainIT.strings(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
