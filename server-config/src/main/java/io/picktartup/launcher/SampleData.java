package io.picktartup.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sample data for the run command, loaded once into a fresh platform through its own API (so every rule applies):
 * the startups of {@value #DATASET} across a dozen sectors with their CEOs, profiles, teams, three years of monthly
 * figures ({@link SampleFigures}) and outside rounds, a few open funding rounds whose escrows are on the dev chain,
 * and a demo investor holding PKN; then the SSI job, so the catalogue shows scores.
 * Nothing here runs in tests or production.
 */
final class SampleData {

    static final String INVESTOR_EMAIL = "investor@sample.picktartup.local";
    static final String PASSWORD = "sample account passphrase";
    static final String WALLET_PASSWORD = "sample wallet passphrase";

    /** The dataset: profiles, teams, outside rounds, open rounds, and each startup's story for its figures. */
    static final String DATASET = "/sample/startups.json";
    /** CEO sign-ups derive a wallet key (scrypt, ~1 s and 256 MiB each): a few at a time, as the server allows. */
    private static final int PARALLEL = 3;

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    SampleData(URI base) {
        this.base = base;
    }

    /** Loads the samples unless the platform has startups already; returns what it did, for the banner. */
    /** The platform being loaded: its database marks the sample addresses verified. */
    private Platform platform;

    String loadInto(Platform platform, String adminEmail, String adminPassword, java.nio.file.Path adminPasswordFile)
            throws IOException, InterruptedException {
        if (call("GET", "/api/startups?size=1", null, null).path("total").asLong() > 0) {
            return "kept (the database has startups already)";
        }
        long started = System.nanoTime();
        this.platform = platform;
        String admin = login(adminEmail, adminPassword);
        if (call("GET", "/api/accounts/me", admin, null).path("passwordChangeRequired").asBoolean()) {
            // the dev admin's initial password must be changed at the first login: a new generated one, kept in the
            // same file for the developer (logging in again keeps the session ids apart)
            String chosen = Launcher.generatedPassword();
            call("PUT", "/api/accounts/me/password", admin, ordered("currentPassword", adminPassword,
                    "newPassword", chosen));
            Launcher.writeOwnerOnly(adminPasswordFile, chosen);
        }
        JsonNode dataset;
        try (var in = SampleData.class.getResourceAsStream(DATASET)) {
            if (in == null) {
                throw new IOException(DATASET + " is missing from the launcher's class path");
            }
            dataset = json.readTree(in);
        }
        YearMonth lastMonth = YearMonth.now(ZoneId.of("Asia/Seoul")).minusMonths(1);
        var pool = Executors.newFixedThreadPool(PARALLEL);
        int rounds = 0;
        try {
            var loads = new ArrayList<Future<Boolean>>();
            for (var startup : dataset.path("startups")) {
                loads.add(pool.submit(() -> load(admin, startup, lastMonth)));
            }
            for (var load : loads) {
                rounds += load.get() ? 1 : 0;
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        var investor = signUp(INVESTOR_EMAIL, "Sample Investor");
        mint(platform, investor.path("walletAddress").asText(), BigInteger.valueOf(5_000));
        return dataset.path("startups").size() + " startups (" + rounds + " with open rounds) in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s, " + score(admin)
                + "; investor " + INVESTOR_EMAIL + " / " + PASSWORD + " (wallet password: " + WALLET_PASSWORD
                + ") holding 5,000 PKN";
    }

    /**
     * One startup as its people would enter it: the admin registers it (with its profile) for its CEO, the CEO
     * fills in the team, figures and outside rounds, and opens its round on Picktartup if it has one. True if a round was opened.
     */
    private boolean load(String admin, JsonNode sample, YearMonth lastMonth) throws IOException, InterruptedException {
        String slug = sample.path("slug").asText();
        String email = "ceo." + slug + "@sample.picktartup.local";
        String ceoName = sample.path("team").path(0).path("name").asText("CEO").replaceAll(" \\(.*\\)$", "");
        var ceo = signUp(email, ceoName);
        call("PUT", "/api/admin/accounts/" + ceo.path("id").asText() + "/role", admin, Map.of("role", "STARTUP"));
        String ceoToken = login(email, PASSWORD);

        var profile = ordered("name", sample.path("name").asText(), "nameEn", sample.path("nameEn").asText(),
                "aliases", sample.path("aliases"), "pitch", sample.path("pitch").asText(),
                "description", sample.path("description").asText(), "sector", sample.path("sector").asText(),
                "stage", sample.path("stage").asText(), "foundedOn", sample.path("foundedOn").asText(),
                "website", sample.path("website").asText());
        var registration = new LinkedHashMap<>(profile);
        registration.put("ceoAccountId", ceo.path("id").asText());
        registration.put("walletAddress", ceo.path("walletAddress").asText());
        String id = call("POST", "/api/admin/startups", admin, registration).path("id").asText();
        String startup = "/api/startups/" + id;
        call("PUT", startup + "/team", ceoToken, sample.path("team"));
        call("PUT", startup + "/figures", ceoToken, SampleFigures.monthly(slug, sample.path("story"),
                LocalDate.parse(sample.path("foundedOn").asText()), sample.path("externalRounds"), lastMonth));
        for (var outside : sample.path("externalRounds")) {
            call("POST", startup + "/external-rounds", ceoToken, outside);
        }
        var open = sample.path("openRound");
        if (open.isMissingNode()) {
            return false;
        }
        var round = call("POST", "/api/rounds", ceoToken, ordered("startupId", id,
                "name", open.path("name").asText(), "goal", open.path("goal").asText(),
                "hardCap", open.path("hardCap").asText(), "minInvestment", open.path("minimum").asText(),
                "pricePerShareKrw", open.path("priceKrw").asLong(),
                "preMoneyValuationKrw", open.path("valuationKrw").asLong(),
                "deadline", Instant.now().plus(Duration.ofDays(open.path("days").asInt(21)))
                        .truncatedTo(ChronoUnit.SECONDS).toString(),
                "terms", "보통주(Common shares). 투자금은 마감일까지 에스크로 계약에 보관되며, 목표 미달 시 전액 자동 환불됩니다.\n"
                        + "Funds stay in the round's escrow contract until the deadline and are refunded in full "
                        + "if the goal is not met. You may cancel until 48 hours before the deadline."));
        call("POST", "/api/rounds/" + round.path("id").asText() + "/open", ceoToken, null);
        return true;
    }

    /** Starts the SSI job so the catalogue shows scores at once; a platform without it is still usable. */
    private String score(String admin) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve("/api/admin/jobs/ssi-scoring")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() < 300 ? "SSI scoring started"
                : "SSI scoring not started (" + response.statusCode() + ")";
    }

    /**
     * Signs a sample user up through the API, then marks the address verified in the database (these addresses
     * take no mail: the sample users are usable out of the box), and reads the account (id, wallet address).
     */
    private JsonNode signUp(String email, String name) throws IOException, InterruptedException {
        call("POST", "/api/auth/signup", null,
                ordered("email", email, "password", PASSWORD, "name", name, "walletPassword", WALLET_PASSWORD));
        // the account is written just after the signup's answer (on the server's executor): wait until it is there
        // (verified now, or already: an earlier load that stopped half-way signed it up)
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var connection = platform.connect(); var update = connection.prepareStatement("""
                    with verified as (
                        update account set email_verified_at = now(), verification_token_hash = null,
                                           verification_expires_at = null
                        where email = ? and email_verified_at is null returning id)
                    select (select count(*) from verified) + (select count(*) from account
                                                              where email = ? and email_verified_at is not null)""")) {
                update.setString(1, email.toLowerCase(java.util.Locale.ROOT));
                update.setString(2, email.toLowerCase(java.util.Locale.ROOT));
                try (var result = update.executeQuery()) {
                    if (result.next() && result.getLong(1) > 0) {
                        break;
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IOException("could not verify the sample account " + email, e);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the sample account " + email + " was not written within 60 s");
            }
            Thread.sleep(20);
        }
        return call("GET", "/api/accounts/me", login(email, PASSWORD), null);
    }

    private String login(String email, String password) throws IOException, InterruptedException {
        return call("POST", "/api/auth/login", null, ordered("email", email, "password", password))
                .path("access_token").asText();
    }

    /** A mint intent in the platform's chain outbox, as a verified card payment would queue it. */
    private static void mint(Platform platform, String to, BigInteger tokens) throws IOException {
        String paymentId = "sample-data:" + to;
        String data = FunctionEncoder.encode(new Function("mint", List.of(new Address(to),
                new Uint256(tokens.multiply(BigInteger.TEN.pow(18))),
                new Bytes32(Hash.sha3(paymentId.getBytes(StandardCharsets.UTF_8)))), List.of()));
        try (var connection = platform.connect(); var insert = connection.prepareStatement("""
                insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                               status, attempts, created_at, updated_at)
                values (?, 'mint', ?, ?, ?, 200000, 'QUEUED', 0, now(), now())
                on conflict (business_key) do nothing""")) {
            insert.setString(1, "mint:" + paymentId);
            insert.setString(2, Platform.devAccount(DevChain.MINTER).getAddress().toLowerCase());
            insert.setString(3, platform.contracts().get("token").toLowerCase());
            insert.setString(4, data);
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IOException("could not queue the sample mint", e);
        }
    }

    private JsonNode call(String method, String path, String token, Object body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
