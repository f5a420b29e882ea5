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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sample data for the run command, loaded once into a fresh platform through its own API (so every rule applies):
 * startups with their CEOs, open funding rounds whose escrows are on the dev chain, and a demo investor holding PKN.
 * Nothing here runs in tests or production.
 */
final class SampleData {

    static final String INVESTOR_EMAIL = "investor@sample.picktartup.local";
    static final String PASSWORD = "sample account passphrase";
    static final String WALLET_PASSWORD = "sample wallet passphrase";

    private record Sample(String name, String pitch, String description, String sector, String founded, String round,
                          long goal, long hardCap, long minimum, long priceKrw, long valuationKrw, int days) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("픽업로지스 (PickupLogis)", "30분 안에 도착하는 동네 퀵커머스 물류 / 30-minute neighbourhood delivery",
                    "서울 12개 구에서 다크스토어 40곳을 운영하는 퀵커머스 물류 스타트업입니다. "
                            + "A quick-commerce logistics startup running 40 dark stores across 12 districts of Seoul.",
                    "Logistics", "2021-03-02", "Series A", 300_000, 500_000, 100, 10_000, 18_000_000_000L, 21),
            new Sample("메디브릿지 (MediBridge)", "동네 의원과 약국을 잇는 비대면 처방 플랫폼 / Telemedicine prescriptions",
                    "의원 1,200곳과 약국 3,000곳이 쓰는 비대면 진료·처방 전달 플랫폼. "
                            + "Remote consultations and e-prescriptions used by 1,200 clinics and 3,000 pharmacies.",
                    "HealthTech", "2020-09-14", "Seed", 150_000, 200_000, 50, 5_000, 9_500_000_000L, 14),
            new Sample("그린셀 에너지 (GreenCell Energy)", "폐배터리 재사용 ESS / Second-life battery storage",
                    "전기차 폐배터리를 재사용한 에너지저장장치(ESS)를 만드는 기후테크 스타트업. "
                            + "Climate tech: energy storage built from second-life EV batteries.",
                    "ClimateTech", "2022-01-10", "Pre-Series A", 400_000, 800_000, 100, 20_000, 25_000_000_000L, 30));

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    SampleData(URI base) {
        this.base = base;
    }

    /** Loads the samples unless the platform has startups already; returns what it did, for the banner. */
    String loadInto(Platform platform, String adminEmail, String adminPassword) throws IOException, InterruptedException {
        if (call("GET", "/api/startups", null, null).path("total").asLong() > 0) {
            return "kept (the database has startups already)";
        }
        String admin = login(adminEmail, adminPassword);
        for (var sample : SAMPLES) {
            String slug = sample.sector().toLowerCase();
            var ceo = signUp("ceo." + slug + "@sample.picktartup.local", "CEO of " + sample.name());
            call("PUT", "/api/admin/accounts/" + ceo.path("id").asText() + "/role", admin, Map.of("role", "STARTUP"));
            String ceoToken = login("ceo." + slug + "@sample.picktartup.local", PASSWORD);
            var startup = call("POST", "/api/admin/startups", admin, ordered("name", sample.name(), "pitch", sample.pitch(),
                    "description", sample.description(), "sector", sample.sector(), "foundedOn", sample.founded(),
                    "ceoAccountId", ceo.path("id").asText(), "walletAddress", ceo.path("walletAddress").asText()));
            var round = call("POST", "/api/rounds", ceoToken, ordered("startupId", startup.path("id").asText(),
                    "name", sample.round(), "goal", Long.toString(sample.goal()), "hardCap", Long.toString(sample.hardCap()),
                    "minInvestment", Long.toString(sample.minimum()), "pricePerShareKrw", sample.priceKrw(),
                    "preMoneyValuationKrw", sample.valuationKrw(),
                    "deadline", Instant.now().plus(Duration.ofDays(sample.days())).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "terms", "보통주(Common shares). 투자금은 마감일까지 에스크로 계약에 보관되며, 목표 미달 시 전액 자동 환불됩니다.\n"
                            + "Funds stay in the round's escrow contract until the deadline and are refunded in full "
                            + "if the goal is not met. You may cancel until 48 hours before the deadline."));
            call("POST", "/api/rounds/" + round.path("id").asText() + "/open", ceoToken, null);
        }
        var investor = signUp(INVESTOR_EMAIL, "Sample Investor");
        mint(platform, investor.path("walletAddress").asText(), BigInteger.valueOf(5_000));
        return SAMPLES.size() + " startups with open rounds; investor " + INVESTOR_EMAIL + " / " + PASSWORD
                + " (wallet password: " + WALLET_PASSWORD + ") holding 5,000 PKN";
    }

    private JsonNode signUp(String email, String name) throws IOException, InterruptedException {
        return call("POST", "/api/auth/signup", null,
                ordered("email", email, "password", PASSWORD, "name", name, "walletPassword", WALLET_PASSWORD));
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
            insert.setString(2, Platform.devAccount(1).getAddress().toLowerCase());
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
