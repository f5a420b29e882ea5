import com.fasterxml.jackson.databind.ObjectMapper;
import io.picktartup.launcher.Platform;
import io.picktartup.launcher.PlatformOptions;
import io.picktartup.startup.boundary.StartupSearch;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keyword search over N generated startups (default 100,000): p50/p95 latency of typical queries (Korean and
 * English, whole and partial words, with and without filters) through the API, and beside it the very statements
 * the API runs ({@link StartupSearch#statement}) sent straight over JDBC to the same database: the floor. Queries are
 * sent one at a time by one client, after a warm-up. Prints "name: value unit".
 *
 * The startups are generated in SQL (bench/startups.sql): names, English names, pitches and descriptions built from
 * 20 sector words in Korean and English and 15 Korean name prefixes, so a sector word matches 5 % of the catalogue
 * (a broad query), a prefix + word about 0.3 % and a numbered name one startup; SSI scores spread 0 to 100.
 *
 *   java -cp "server-config/target/server-config-0.1.0-SNAPSHOT.jar:server-config/target/lib/*:picktartup-ejb/target/classes:<jakartaee-api>" bench/SearchBench.java [N]
 */
public class SearchBench {

    record Query(String name, String parameters) {
    }

    static final List<Query> QUERIES = List.of(
            new Query("korean_partial_broad", "q=" + enc("핀테")),              // 2 syllables of 핀테크: 5 % of startups
            new Query("korean_word", "q=" + enc("헬스케어")),
            new Query("korean_partial_narrow", "q=" + enc("하늘핀")),           // a prefix + part of a word: ~0.3 %
            new Query("korean_name", "q=" + enc("별빛모빌리티 4242")),
            new Query("english_prefix_broad", "q=fint"),
            new Query("english_prefix_narrow", "q=" + enc("Robotics 777")),
            new Query("mixed_with_filters", "q=" + enc("에너지 farm") + "&stage=SERIES_A&ssiMin=50"),
            new Query("no_match", "q=" + enc("존재하지않는회사")),
            new Query("catalogue_by_ssi", "sort=ssi&sector=" + enc("Sector 7")));

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = Integer.parseInt(System.getenv().getOrDefault("SEARCH_ROUNDS", "200"));
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("picktartup-search-bench");
        var options = new PlatformOptions(work, root.resolve("picktartup-web/target/picktartup.war"),
                root.resolve("server-config/target/runtime"), free(), false, Optional.empty(), free(),
                Optional.empty(), free(), free(),
                Optional.of(new PlatformOptions.DevChainOptions(PlatformOptions.defaultAnvil(root), free(), Optional.empty())),
                Map.of("PICKTARTUP_BATCH_HEARTBEAT_ON_BOOT", "false"), List.of("-Xmx1g", "-XX:+UseSerialGC"));
        try (var platform = Platform.start(options)) {
            long start = System.nanoTime();
            try (var db = platform.connect()) {
                generate(db, n, root.resolve("bench/startups.sql"));
            }
            System.out.printf("search_generate_seconds: %.1f s%n", (System.nanoTime() - start) / 1e9);
            System.out.println("search_startups: " + n + " startups");
            new SearchBench().measure(platform, rounds);
        }
    }

    /** Inserts n startups with their search vectors (the SQL file's :n is replaced), then analyses the table. */
    static void generate(Connection db, int n, Path sqlFile) throws Exception {
        String sql = Files.readString(sqlFile).replace(":n", Integer.toString(n));
        try (var statement = db.createStatement()) {
            for (var part : sql.split(";\\s*\\n")) {
                if (!part.isBlank()) {
                    statement.execute(part);
                }
            }
        }
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final ObjectMapper json = new ObjectMapper();

    void measure(Platform platform, int rounds) throws Exception {
        var all = new ArrayList<Double>();
        var allSql = new ArrayList<Double>();
        try (var db = platform.connect()) {
            for (var query : QUERIES) {
                var request = request(query.parameters());
                var statement = StartupSearch.statement(request);
                var page = db.prepareStatement(statement.sql());
                var count = db.prepareStatement(statement.countSql());
                bind(page, statement.parameters());
                bind(count, statement.countParameters());
                URI uri = platform.baseUri().resolve("/api/startups?" + query.parameters());
                long total = -1;
                for (int i = 0; i < 20; i++) { // warm-up: JIT, plan caches, pgjdbc's server-side prepare
                    total = api(uri);
                    sql(page, count);
                }
                var apiTimes = new double[rounds];
                var sqlTimes = new double[rounds];
                for (int i = 0; i < rounds; i++) { // interleaved, so both see the same machine
                    long t0 = System.nanoTime();
                    api(uri);
                    long t1 = System.nanoTime();
                    sql(page, count);
                    long t2 = System.nanoTime();
                    apiTimes[i] = (t1 - t0) / 1e6;
                    sqlTimes[i] = (t2 - t1) / 1e6;
                    all.add(apiTimes[i]);
                    allSql.add(sqlTimes[i]);
                }
                System.out.printf("search_%s_hits: %d startups%n", query.name(), total);
                System.out.printf("search_%s_api_p50: %.2f ms%n", query.name(), percentile(apiTimes, 50));
                System.out.printf("search_%s_api_p95: %.2f ms%n", query.name(), percentile(apiTimes, 95));
                System.out.printf("search_%s_sql_p50: %.2f ms%n", query.name(), percentile(sqlTimes, 50));
                System.out.printf("search_%s_sql_p95: %.2f ms%n", query.name(), percentile(sqlTimes, 95));
            }
        }
        double apiP95 = percentile(all.stream().mapToDouble(Double::doubleValue).toArray(), 95);
        double sqlP95 = percentile(allSql.stream().mapToDouble(Double::doubleValue).toArray(), 95);
        System.out.printf("search_api_p50: %.2f ms%n", percentile(all.stream().mapToDouble(Double::doubleValue).toArray(), 50));
        System.out.printf("search_api_p95: %.2f ms%n", apiP95);
        System.out.printf("search_sql_p50: %.2f ms%n", percentile(allSql.stream().mapToDouble(Double::doubleValue).toArray(), 50));
        System.out.printf("search_sql_p95: %.2f ms%n", sqlP95);
        System.out.printf("search_api_vs_sql_p95: %.2f x%n", apiP95 / sqlP95);
        System.out.println("search_goal_api_p95_within_2x_sql: " + (apiP95 <= 2 * sqlP95 ? "PASS" : "FAIL"));
        System.out.println("search_goal_api_p95_30ms: " + (apiP95 <= 30 ? "PASS" : "FAIL"));
    }

    long api(URI uri) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body()).path("total").asLong();
    }

    static void sql(java.sql.PreparedStatement page, java.sql.PreparedStatement count) throws Exception {
        try (var rows = page.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
        try (var rows = count.executeQuery()) {
            rows.next();
        }
    }

    static void bind(java.sql.PreparedStatement statement, List<Object> parameters) throws Exception {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /** The request the API builds from the same query string. */
    static StartupSearch.Request request(String parameters) {
        var map = new java.util.HashMap<String, String>();
        for (var pair : parameters.split("&")) {
            var kv = pair.split("=", 2);
            map.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return new StartupSearch.Request(map.get("q"), map.get("sector"), map.get("stage"),
                map.containsKey("ssiMin") ? new java.math.BigDecimal(map.get("ssiMin")) : null, null,
                Boolean.parseBoolean(map.get("openRound")), map.get("sort"), null, null);
    }

    static double percentile(double[] values, int p) {
        var sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static int free() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
