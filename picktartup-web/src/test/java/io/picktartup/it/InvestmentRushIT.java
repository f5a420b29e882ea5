package io.picktartup.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 investors rush a nearly full round at once: exactly as many as fit get in, the rest get a 409 naming the hard
 * cap, and the round's committed total equals the sum of the accepted investments, never above the cap.
 */
@ExtendWith(RunningPlatform.class)
class InvestmentRushIT {

    private static final int INVESTORS = 200;

    @Test
    void aRushNeverOversubscribesTheRound() throws Exception {
        var startup = Funding.startup("Rush Robotics");
        // room for exactly 50 investments of 10 PKN
        var round = Funding.openRound(startup, "100", "500", "10", 10_000, Funding.inDays(7));
        var investors = seedInvestors(INVESTORS, 20);

        String path = "/api/rounds/" + round.getString("id") + "/investments";
        var start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(INVESTORS);
        try {
            for (String token : investors) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Accounts.call("POST", path, token, Accounts.body("amount", "10"));
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        long accepted = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 201).count();
        var refused = calls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 201).toList();
        assertThat(accepted).isEqualTo(50);
        assertThat(refused).hasSize(INVESTORS - 50).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("round.hard-cap");
        });
        String id = round.getString("id");
        assertThat(ChainIT.strings("select committed::text from funding_round where id = '" + id + "'"))
                .containsExactly(PKN.multiply(BigInteger.valueOf(500)).toString());
        assertThat(ChainIT.strings("select coalesce(sum(amount), 0)::text from investment where round_id = '" + id
                + "' and status = 'RESERVED'")).containsExactly(PKN.multiply(BigInteger.valueOf(500)).toString());
        assertThat(Funding.round(id).getString("committed")).isEqualTo("500");
    }

    /**
     * Investors straight in the database (a signup derives a scrypt key for ~1 s each: too slow for 200), each with a
     * wallet holding {@code pkn} PKN on chain and an access token for a live session of their own.
     */
    static List<String> seedInvestors(int count, long pkn) throws Exception {
        var template = Accounts.Session.open("rush-template");
        var tokens = new ArrayList<String>();
        var mints = new ArrayList<String>();
        try (var db = RunningPlatform.database()) {
            db.setAutoCommit(false);
            var account = db.prepareStatement("""
                    insert into account (id, email, name, password_hash, role, investor_category, created_at, updated_at,
                                         email_verified_at)
                    select ?, ?, 'Rush Investor', password_hash, 'INVESTOR', 'GENERAL', now(), now(), now()
                    from account where id = ?""");
            var wallet = db.prepareStatement("""
                    insert into wallet (account_id, address, keystore, created_at, updated_at)
                    select ?, ?, keystore, now(), now() from wallet where account_id = ?""");
            var session = db.prepareStatement("""
                    insert into session_family (id, account_id, created_at, expires_at) values (?, ?, now(), ?)""");
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                UUID family = UUID.randomUUID();
                String address = ChainIT.newAddress();
                account.setObject(1, id);
                account.setString(2, "rush." + id + "@example.com");
                account.setObject(3, UUID.fromString(template.id()));
                account.executeUpdate();
                wallet.setObject(1, id);
                wallet.setString(2, address);
                wallet.setObject(3, UUID.fromString(template.id()));
                wallet.executeUpdate();
                session.setObject(1, family);
                session.setObject(2, id);
                session.setTimestamp(3, Timestamp.from(Instant.now().plus(Duration.ofHours(2))));
                session.executeUpdate();
                tokens.add(Tokens.resigned(template.accessToken(), b -> b.subject(id.toString())
                        .claim("sid", family.toString()).jwtID(UUID.randomUUID().toString())));
                mints.add(address);
            }
            db.commit();
        }
        var keys = new ArrayList<String>();
        for (String address : mints) {
            byte[] paymentId = ChainIT.randomId();
            keys.add(ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), address, PKN.multiply(BigInteger.valueOf(pkn)),
                    paymentId));
        }
        for (String key : keys) {
            ChainIT.awaitStatus(key, "CONFIRMED", Duration.ofSeconds(60));
        }
        return tokens;
    }
}
