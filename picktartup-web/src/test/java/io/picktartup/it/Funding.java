package io.picktartup.it;

import jakarta.json.JsonObject;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers for rounds: a startup with its CEO, an open round, investors holding PKN. */
final class Funding {

    static final BigInteger PKN = BigInteger.TEN.pow(18);
    private static volatile String adminToken;
    private static volatile long adminTokenAt;

    private Funding() {
    }

    /**
     * An admin's access token, logged in again before it expires (access tokens live 10 minutes; a whole run on a
     * busy machine lasts longer).
     */
    static synchronized String admin() {
        if (adminToken == null || System.nanoTime() - adminTokenAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(5)) {
            var login = Accounts.loginResponse(RunningPlatform.ADMIN_EMAIL, RunningPlatform.ADMIN_PASSWORD,
                    Accounts.client());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            adminToken = Http.json(login).getString("access_token");
            adminTokenAt = System.nanoTime();
        }
        return adminToken;
    }

    /**
     * Forgets the admin's token: after the platform's clock moved (time travel) a token issued before may have expired
     * in business time, so the next {@link #admin()} logs in again.
     */
    static synchronized void forgetAdmin() {
        adminToken = null;
    }

    /** A registered startup and its CEO (a STARTUP account, logged in again after the role changed). */
    record Startup(String id, String name, String wallet, Accounts.Session ceo) {
    }

    static Startup startup(String name) throws Exception {
        var founder = Accounts.Session.open("ceo");
        var role = Accounts.call("PUT", "/api/admin/accounts/" + founder.id() + "/role", admin(),
                Accounts.body("role", "STARTUP"));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        var tokens = Accounts.login(founder.email());
        var ceo = new Accounts.Session(founder.id(), founder.email(), founder.walletAddress(),
                tokens.getString("access_token"), tokens.getString("refresh_token"));
        String wallet = ChainIT.newAddress();
        String unique = name + " " + java.util.UUID.randomUUID().toString().substring(0, 6);
        var created = Accounts.call("POST", "/api/admin/startups", admin(), Accounts.body("name", unique,
                "pitch", "Seoul's fastest pickup network", "description", "퀵커머스 물류 스타트업 / quick-commerce logistics",
                "sector", "Logistics", "foundedOn", "2021-03-02", "ceoAccountId", ceo.id(), "walletAddress", wallet));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Startup(Http.json(created).getString("id"), unique, wallet, ceo);
    }

    static String draftBody(Startup startup, String goal, String hardCap, String min, long priceKrw, Instant deadline) {
        return jakarta.json.Json.createObjectBuilder().add("startupId", startup.id()).add("name", "Seed round")
                .add("goal", goal).add("hardCap", hardCap).add("minInvestment", min).add("pricePerShareKrw", priceKrw)
                .add("preMoneyValuationKrw", 3_000_000_000L)
                .add("deadline", deadline.truncatedTo(ChronoUnit.SECONDS).toString())
                .add("terms", "보통주 발행. 투자금은 마감일까지 에스크로 계약에 보관됩니다.\n"
                        + "Common shares; funds held in escrow until the deadline.")
                .build().toString();
    }

    /** Drafts and opens a round; waits until its escrow is mined (OPEN). */
    static JsonObject openRound(Startup startup, String goal, String hardCap, String min, long priceKrw,
                                Instant deadline) throws Exception {
        var drafted = Accounts.call("POST", "/api/rounds", startup.ceo().accessToken(),
                draftBody(startup, goal, hardCap, min, priceKrw, deadline));
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String id = Http.json(drafted).getString("id");
        var opening = Accounts.call("POST", "/api/rounds/" + id + "/open", startup.ceo().accessToken(), null);
        assertThat(opening.statusCode()).as(opening.body()).isEqualTo(202);
        return awaitRound(id, "OPEN");
    }

    static JsonObject round(String id) {
        var response = Http.request("GET", "/api/rounds/" + id, java.util.Map.of(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    static JsonObject awaitRound(String id, String status) throws Exception {
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("round " + id + " is " + status, () -> {
            last[0] = round(id);
            return status.equals(last[0].getString("status"));
        }, Duration.ofSeconds(30));
        return last[0];
    }

    /** Mints {@code tokens} PKN to the wallet and waits until it is final. */
    static void fund(String wallet, long tokens) throws Exception {
        byte[] paymentId = ChainIT.randomId();
        ChainIT.awaitStatus(ChainIT.queueMint("mint:" + ChainIT.hex(paymentId), wallet,
                PKN.multiply(BigInteger.valueOf(tokens)), paymentId), "CONFIRMED", Duration.ofSeconds(30));
    }

    static JsonObject investment(Accounts.Session investor, String id) {
        var response = Accounts.call("GET", "/api/investments/" + id, investor.accessToken(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    static JsonObject awaitInvestment(Accounts.Session investor, String id, String status) throws Exception {
        JsonObject[] last = new JsonObject[1];
        ChainIT.await("investment " + id + " is " + status, () -> {
            last[0] = investment(investor, id);
            return status.equals(last[0].getString("status"));
        }, Duration.ofSeconds(30));
        return last[0];
    }

    static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }
}
