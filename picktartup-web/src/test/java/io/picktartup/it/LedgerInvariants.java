package io.picktartup.it;

import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger's invariants, checked after every integration test class (by {@link RunningPlatform}) against the chain
 * itself (JSON-RPC straight to the node, not through the application) and the database (JDBC):
 * <ul>
 *     <li>the token's total supply at the indexer's block = Σ Minted − Σ CashedOut indexed up to that block (no
 *     PKN appears or vanishes any other way);</li>
 *     <li>each escrow's balance at that block = Σ Deposited − Σ Cancelled − Σ Refunded − Σ Released of its indexed
 *     events, and, where nothing is in flight, = the database's sum of its confirmed investments (0 once released or
 *     refunded);</li>
 *     <li>minted = paid orders: a completed order has exactly one Minted event of its payment id, for its amount and
 *     wallet; an order that never got paid has none; every other Minted event is a mint intent of the outbox;</li>
 *     <li>burned = cash-outs: a burned, paid or returned cash-out has exactly one CashedOut event of its id, for its amount
 *     (a returned one also its confirmed return mint); a
 *     failed one none; no CashedOut event without its cash-out.</li>
 * </ul>
 * Other tests leave work in flight: the outbox is given a bounded time to drain, objects with intents still open are
 * counted as in flight (not as lost), and a check that fails is repeated a few times before it fails the class.
 */
final class LedgerInvariants {

    private static final String BALANCE_OF = "0x70a08231";
    private static final String TOTAL_SUPPLY = "0x18160ddd";
    private static final Duration DRAIN = Duration.ofSeconds(45);
    private static final int ATTEMPTS = 4;

    /** Totals over the run, for the figures. */
    static final AtomicLong CLASSES = new AtomicLong();
    static final AtomicLong MOVEMENTS = new AtomicLong();
    static final AtomicLong VIOLATIONS = new AtomicLong();

    private LedgerInvariants() {
    }

    /** What one check saw. */
    record Report(long movements, long escrows, long orders, long cashOuts, long inFlight, List<String> violations) {
        @Override
        public String toString() {
            return "movements checked " + movements + ", escrows " + escrows + ", orders " + orders + ", cash-outs "
                    + cashOuts + ", in flight " + inFlight + ", violations " + violations.size();
        }
    }

