package io.picktartup.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.picktartup.it.Accounts.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 8: the access matrix, generated from the platform's own OpenAPI document (nothing listed by hand):
 * every operation × {no token, forged tokens (expired, alg none, another key, another audience, another issuer, an
 * admin claim under another key, garbage), another user's ids, an investor on admin operations}. Whether an operation
 * is public is read from its security requirements ({@code security: [{}]}, or {@code []}); an operation that declares none fails the
 * test, so a new endpoint cannot slip by unclassified. Never an HTML answer, never a 5xx.
 */
@ExtendWith(RunningPlatform.class)
class AccessMatrixIT {

    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    private static JsonObject document;
    private static List<Operation> operations;
    /** Alice: an investor. Bob: a startup's CEO who also invests; every id in the paths is one of his. */
    private static Accounts.Session alice;
    private static Funding.Startup bobsStartup;
    private static Accounts.Session bob;
    private static Map<String, String> bobsIds;

    record Operation(String method, String template, JsonObject definition, Optional<Boolean> isPublic) {
        boolean admin() {
            return template.startsWith("/api/admin/");
        }

        List<String> pathParameters() {
            var names = new ArrayList<String>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + template;
        }
    }

    @BeforeAll
    static void theDocumentAndTwoUsers() throws Exception {
        // the document is built on its first request: on a busy machine that takes a while
        var response = Http.request("GET", "/openapi", Map.of("Accept", "application/json"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            document = reader.readObject();
        }
        var global = Optional.ofNullable(document.get("security")).filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                .map(JsonValue::asJsonArray);
        operations = new ArrayList<>();
        for (var path : new TreeMap<>(document.getJsonObject("paths")).entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (var method : METHODS) {
                var definition = path.getValue().asJsonObject().getJsonObject(method);
                if (definition == null) {
                    continue;
                }
                var security = definition.containsKey("security") ? Optional.of(definition.getJsonArray("security"))
                        : global;
                operations.add(new Operation(method, path.getKey(), definition, security.map(AccessMatrixIT::isPublic)));
            }
        }

        alice = Accounts.Session.open("alice");
        bobsStartup = Funding.startup("Bob's Bakery");
        bob = bobsStartup.ceo();
        Funding.fund(bob.walletAddress(), 20);
        // Bob's objects: a coin order, a reservation in someone else's open round, a draft round of his startup, an
        // outside round in his startup's history
        var order = call("POST", "/api/accounts/me/coin-orders", bob.accessToken(), "{\"krwAmount\": 10000}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        var other = Funding.startup("Carol's Cargo");
        var open = Funding.openRound(other, "100", "1000", "1", 10_000, Funding.inDays(10));
        var reserved = call("POST", "/api/rounds/" + open.getString("id") + "/investments", bob.accessToken(),
                Accounts.body("amount", "10"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        var draft = call("POST", "/api/rounds", bob.accessToken(), Funding.draftBody(bobsStartup, "100", "1000", "1",
                10_000, Funding.inDays(20)));
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        var outside = call("POST", "/api/startups/" + bobsStartup.id() + "/external-rounds", bob.accessToken(),
                Accounts.body("roundName", "Seed", "announcedOn", "2022-05-01", "amountKrw", "100000000"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(201);
        bobsIds = new LinkedHashMap<>();
        bobsIds.put("accounts", bob.id());
        bobsIds.put("coin-orders", Http.json(order).getString("paymentId"));
        bobsIds.put("investments", Http.json(reserved).getString("id"));
        bobsIds.put("rounds", Http.json(draft).getString("id"));
        bobsIds.put("startups", bobsStartup.id());
        bobsIds.put("external-rounds", Http.json(outside).getJsonArray("fundingHistory").getJsonObject(0).getString("id"));
        // admin-only resources: an investor never gets as far as looking them up
        bobsIds.put("executions", "1");
        bobsIds.put("jobs", "round-settlement");
        bobsIds.put("sources", UUID.randomUUID().toString());
        bobsIds.put("documents", "ab".repeat(32)); // a contract document's SHA-256 (the public audit's check)
        bobsIds.put("shares", Http.json(draft).getString("id")); // a round whose shares Bob would send
        bobsIds.put("kyc-reviews", UUID.randomUUID().toString());
        bobsIds.put("recoveries", UUID.randomUUID().toString()); // a share recovery (admin-only steps)
        bobsIds.put("listings", UUID.randomUUID().toString());
        bobsIds.put("settings", "platform.investments-open"); // an operator switch (admin-only)
        System.out.println("[matrix] " + operations.size() + " operations in /openapi");
    }

    @Test
    void everyOperationDeclaresWhetherItNeedsAToken() {
        assertThat(operations).hasSizeGreaterThan(40);
        assertThat(operations.stream().filter(o -> o.isPublic().isEmpty()).map(Operation::toString))
                .as("operations without a security declaration (annotate @SecurityRequirement(name = \"bearer\") "
                        + "or, for public ones, an empty @SecurityRequirementsSet)").isEmpty();
        // the ones a hand-kept list used to miss are in the document, and protected
        for (String op : List.of("POST /api/accounts/{id}/coin-orders",
                "POST /api/accounts/{id}/coin-orders/{paymentId}/confirm", "POST /api/accounts/{id}/cash-outs",
                "GET /api/accounts/{id}/wallet/transfers", "GET /api/admin/jobs/executions/{id}")) {
            assertThat(operations.stream().filter(o -> o.toString().equals(op)).findFirst())
                    .as(op).hasValueSatisfying(o -> assertThat(o.isPublic()).contains(false));
        }
        var schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
        assertThat(schemes.getJsonObject("bearer").getString("scheme")).isEqualTo("bearer");
    }

    @Test
    void withoutATokenOrWithAForgedOneEveryProtectedOperationAnswersAProblem401() {
        String real = alice.accessToken();
        Map<String, UnaryOperator<String>> cases = new LinkedHashMap<>();
        cases.put("no token", token -> null);
        cases.put("expired", Tokens::expired);
        cases.put("alg none", Tokens::unsigned);
        cases.put("another key", Tokens::wrongKey);
        cases.put("another audience", Tokens::wrongAudience);
        cases.put("another issuer", Tokens::wrongIssuer);
        cases.put("admin claim, another key", Tokens::elevatedWithWrongKey);
        cases.put("garbage", token -> "not.a.jwt");
        int checked = 0;
        for (var operation : operations) {
            String path = fill(operation, bobsIds);
            String body = body(operation);
            for (var forgery : cases.entrySet()) {
                var response = call(operation.method().toUpperCase(Locale.ROOT), path, forgery.getValue().apply(real),
                        body);
                String what = forgery.getKey() + " on " + operation;
                neverHtmlNever5xx(response, what);
                if (operation.isPublic().orElse(false)) {
                    continue; // public: anything but a server error or a page (a login with wrong credentials is 401)
                }
                problem(response, 401, what);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
                checked++;
            }
        }
        System.out.println("access_matrix_token_cases: " + checked + " cases");
        // the untampered token still works: the 401s came from the tampering alone
        assertThat(call("GET", "/api/accounts/me", real, null).statusCode()).isEqualTo(200);
        // a scheme other than Bearer is refused the same way
        var basic = Http.request("GET", "/api/accounts/me", Map.of("Authorization", "Basic YTpi"), null);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(Http.json(basic).getString("code")).isEqualTo("auth.token-invalid");
    }

    @Test
    void anotherUsersIdsAreNotFoundOrForbiddenLeakNothingAndChangeNothing() throws Exception {
        String before = bobsFootprint();
        int checked = 0;
        for (var operation : operations) {
            if (operation.isPublic().orElse(true) || operation.admin()) {
                continue;
            }
            String body = body(operation);
            boolean addressesBob = !operation.pathParameters().isEmpty() || body != null && body.contains(bobsStartup.id());
            if (!addressesBob) {
                continue; // the caller's own things only: nothing of another user to reach
            }
            var response = call(operation.method().toUpperCase(Locale.ROOT), fill(operation, bobsIds),
                    alice.accessToken(), body);
            String what = "Alice on Bob's " + operation;
            neverHtmlNever5xx(response, what);
            assertThat(response.statusCode()).as(what + ": " + response.body()).isIn(403, 404);
            problem(response, response.statusCode(), what);
            assertThat(response.body()).as(what).doesNotContain(bob.email())
                    .doesNotContainIgnoringCase(bob.walletAddress());
            checked++;
        }
        System.out.println("access_matrix_foreign_id_cases: " + checked + " cases");
        assertThat(checked).isGreaterThan(20);
        assertThat(bobsFootprint()).as("Bob's rows after Alice's attempts").isEqualTo(before);
        // Bob's wallet password is unchanged: he still exports his keystore with it
        assertThat(call("POST", "/api/accounts/me/wallet/keystore", bob.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD)).statusCode()).isEqualTo(200);
        // ids that do not exist, or are not ids at all, answer the same as another user's
        assertThat(call("GET", "/api/accounts/00000000-0000-0000-0000-000000000000", alice.accessToken(), null)
                .statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/accounts/not-a-uuid", alice.accessToken(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void anInvestorOnEveryAdminOperationIsForbidden() {
        int checked = 0;
        for (var operation : operations.stream().filter(Operation::admin).toList()) {
            var response = call(operation.method().toUpperCase(Locale.ROOT), fill(operation, bobsIds),
                    alice.accessToken(), body(operation));
            String what = "an investor on " + operation;
            neverHtmlNever5xx(response, what);
            problem(response, 403, what);
            assertThat(response.body()).as(what).doesNotContain(bob.email());
            checked++;
        }
        System.out.println("access_matrix_admin_cases: " + checked + " cases");
        assertThat(checked).isGreaterThan(15);
    }

    // --- the document ----------------------------------------------------------------------------------------

    /** An empty requirement {@code {}} (or {@code security: []}): no token needed; otherwise a token is required. */
    private static boolean isPublic(JsonArray security) {
        return security.isEmpty() || security.stream().anyMatch(r -> r.asJsonObject().isEmpty());
    }

    /** The path with each parameter replaced by Bob's id of the resource it follows ({@code /rounds/{id}}). */
    private static String fill(Operation operation, Map<String, String> ids) {
        String[] segments = operation.template().split("/");
        var path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                String resource = segments[i - 1];
                String id = ids.get(resource);
                assertThat(id).as("an id of Bob's for the " + resource + " of " + operation).isNotNull();
                segment = id;
            }
            path.append('/').append(segment);
        }
        return path.toString();
    }

    /**
     * A valid JSON body for the operation, built from its request schema in the document: each property gets a
     * plausible value by its name and type (ids name Bob's objects), so a refusal comes from access, not validation.
     */
    private static String body(Operation operation) {
        var content = Optional.ofNullable(operation.definition().getJsonObject("requestBody"))
                .map(b -> b.getJsonObject("content"));
        if (content.isEmpty() || !content.get().containsKey("application/json")) {
            return content.isPresent() ? "{}" : null;
        }
        var schema = resolve(content.get().getJsonObject("application/json").getJsonObject("schema"));
        if ("array".equals(schema.getString("type", ""))) {
            return "[]";
        }
        var body = Json.createObjectBuilder();
        var properties = schema.getJsonObject("properties");
        if (properties != null) {
            for (var property : properties.entrySet()) {
                var type = resolve(property.getValue().asJsonObject()).getString("type", "object");
                body.add(property.getKey(), value(property.getKey(), type));
            }
        }
        return body.build().toString();
    }

    private static JsonValue value(String name, String type) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("amount")) {
            // amounts are JSON values the API parses itself (a string or a number), whatever schema type they get
            return Json.createValue("10");
        }
        if (type.equals("boolean")) {
            return JsonValue.TRUE;
        }
        if (type.equals("array")) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (type.equals("number") || type.equals("integer") || lower.endsWith("krw") || lower.startsWith("krw")) {
            return Json.createValue(lower.startsWith("offset") ? 0 : 10_000);
        }
        String text = switch (lower) {
            case "startupid" -> bobsStartup.id();
            case "ceoaccountid" -> bob.id();
            case "email" -> Accounts.email("matrix");
            case "password" -> Accounts.PASSWORD;
            case "walletpassword", "currentwalletpassword" -> Accounts.WALLET_PASSWORD;
            case "newwalletpassword" -> "a new wallet secret for the matrix";
            case "amount", "mininvestment" -> "10"; // one share of the test rounds (10,000 KRW at 1,000 KRW a PKN)
            case "goal" -> "100";
            case "hardcap" -> "1000";
            case "to", "walletaddress" -> "0x0000000000000000000000000000000000000001";
            case "deadline" -> Funding.inDays(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            case "foundedon", "announcedon" -> "2022-01-03";
            case "bankcode" -> "004";
            case "accountnumber" -> "3333-01-2345678";
            case "role" -> "ADMIN";
            case "category" -> "PROFESSIONAL";
            case "kind" -> "RSS";
            case "url", "website" -> "https://example.com/feed";
            case "language" -> "en";
            case "refreshtoken" -> "not-a-refresh-token";
            default -> "Matrix " + name;
        };
        return Json.createValue(text);
    }

    private static JsonObject resolve(JsonObject schema) {
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring(schema.getString("$ref").lastIndexOf('/') + 1);
            return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        }
        return schema;
    }

    // --- the answers -----------------------------------------------------------------------------------------

    private static void neverHtmlNever5xx(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isLessThan(500);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).doesNotContain("html");
        assertThat(response.body()).as(what).doesNotContainIgnoringCase("<html");
    }

    private static void problem(HttpResponse<String> response, int status, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.json(response).getInt("status")).as(what).isEqualTo(status);
        assertThat(Http.json(response).getString("code", "")).as(what).isNotBlank();
    }

    /**
     * Everything stored about Bob's things: every row of every table (logs of attempts aside) whose id-like column
     * holds one of his ids, hashed. Equal before and after means nothing of his changed.
     */
    private static String bobsFootprint() throws SQLException {
        var ids = new ArrayList<>(List.of(bob.id(), bobsStartup.id(), bobsIds.get("rounds"), bobsIds.get("investments"),
                bobsIds.get("external-rounds"), bobsIds.get("coin-orders"), bob.walletAddress().toLowerCase(Locale.ROOT)));
        var digest = new StringBuilder();
        try (var db = RunningPlatform.database()) {
            var columns = new ArrayList<String[]>();
            try (var rs = db.createStatement().executeQuery("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = 'public' and data_type in ('uuid', 'character varying')
                      and (column_name in ('id', 'payment_id', 'wallet_address', 'address') or column_name like '%\\_id')
                      and table_name not in ('audit_event', 'payment_notice', 'auth_throttle', 'chain_event',
                                             'flyway_schema_history', 'mail_message')
                    order by table_name, column_name""")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            String list = "'" + String.join("','", ids) + "'";
            for (var column : columns) {
                try (var rs = db.createStatement().executeQuery("select count(*), coalesce(md5(string_agg(t::text, '|' "
                        + "order by t::text)), '') from " + column[0] + " t where lower(" + column[1] + "::text) in ("
                        + list.toLowerCase(Locale.ROOT) + ")")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        digest.append(column[0]).append('.').append(column[1]).append('=').append(rs.getLong(1))
                                .append(':').append(rs.getString(2)).append('\n');
                    }
                }
            }
        }
        assertThat(digest).as("Bob's rows were found").contains("account.id=1");
        return digest.toString();
    }
}
