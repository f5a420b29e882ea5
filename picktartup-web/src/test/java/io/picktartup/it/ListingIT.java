package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing a startup over the API: one open application per account, an admin approves (the applicant becomes a
 * STARTUP account, the startup is registered once however often approval is repeated, the applicant is mailed) or
 * rejects with a reason (mailed); a non-admin cannot decide; bad input names every field and stores nothing. Then
 * the new CEO reports figures by CSV, where every bad line and cell is named and nothing is stored when one is bad.
 */
@ExtendWith(RunningPlatform.class)
class ListingIT {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anApprovedApplicationRegistersTheStartupOnceMakesItsCeoAndMailsThem() throws Exception {
        var founder = Accounts.Session.open("listing");
        String name = "리스팅 " + UUID.randomUUID().toString().substring(0, 8);
        String wallet = ChainIT.newAddress();
        var applied = apply(founder, application(name, wallet, document("사업자등록증.pdf", "application/pdf", PDF)));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        var listing = Http.json(applied);
        assertThat(listing.getString("status")).isEqualTo("SUBMITTED");
        assertThat(listing.getString("walletAddress")).isEqualToIgnoringCase(wallet);
        var documents = listing.getJsonArray("documents");
        assertThat(documents).hasSize(1);
        assertThat(documents.getJsonObject(0).getString("sha256"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(documents.getJsonObject(0).getString("fileName")).isEqualTo("사업자등록증.pdf");
        String id = listing.getString("id");

        // the applicant reads it back, document included; a second application while this one is open is refused
        var mine = Accounts.call("GET", "/api/accounts/me/listing", founder.accessToken(), null);
        assertThat(Http.json(mine).getString("id")).isEqualTo(id);
        var document = Http.bytes("/api/accounts/me/listing/documents/" + documents.getJsonObject(0).getString("id"),
                Accounts.bearer(founder.accessToken()));
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).isEqualTo(PDF);
        var again = apply(founder, application(name + " 2", ChainIT.newAddress()));
        problem(again, 409, "listing.open-application");

        // an investor cannot decide: not their own, not anyone's
        var other = Accounts.Session.open("listing-other");
        problem(Accounts.call("POST", "/api/admin/listings/" + id + "/approve", founder.accessToken(), null), 403, null);
        problem(Accounts.call("POST", "/api/admin/listings/" + id + "/approve", other.accessToken(), null), 403, null);
        problem(Accounts.call("GET", "/api/admin/listings?status=SUBMITTED", other.accessToken(), null), 403, null);
        assertThat(Http.json(Accounts.call("GET", "/api/accounts/me", founder.accessToken(), null)).getString("role"))
                .isEqualTo("INVESTOR");

        var open = Accounts.call("GET", "/api/admin/listings?status=SUBMITTED", Funding.admin(), null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        try (var reader = Json.createReader(new java.io.StringReader(open.body()))) {
            assertThat(reader.readArray().getValuesAs(JsonObject.class)).extracting(o -> o.getString("id")).contains(id);
        }

        var approved = Accounts.call("POST", "/api/admin/listings/" + id + "/approve", Funding.admin(), null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        String startupId = Http.json(approved).getString("startupId");
        assertThat(Http.json(approved).getString("status")).isEqualTo("APPROVED");
        // approving again (a double click, a retry) answers the same and registers nothing more
        var twice = Accounts.call("POST", "/api/admin/listings/" + id + "/approve", Funding.admin(), null);
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(200);
        assertThat(Http.json(twice).getString("startupId")).isEqualTo(startupId);
        try (var db = RunningPlatform.database(); var st = db.prepareStatement("select count(*) from startup where name = ?")) {
            st.setString(1, name);
            try (var rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("startups registered").isEqualTo(1);
            }
        }
        var startup = Http.json(Http.get("/api/startups/" + startupId));
        assertThat(startup.getString("name")).isEqualTo(name);
        assertThat(Http.json(Accounts.call("GET", "/api/accounts/me", founder.accessToken(), null)).getString("role"))
                .isEqualTo("STARTUP");
        var mails = Mails.await(founder.email(), "승인", 1, Duration.ofSeconds(30));
        assertThat(mails).hasSize(1);
        assertThat(Mails.text(mails.get(0))).contains(name).contains("/ceo/");
        problem(Accounts.call("POST", "/api/admin/listings/" + id + "/reject", Funding.admin(),
                Accounts.body("reason", "too late")), 409, "listing.decided");

        // the new CEO reports figures by CSV: one bad file names every bad line and cell and stores nothing
        YearMonth last = YearMonth.now(ZoneId.of("Asia/Seoul")).minusMonths(1);
        String bad = "period,headcount,mau,revenueKrw,retention\n"
                + last.minusMonths(2) + ",12,1000,5000000,0.4\n"
                + last.minusMonths(1) + ",twelve,1000,-5,0.4\n"
                + "2026-13,12,1000,5000000,1.5\n"
                + last.plusMonths(3) + ",12,1000,5000000,0.4\n"
                + last.minusMonths(2) + ",12,1000,5000000,0.4\n";
        var refused = Accounts.call("POST", "/api/startups/" + startupId + "/figures/csv", founder.accessToken(),
                Json.createObjectBuilder().add("csv", bad).build().toString());
        assertThat(fields(refused)).containsExactlyInAnyOrder("line[3].headcount", "line[3].revenueKrw",
                "line[4].period", "line[4].retention", "line[5].period", "line[6].period");
        assertThat(Http.json(Http.get("/api/startups/" + startupId)).getJsonArray("figures")).isEmpty();
        var header = Accounts.call("POST", "/api/startups/" + startupId + "/figures/csv", founder.accessToken(),
                Json.createObjectBuilder().add("csv", "month,users\n2026-01,3\n").build().toString());
        assertThat(fields(header)).containsExactlyInAnyOrder("line[1].month", "line[1].users", "line[1].period");
        String good = "period,headcount,mau,retention,revenueKrw,operatingProfitKrw,cashKrw,burnKrw\r\n"
                + last.minusMonths(1) + ",10,900,0.35,4000000,-20000000,900000000,30000000\r\n"
                + last + ",12,1000,0.4,5000000,-18000000,870000000,31000000\r\n";
        var stored = Accounts.call("POST", "/api/startups/" + startupId + "/figures/csv", founder.accessToken(),
                Json.createObjectBuilder().add("csv", good).build().toString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        var figures = Http.json(Http.get("/api/startups/" + startupId)).getJsonArray("figures");
        assertThat(figures).hasSize(2);
        // another account cannot upload into this startup (an investor is refused by role: access.denied)
        problem(Accounts.call("POST", "/api/startups/" + startupId + "/figures/csv", other.accessToken(),
                Json.createObjectBuilder().add("csv", good).build().toString()), 403, null);
    }

    @Test
    void aRejectionNeedsAReasonWhichIsMailedAndTheApplicantMayApplyAgain() throws Exception {
        var founder = Accounts.Session.open("listing-rejected");
        String name = "반려 " + UUID.randomUUID().toString().substring(0, 8);
        var applied = apply(founder, application(name, ChainIT.newAddress()));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String id = Http.json(applied).getString("id");

        var noReason = Accounts.call("POST", "/api/admin/listings/" + id + "/reject", Funding.admin(),
                Accounts.body("reason", "  "));
        assertThat(fields(noReason)).containsExactly("reason");
        assertThat(Http.json(Accounts.call("GET", "/api/admin/listings/" + id, Funding.admin(), null))
                .getString("status")).isEqualTo("SUBMITTED");

        String reason = "사업자등록증이 흐릿합니다 / the certificate is unreadable";
        var rejected = Accounts.call("POST", "/api/admin/listings/" + id + "/reject", Funding.admin(),
                Accounts.body("reason", reason));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(Http.json(rejected).getString("status")).isEqualTo("REJECTED");
        var mails = Mails.await(founder.email(), "반려", 1, Duration.ofSeconds(30));
        assertThat(Mails.text(mails.get(0))).contains(reason).contains(name);
        // decided: neither approved nor rejected again, and no startup registered
        problem(Accounts.call("POST", "/api/admin/listings/" + id + "/approve", Funding.admin(), null), 409,
                "listing.decided");
        assertThat(Http.json(Accounts.call("GET", "/api/accounts/me", founder.accessToken(), null)).getString("role"))
                .isEqualTo("INVESTOR");
        var mine = Http.json(Accounts.call("GET", "/api/accounts/me/listing", founder.accessToken(), null));
        assertThat(mine.getString("reason")).isEqualTo(reason);
        // a rejected applicant may apply again
        var second = apply(founder, application(name, ChainIT.newAddress()));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    }

    @Test
    void badInputNamesEveryFieldAndStoresNothing() throws Exception {
        var founder = Accounts.Session.open("listing-bad");
        var body = Json.createObjectBuilder().add("name", "").add("pitch", "x").add("stage", "SERIES_Z")
                .add("foundedOn", "yesterday").add("website", "ftp://nope").add("walletAddress", "0x1234")
                .add("documents", Json.createArrayBuilder()
                        .add(document("virus.exe", "application/x-msdownload", new byte[]{1, 2, 3}))
                        .add(Json.createObjectBuilder().add("fileName", "a.pdf").add("contentType", "application/pdf")
                                .add("contentBase64", "%%% not base64 %%%")))
                .build().toString();
        var refused = apply(founder, body);
        assertThat(fields(refused)).contains("name", "description", "sector", "stage", "foundedOn", "website",
                "ceoName", "walletAddress", "documents[0].contentType", "documents[1].contentBase64");
        problem(Accounts.call("GET", "/api/accounts/me/listing", founder.accessToken(), null), 404, null);
        // an admin does not apply: they register startups directly
        problem(apply(Funding.admin(), application("관리자 " + UUID.randomUUID(), ChainIT.newAddress())), 409,
                "listing.admin-account");
        // nobody else's application is reachable
        var other = Accounts.Session.open("listing-peek");
        problem(Accounts.call("GET", "/api/accounts/" + founder.id() + "/listing", other.accessToken(), null), 404, null);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    static String application(String name, String wallet, jakarta.json.JsonObjectBuilder... documents) {
        var docs = Json.createArrayBuilder();
        for (var d : documents) {
            docs.add(d);
        }
        return Json.createObjectBuilder().add("name", name).add("nameEn", "Listing Co")
                .add("aliases", Json.createArrayBuilder().add("리스팅코"))
                .add("pitch", "서울의 가장 빠른 픽업 / Seoul's fastest pickup")
                .add("description", "퀵커머스 물류 스타트업 / quick-commerce logistics").add("sector", "Logistics")
                .add("stage", "SEED").add("foundedOn", "2022-03-02").add("website", "https://listing.example.com")
                .add("ceoName", "김대표").add("walletAddress", wallet).add("documents", docs).build().toString();
    }

    static jakarta.json.JsonObjectBuilder document(String fileName, String type, byte[] content) {
        return Json.createObjectBuilder().add("fileName", fileName).add("contentType", type)
                .add("contentBase64", Base64.getEncoder().encodeToString(content));
    }

    private static HttpResponse<String> apply(Accounts.Session who, String body) {
        return apply(who.accessToken(), body);
    }

    private static HttpResponse<String> apply(String token, String body) {
        return Accounts.call("POST", "/api/accounts/me/listing", token, body);
    }

    private static void problem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        if (code != null) {
            assertThat(Http.json(response).getString("code")).isEqualTo(code);
        }
    }

    private static List<String> fields(HttpResponse<String> response) {
        problem(response, 400, "request.invalid");
        JsonArray violations = Http.json(response).getJsonArray("violations");
        return violations.getValuesAs(JsonObject.class).stream().map(v -> v.getString("field")).toList();
    }
}