    /** Checks (after a bounded wait for the outbox to drain); throws an AssertionError naming every violation. */
    static Report verify(String after) {
        awaitQuiet();
        Report report = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            report = check();
            if (report.violations().isEmpty()) {
                break;
            }
            sleep(3_000); // an indexer or dispatcher pass may still be on its way
        }
        CLASSES.incrementAndGet();
        MOVEMENTS.addAndGet(report.movements());
        VIOLATIONS.addAndGet(report.violations().size());
        System.out.println("[ledger] after " + after + ": " + report);
        System.out.println("ledger_movements_checked_total: " + MOVEMENTS.get() + " movements (after " + CLASSES.get()
                + " classes; floor: every movement of the run)");
        System.out.println("ledger_violations_total: " + VIOLATIONS.get() + " violations (reference: 0)");
        if (!report.violations().isEmpty()) {
            throw new AssertionError("ledger invariants broken after " + after + ":\n  "
                    + String.join("\n  ", report.violations()));
        }
        return report;
    }

    /** Waits (bounded) until no chain intent is open and the indexer has reached the node's head. */
    static void awaitQuiet() {
        Instant deadline = Instant.now().plus(DRAIN);
        while (Instant.now().isBefore(deadline)) {
            try (var db = RunningPlatform.database()) {
                long open = count(db, "select count(*) from chain_transaction where status in ('QUEUED', 'BATCHED', "
                        + "'SIGNED', 'SENT', 'MINED')");
                long head = web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                if (open == 0 && head - cursor(db) <= 1) {
                    return;
                }
            } catch (SQLException | IOException e) {
                // the database or node restarting under a fault test: try again until the deadline
            }
            sleep(300);
        }
    }

    private static Report check() {
        var violations = new ArrayList<String>();
        long movements = 0;
        long inFlight = 0;
        try (var db = RunningPlatform.database()) {
            long block = cursor(db);
            var at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
            String token = RunningPlatform.platform().contracts().get("token").toLowerCase(Locale.ROOT);

            // 1. the token's supply = minted − burned, as indexed up to the same block
            var minted = sumEvents(db, token, "Minted", block);
            var burned = sumEvents(db, token, "CashedOut", block);
            var supply = uint(call(token, TOTAL_SUPPLY, at));
            movements += countEvents(db, token, "Minted", block) + countEvents(db, token, "CashedOut", block);
            if (!supply.equals(minted.subtract(burned))) {
                violations.add("totalSupply " + supply + " at block " + block + " ≠ Σ Minted " + minted
                        + " − Σ CashedOut " + burned);
            }

            // 2. every escrow: its balance = its indexed movements = the database's confirmed investments
            var escrows = rows(db, """
                    select c.address, r.id::text, r.status from chain_contract c
                    left join funding_round r on lower(r.contract_address) = lower(c.address)
                    where c.kind = 'round'""");
            for (var escrow : escrows) {
                String address = escrow.get(0).toLowerCase(Locale.ROOT);
                var in = sumEvents(db, address, "Deposited", block);
                var out = sumEvents(db, address, "Cancelled", block).add(sumEvents(db, address, "Refunded", block))
                        .add(sumEvents(db, address, "Released", block));
                movements += count(db, "select count(*) from chain_event where lower(contract) = '" + address
                        + "' and not removed and block_number <= " + block + " and event_name in ('Deposited', "
                        + "'Cancelled', 'Refunded', 'Released')");
                var balance = uint(call(token, BALANCE_OF + pad(address), at));
                if (!balance.equals(in.subtract(out))) {
                    violations.add("escrow " + address + " holds " + balance + " at block " + block
                            + " but its events say " + in + " in − " + out + " out");
                }
                String roundId = escrow.get(1);
                String status = escrow.get(2);
                if (roundId == null) {
                    continue;
                }
                long open = count(db, "select count(*) from chain_transaction where lower(to_address) = '" + address
                        + "' and status in ('QUEUED', 'BATCHED', 'SIGNED', 'SENT', 'MINED')")
                        + count(db, "select count(*) from investment where round_id = '" + roundId
                        + "' and status in ('PENDING', 'CANCELLING')");
                if (open > 0) {
                    inFlight++;
                    continue;
                }
                var now = uint(call(token, BALANCE_OF + pad(address), DefaultBlockParameterName.LATEST));
                var confirmed = sum(db, "select coalesce(sum(amount), 0) from investment where round_id = '" + roundId
                        + "' and status = 'CONFIRMED'");
                switch (status) {
                    case "OPEN", "CLOSED", "SUCCEEDED" -> {
                        if (!now.equals(confirmed)) {
                            violations.add("round " + roundId + " (" + status + ") escrow holds " + now
                                    + " but its confirmed investments sum to " + confirmed);
                        }
                    }
                    case "RELEASED", "REFUNDED" -> {
                        if (now.signum() != 0) {
                            violations.add("round " + roundId + " is " + status + " but its escrow still holds " + now);
                        }
                        if (status.equals("REFUNDED") && confirmed.signum() != 0) {
                            violations.add("round " + roundId + " is REFUNDED with confirmed investments left: "
                                    + confirmed);
                        }
                    }
                    default -> { // FAILED, REFUNDING: investors may have claimed refunds the round has not recorded
                        if (now.compareTo(confirmed) > 0) {
                            violations.add("round " + roundId + " (" + status + ") escrow holds " + now
                                    + ", more than its confirmed investments " + confirmed);
                        }
                    }
                }
            }

            // 3. minted = paid orders
            var mintEvents = new HashMap<String, List<List<String>>>(); // payment id (bytes32) → its Minted events
            for (var event : rows(db, "select lower(args::jsonb ->> 'arg2'), args::jsonb ->> 'arg1', "
                    + "lower(args::jsonb ->> 'arg0'), tx_hash from chain_event where lower(contract) = '" + token
                    + "' and event_name = 'Minted' and not removed and block_number <= " + block)) {
                mintEvents.computeIfAbsent(event.get(0), k -> new ArrayList<>()).add(event);
            }
            var orders = rows(db, """
                    select o.payment_id, o.status, o.token_amount::text, lower(o.wallet_address), t.block_number::text
                    from coin_order o left join chain_transaction t on t.business_key = 'mint:' || o.payment_id""");
            var accounted = new java.util.HashSet<String>();
            for (var order : orders) {
                String id = Numeric.toHexString(Hash.sha3(order.get(0).getBytes(StandardCharsets.UTF_8)));
                accounted.add(id);
                var events = mintEvents.getOrDefault(id, List.of());
                switch (order.get(1)) {
                    case "COMPLETED" -> {
                        if (order.get(4) != null && Long.parseLong(order.get(4)) > block) {
                            inFlight++; // minted after the indexer's block: the next check sees it
                        } else if (events.size() != 1) {
                            violations.add("completed order " + order.get(0) + " has " + events.size()
                                    + " Minted events");
                        } else if (!events.get(0).get(1).equals(order.get(2))
                                || !events.get(0).get(2).equals(order.get(3))) {
                            violations.add("order " + order.get(0) + " of " + order.get(2) + " to " + order.get(3)
                                    + " minted " + events.get(0).get(1) + " to " + events.get(0).get(2));
                        }
                    }
                    case "PAID", "MINTING" -> {
                        inFlight++;
                        if (events.size() > 1) {
                            violations.add("order " + order.get(0) + " minted " + events.size() + " times");
                        }
                    }
                    default -> { // PENDING, FAILED, CANCELLED: never minted
                        if (!events.isEmpty()) {
                            violations.add(order.get(1) + " order " + order.get(0) + " has " + events.size()
                                    + " Minted events");
                        }
                    }
                }
            }
            // every other mint is an intent of the outbox (the tests' funding mints), minted once
            var mintIntentTxs = new java.util.HashSet<>(strings(db, """
                    select lower(a.tx_hash) from chain_transaction_attempt a
                    join chain_transaction t on t.id = a.chain_transaction_id
                    where t.business_key like 'mint:%' or t.business_key like 'payout-return:%'"""));
            for (var entry : mintEvents.entrySet()) {
                if (accounted.contains(entry.getKey())) {
                    continue;
                }
                if (entry.getValue().size() != 1) {
                    violations.add("payment id " + entry.getKey() + " minted " + entry.getValue().size() + " times");
                }
                for (var event : entry.getValue()) {
                    if (!mintIntentTxs.contains(event.get(3).toLowerCase(Locale.ROOT))) {
                        violations.add("Minted " + event.get(1) + " in " + event.get(3)
                                + " belongs to no order and no mint intent");
                    }
                }
            }

            // 4. burned = cash-outs
            var burnEvents = new HashMap<String, List<List<String>>>();
            for (var event : rows(db, "select lower(args::jsonb ->> 'arg2'), args::jsonb ->> 'arg1', "
                    + "lower(args::jsonb ->> 'arg0') from chain_event where lower(contract) = '" + token
                    + "' and event_name = 'CashedOut' and not removed and block_number <= " + block)) {
                burnEvents.computeIfAbsent(event.get(0), k -> new ArrayList<>()).add(event);
            }
            var cashOuts = rows(db, "select id::text, status, amount::text, lower(wallet_address) from cash_out");
            var burned0 = new java.util.HashSet<String>();
            for (var cashOut : cashOuts) {
                String id = Numeric.toHexString(Hash.sha3(cashOut.get(0).getBytes(StandardCharsets.UTF_8)));
                burned0.add(id);
                var events = burnEvents.getOrDefault(id, List.of());
                switch (cashOut.get(1)) {
                    case "BURNED", "PAID", "RETURNING", "RETURNED" -> {
                        // a payout that failed for good is minted back once, by its own intent
                        if (cashOut.get(1).equals("RETURNED") && count(db, "select count(*) from chain_transaction "
                                + "where business_key = 'payout-return:" + cashOut.get(0) + "' and status = 'CONFIRMED'")
                                != 1) {
                            violations.add("returned cash-out " + cashOut.get(0) + " has no confirmed return mint");
                        }
                        if (events.size() != 1) {
                            if (events.isEmpty() && burnAfter(db, cashOut.get(0), block)) {
                                inFlight++;
                            } else {
                                violations.add(cashOut.get(1) + " cash-out " + cashOut.get(0) + " has "
                                        + events.size() + " CashedOut events");
                            }
                        } else if (!events.get(0).get(1).equals(cashOut.get(2))
                                || !events.get(0).get(2).equals(cashOut.get(3))) {
                            violations.add("cash-out " + cashOut.get(0) + " of " + cashOut.get(2) + " burned "
                                    + events.get(0).get(1) + " of " + events.get(0).get(2));
                        }
                    }
                    case "BURNING" -> {
                        inFlight++;
                        if (events.size() > 1) {
                            violations.add("cash-out " + cashOut.get(0) + " burned " + events.size() + " times");
                        }
                    }
                    default -> { // FAILED
                        if (!events.isEmpty()) {
                            violations.add("failed cash-out " + cashOut.get(0) + " burned " + events.size()
                                    + " times");
                        }
                    }
                }
            }
            for (var entry : burnEvents.entrySet()) {
                if (!burned0.contains(entry.getKey())) {
                    violations.add("CashedOut " + entry.getKey() + " belongs to no cash-out");
                }
            }
            return new Report(movements, escrows.size(), orders.size(), cashOuts.size(), inFlight, violations);
        } catch (SQLException | IOException e) {
            violations.add("could not read the ledger: " + e);
            return new Report(movements, 0, 0, 0, inFlight, violations);
        }
    }

    private static boolean burnAfter(Connection db, String cashOutId, long block) throws SQLException {
        var numbers = strings(db, "select block_number::text from chain_transaction where business_key = 'cash-out:"
                + cashOutId + "'");
        return !numbers.isEmpty() && numbers.get(0) != null && Long.parseLong(numbers.get(0)) > block;
    }

    private static volatile Web3j web3j;

    private static Web3j web3j() {
        if (web3j == null) {
            web3j = Web3j.build(new HttpService(RunningPlatform.platform().chainRpcUrl()));
        }
        return web3j;
    }

    private static String call(String to, String data, DefaultBlockParameter block) throws IOException {
        var response = web3j().ethCall(Transaction.createEthCallTransaction(null, to, data), block).send();
        if (response.hasError()) {
            throw new IOException("eth_call to " + to + " at " + block.getValue() + ": " + response.getError().getMessage());
        }
        return response.getValue();
    }

    private static BigInteger uint(String hex) {
        return hex == null || hex.equals("0x") ? BigInteger.ZERO : Numeric.toBigInt(hex);
    }

    private static String pad(String address) {
        return "0".repeat(24) + Numeric.cleanHexPrefix(address);
    }

    private static long cursor(Connection db) throws SQLException {
        var values = strings(db, "select coalesce(min(block_number), 0)::text from chain_indexer_cursor");
        return Long.parseLong(values.get(0));
    }

    private static BigInteger sumEvents(Connection db, String contract, String event, long block) throws SQLException {
        return sum(db, "select coalesce(sum((args::jsonb ->> 'arg1')::numeric), 0) from chain_event where lower(contract) = '"
                + contract + "' and event_name = '" + event + "' and not removed and block_number <= " + block);
    }

    private static long countEvents(Connection db, String contract, String event, long block) throws SQLException {
        return count(db, "select count(*) from chain_event where lower(contract) = '" + contract + "' and event_name = '"
                + event + "' and not removed and block_number <= " + block);
    }

    private static BigInteger sum(Connection db, String sql) throws SQLException {
        return new java.math.BigDecimal(strings(db, sql).get(0)).toBigIntegerExact();
    }

    private static long count(Connection db, String sql) throws SQLException {
        return Long.parseLong(strings(db, sql).get(0));
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        var values = new ArrayList<String>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static List<List<String>> rows(Connection db, String sql) throws SQLException {
        var result = new ArrayList<List<String>>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new ArrayList<String>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                result.add(row);
            }
        }
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Long> figures() {
        return Map.of("classes", CLASSES.get(), "movements", MOVEMENTS.get(), "violations", VIOLATIONS.get());
    }
}
