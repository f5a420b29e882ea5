package io.picktartup.bench;

import io.picktartup.launcher.DevSigningKey;
import io.picktartup.launcher.Platform;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static io.picktartup.bench.Api.body;
import static io.picktartup.bench.Figures.measured;

/**
 * Deposits in a rush (issue 19 §3): N investors (default 50) of one round sign their investments at once; the
 * dispatcher carries their queued deposits in {@code depositBatch} transactions. Prints the gas per investor from the
 * outbox's {@code gas_used} of every transaction that carried a rush deposit (batches and any deposit sent alone),
 * divided by the deposits confirmed, beside the floor of the same run: one {@code deposit} sent alone for a first-time
 * investor of the same round, afterwards. Goal: ≤ 100,000 gas per investor.
 *
 * <p>The investors are seeded straight into PostgreSQL with keystores of their own keys (web3j's light scrypt
 * parameters: a signature per investor without the standard ~1 s derivation each) and forged access tokens, PKN
 * minted to each on chain; they reserve and sign through the API as any investor does.
 */
public final class DepositBench {

    private static final long GOAL = 100_000;

    private DepositBench() {
    }

    public static void main(String[] args) throws Exception {
        Figures.claimStandardOutput();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = BenchPlatform.workDir("deposits");
        String signingKey = DevSigningKey.generatePem();
        String adminEmail = InvestRush.env("PICKTARTUP_ADMIN_EMAIL", "deposits-admin@example.com");
        String adminPassword = InvestRush.env("PICKTARTUP_ADMIN_PASSWORD", "deposits bench admin " + UUID.randomUUID());
        var environment = new java.util.HashMap<>(Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false",
                "PICKTARTUP_AUTH_SIGNING_KEY", signingKey,
                "PICKTARTUP_ADMIN_EMAIL", adminEmail,
                "PICKTARTUP_ADMIN_PASSWORD", adminPassword));
        // PICKTARTUP_CHAIN_DEPOSIT_BATCH_SIZE=1 measures the same rush with every deposit sent alone
        String size = InvestRush.env("PICKTARTUP_CHAIN_DEPOSIT_BATCH_SIZE", "");
        if (!size.isEmpty()) {
            environment.put("PICKTARTUP_CHAIN_DEPOSIT_BATCH_SIZE", size);
        }
        var options = BenchPlatform.fresh(work, environment, List.of("-Xmx1536m", "-XX:+UseSerialGC", "-Xss512k"));
        try (var platform = Platform.start(options)) {
            var api = new Api(platform.baseUri(), Duration.ofSeconds(120)).verifyingOn(platform);
            var db = new Database(platform);

            String ceoEmail = InvestRush.unique("ceo");
            String ceoId = api.signUp(ceoEmail, InvestRush.PASSWORD, "Deposits CEO", InvestRush.WALLET_PASSWORD)
                    .get("id").asText();
            String templateEmail = InvestRush.unique("template");
            String templateId = api.signUp(templateEmail, InvestRush.PASSWORD, "Deposits Template",
                    InvestRush.WALLET_PASSWORD).get("id").asText();
            String admin = api.login(adminEmail, adminPassword);
            Api.expect(200, api.call("PUT", "/api/admin/accounts/" + ceoId + "/role", admin, body("role", "STARTUP")));
            String ceo = api.login(ceoEmail, InvestRush.PASSWORD);
            String startupId = Api.expect(201, api.call("POST", "/api/admin/startups", admin, body(
                    "name", "Deposit Rush " + UUID.randomUUID().toString().substring(0, 6), "pitch", "Everyone signs",
                    "description", "퀵커머스 물류 스타트업 / quick-commerce logistics", "sector", "Logistics",
                    "foundedOn", "2021-03-02", "ceoAccountId", ceoId, "walletAddress", InvestRush.randomAddress())))
                    .get("id").asText();
            String round = InvestRush.draftRound(api, ceo, startupId, "Deposit rush", (n + 1) * InvestRush.AMOUNT);
            Api.expect(202, api.call("POST", "/api/rounds/" + round + "/open", ceo, null));
            InvestRush.awaitOpen(api, round);
            String escrow = db.strings("select lower(contract_address) from funding_round where id = '" + round + "'")
                    .get(0);

            String templateToken = api.login(templateEmail, InvestRush.PASSWORD);
            var investors = seed(db, templateId, n + 1);
            InvestRush.mint(platform, investors, 2 * InvestRush.AMOUNT);
            var forger = new InvestRush.TokenForger(templateToken, signingKey);
            for (var investor : investors) {
                investor.token = forger.forge(investor);
            }
            var rush = investors.subList(0, n);
            var alone = investors.get(n);

            // the rush: every investor reserves, then all sign at the same moment
            var ids = new ArrayList<String>();
            for (var investor : rush) {
                ids.add(Api.expect(201, api.call("POST", "/api/rounds/" + round + "/investments", investor.token,
                        body("amount", Integer.toString(InvestRush.AMOUNT)))).get("id").asText());
            }
            Instant start = Instant.now();
            signAll(api, rush, ids);
            awaitConfirmed(db, ids);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            String keys = ids.stream().map(id -> "'round-deposit:" + id + "'").collect(Collectors.joining(",", "(", ")"));
            // every transaction that carried a rush deposit: the batches, and any deposit that went alone
            String carriers = "select distinct coalesce(t.carrier_id, t.id) from chain_transaction t where t.business_key in "
                    + keys;
            long transactions = db.number("select count(*) from (" + carriers + ") c");
            long batches = db.number("select count(*) from chain_transaction where id in (" + carriers
                    + ") and kind = 'round-deposit-batch'");
            long gas = db.number("select sum(gas_used) from chain_transaction where id in (" + carriers + ")");
            long confirmed = db.number("select count(*) from chain_transaction where status = 'CONFIRMED' and "
                    + "business_key in " + keys);
            long deposited = db.number("select count(*) from chain_event where contract = '" + escrow
                    + "' and event_name = 'Deposited' and not removed");

            // the floor, same run: one first-time investor's deposit sent alone (the round's slots already exist)
            String single = Api.expect(201, api.call("POST", "/api/rounds/" + round + "/investments", alone.token,
                    body("amount", Integer.toString(InvestRush.AMOUNT)))).get("id").asText();
            Api.expect(202, api.call("POST", "/api/investments/" + single + "/sign", alone.token,
                    body("walletPassword", InvestRush.WALLET_PASSWORD)));
            awaitConfirmed(db, List.of(single));
            long singleGas = db.number("select gas_used from chain_transaction where business_key = 'round-deposit:"
                    + single + "' and carrier_id is null");

            measured("deposit.investors", n, "investors", "signed at once into one round, first-time investors");
            measured("deposit.confirmed", confirmed, "deposits", deposited + " Deposited events indexed for the round");
            measured("deposit.transactions", transactions, "transactions", batches + " of them depositBatch");
            measured("deposit.rushSeconds", Figures.fixed(seconds, 1), "s", "from the first signature to the last CONFIRMED");
            measured("deposit.gasPerInvestor", gas / Math.max(1, confirmed), "gas",
                    "gas_used of the transactions carrying the rush / deposits confirmed");
            measured("deposit.single.gas", singleGas, "gas", "the floor: one deposit sent alone, first-time investor");
            Figures.verdict("deposit.gasPerInvestor.goal", confirmed == n && gas / Math.max(1, confirmed) <= GOAL,
                    "<= " + GOAL + " gas per investor in the rush, every deposit confirmed");
        } finally {
            BenchPlatform.deleteTree(work);
        }
    }

    /** Investors with wallets of their own keys (light keystores), accounts and sessions as signup and login write them. */
    static List<InvestRush.Investor> seed(Database db, String templateId, int count) throws Exception {
        var investors = new ArrayList<InvestRush.Investor>();
        try (var connection = db.connect()) {
            connection.setAutoCommit(false);
            String hash;
            try (var query = connection.prepareStatement("select password_hash from account where id = ?::uuid")) {
                query.setString(1, templateId);
                var rs = query.executeQuery();
                rs.next();
                hash = rs.getString(1);
            }
            try (var account = connection.prepareStatement("""
                    insert into account (id, email, name, password_hash, role, investor_category, created_at, updated_at, version,
                                         email_verified_at)
                    values (?, ?, ?, ?, 'INVESTOR', 'GENERAL', now(), now(), 0, now())""");
                 var wallet = connection.prepareStatement("""
                         insert into wallet (account_id, address, keystore, created_at, updated_at, version)
                         values (?, ?, ?, now(), now(), 0)""");
                 var session = connection.prepareStatement("""
                         insert into session_family (id, account_id, created_at, expires_at)
                         values (?, ?, now(), now() + interval '1 day')""")) {
                for (int i = 0; i < count; i++) {
                    var key = Keys.createEcKeyPair();
                    var investor = new InvestRush.Investor(UUID.randomUUID(), UUID.randomUUID(),
                            Keys.toChecksumAddress(Keys.getAddress(key)));
                    account.setObject(1, investor.id);
                    account.setString(2, "deposit-" + i + "-" + investor.id + "@example.com");
                    account.setString(3, "Deposit Investor " + i);
                    account.setString(4, hash);
                    account.addBatch();
                    wallet.setObject(1, investor.id);
                    wallet.setString(2, investor.address);
                    wallet.setString(3, Api.JSON.writeValueAsString(Wallet.createLight(InvestRush.WALLET_PASSWORD, key)));
                    wallet.addBatch();
                    session.setObject(1, investor.session);
                    session.setObject(2, investor.id);
                    session.addBatch();
                    investors.add(investor);
                }
                account.executeBatch();
                wallet.executeBatch();
                session.executeBatch();
            }
            connection.commit();
        }
        return investors;
    }

    private static void signAll(Api api, List<InvestRush.Investor> investors, List<String> ids) {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(investors.size());
        try {
            var calls = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < investors.size(); i++) {
                var investor = investors.get(i);
                String id = ids.get(i);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // a 503 service.busy changed nothing and asks to retry in a moment: the client does
                    var answer = api.call("POST", "/api/investments/" + id + "/sign", investor.token,
                            body("walletPassword", InvestRush.WALLET_PASSWORD));
                    for (int attempt = 1; answer.statusCode() == 503 && attempt < 20; attempt++) {
                        try {
                            Thread.sleep(250L * attempt);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                        answer = api.call("POST", "/api/investments/" + id + "/sign", investor.token,
                                body("walletPassword", InvestRush.WALLET_PASSWORD));
                    }
                    return answer;
                }, pool));
            }
            start.countDown();
            calls.forEach(call -> Api.expect(202, call.join()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitConfirmed(Database db, List<String> ids) throws InterruptedException {
        String in = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
        Instant deadline = Instant.now().plusSeconds(300);
        while (db.number("select count(*) from investment where id in " + in + " and status in ('CONFIRMED', 'FAILED')")
                < ids.size()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("deposits not final after 300 s");
            }
            Thread.sleep(200);
        }
    }
}
