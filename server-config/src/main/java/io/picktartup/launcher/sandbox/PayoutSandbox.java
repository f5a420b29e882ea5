package io.picktartup.launcher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A bank-transfer (payout) API for the run command and the tests, in the shape of KFTC Open Banking v2.0 (금융결제원
 * 오픈뱅킹), the API Korean firm banking goes through:
 * <ul>
 *     <li>{@code POST /v2.0/inquiry/receive} (수취조회): who holds an account and whether it can receive:
 *     {@code rsp_code A0000}, {@code bank_rsp_code 000}, {@code account_holder_name};</li>
 *     <li>{@code POST /v2.0/transfer/deposit/acnt_num} (입금이체, by account number): one item in {@code req_list},
 *     idempotent on its {@code bank_tran_id}: the same id again gets the first answer, and pays once;</li>
 *     <li>{@code Authorization: Bearer <access token>} (anything else: 401, {@code rsp_code O0001});</li>
 *     <li>controls for tests under {@code /sandbox/} and as Java methods: register an account under a holder's name,
 *     make an account's transfers fail (the API answers 503: nothing known, so the platform retries) or be refused
 *     by the bank, list every transfer attempt.</li>
 * </ul>
 * An account nobody registered belongs to whoever asks: the inquiry answers the requesting customer's name
 * ({@code req_client_name}), so the run command pays out to any account number; a registered account answers its
 * holder's name. State in memory, thread-safe; the access token is random per start and never printed.
 */
public final class PayoutSandbox implements AutoCloseable {

    /** How transfers to an account fail. */
    public enum Failure { NONE, UNAVAILABLE, REFUSED }

    /** One transfer request as the sandbox saw it: its id, the HTTP status answered, and the bank's code. */
    public record Attempt(String bankTranId, String accountNum, long amount, int status, String bankRspCode,
                          Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NO_SUCH_ACCOUNT = "811";
    static final String REFUSED = "822";

    private final HttpServer server;
    private final ExecutorService workers;
    private final String accessToken;
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> answered = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    private PayoutSandbox(HttpServer server, String accessToken) {
        this.server = server;
        this.accessToken = accessToken;
        this.workers = Executors.newCachedThreadPool(WebhookSender.daemon("payout-sandbox-http"));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the sandbox on 127.0.0.1 ({@code port} 0: any free one). */
    public static PayoutSandbox start(int port) {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("The payout sandbox could not listen on port " + port, e);
        }
        return new PayoutSandbox(server, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public String accessToken() {
        return accessToken;
    }

    /** The settings the application needs to use this sandbox (MicroProfile Config names, as env variables). */
    public Map<String, String> applicationEnvironment() {
        var environment = new LinkedHashMap<String, String>();
        environment.put("PICKTARTUP_PAYOUT_API_URL", baseUri().toString());
        environment.put("PICKTARTUP_PAYOUT_ACCESS_TOKEN", accessToken);
        return environment;
    }

    // ---- controls ----------------------------------------------------------------------------------------------

    /** Registers an account under a holder's name: the inquiry answers that name from now on. */
    public void registerAccount(String bankCode, String accountNum, String holderName) {
        holders.put(key(bankCode, accountNum), holderName);
    }

    /** How transfers to this account number fail from now on (any bank). */
    public void failTransfers(String accountNum, Failure failure) {
        failures.put(digits(accountNum), failure);
    }

    /** Every transfer request so far, oldest first. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The transfer requests to one account number. */
    public List<Attempt> attempts(String accountNum) {
        String digits = digits(accountNum);
        return attempts.stream().filter(a -> a.accountNum().equals(digits)).toList();
    }

    /** The won paid out to one account number (each bank_tran_id once). */
    public long paidTo(String accountNum) {
        String digits = digits(accountNum);
        return answered.values().stream()
                .filter(a -> digits.equals(a.path("res_list").path(0).path("account_num").asText())
                        && "000".equals(a.path("res_list").path(0).path("bank_rsp_code").asText()))
                .mapToLong(a -> a.path("res_list").path(0).path("tran_amt").asLong()).sum();
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                if (path.startsWith("/v2.0/")) {
                    if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        respond(exchange, 401, JSON.createObjectNode().put("rsp_code", "O0001")
                                .put("rsp_message", "인증 실패: access token"));
                        return;
                    }
                    require(method.equals("POST"));
                    JsonNode body = JSON.readTree(read(exchange));
                    switch (path) {
                        case "/v2.0/inquiry/receive" -> respond(exchange, 200, inquiry(body));
                        case "/v2.0/transfer/deposit/acnt_num" -> transfer(exchange, body);
                        default -> respond(exchange, 404, JSON.createObjectNode().put("rsp_code", "O0002")
                                .put("rsp_message", "no such API"));
                    }
                } else if (path.equals("/sandbox/accounts") && method.equals("POST")) {
                    JsonNode body = JSON.readTree(read(exchange));
                    registerAccount(body.path("bank_code_std").asText(), body.path("account_num").asText(),
                            body.path("account_holder_name").asText());
                    respond(exchange, 200, JSON.createObjectNode().put("registered", true));
                } else if (path.equals("/sandbox/failures") && method.equals("POST")) {
                    JsonNode body = JSON.readTree(read(exchange));
                    failTransfers(body.path("account_num").asText(), Failure.valueOf(body.path("mode").asText()));
                    respond(exchange, 200, JSON.createObjectNode().put("mode", body.path("mode").asText()));
                } else if (path.equals("/sandbox/transfers") && method.equals("GET")) {
                    var list = JSON.createArrayNode();
                    for (var a : attempts()) {
                        list.addObject().put("bank_tran_id", a.bankTranId()).put("account_num", mask(a.accountNum()))
                                .put("tran_amt", a.amount()).put("status", a.status())
                                .put("bank_rsp_code", a.bankRspCode()).put("at", a.at().toString());
                    }
                    respond(exchange, 200, list);
                } else {
                    respond(exchange, 404, JSON.createObjectNode().put("rsp_code", "O0002")
                            .put("rsp_message", "no such resource"));
                }
            } catch (IOException | RuntimeException e) {
                respond(exchange, 400, JSON.createObjectNode().put("rsp_code", "O0003")
                        .put("rsp_message", "invalid request: " + e.getClass().getSimpleName()));
            }
        }
    }

    private ObjectNode inquiry(JsonNode body) {
        String bank = text(body, "bank_code_std");
        String account = digits(text(body, "account_num"));
        String holder = holders.getOrDefault(key(bank, account), text(body, "req_client_name"));
        var answer = JSON.createObjectNode()
                .put("api_tran_id", apiTranId())
                .put("api_tran_dtm", text(body, "tran_dtime"))
                .put("bank_tran_id", text(body, "bank_tran_id"))
                .put("bank_code_std", bank)
                .put("account_num", mask(account));
        if (holder == null || holder.isBlank()) {
            return answer.put("rsp_code", "A0002").put("rsp_message", "참가기관 에러")
                    .put("bank_rsp_code", NO_SUCH_ACCOUNT).put("bank_rsp_message", "계좌번호 오류 (no such account)");
        }
        return answer.put("rsp_code", "A0000").put("rsp_message", "").put("bank_rsp_code", "000")
                .put("bank_rsp_message", "").put("account_holder_name", holder);
    }

    private void transfer(HttpExchange exchange, JsonNode body) throws IOException {
        JsonNode item = body.path("req_list").path(0);
        String tranId = text(item, "bank_tran_id");
        String account = digits(text(item, "account_num"));
        long amount = Long.parseLong(text(item, "tran_amt"));
        require(tranId.length() == 20 && "1".equals(text(body, "req_cnt")) && amount > 0);
        var failure = failures.getOrDefault(account, Failure.NONE);
        var earlier = answered.get(tranId);
        if (earlier == null && failure == Failure.UNAVAILABLE) {
            attempts.add(new Attempt(tranId, account, amount, 503, null, Instant.now()));
            respond(exchange, 503, JSON.createObjectNode().put("rsp_code", "A0007")
                    .put("rsp_message", "처리중 오류 (the bank is not answering)"));
            return;
        }
        var answer = earlier != null ? earlier : answered.computeIfAbsent(tranId, id -> {
            boolean refused = failure == Failure.REFUSED || holders.containsKey(key(text(item, "bank_code_std"),
                    account)) && "on".equals(text(body, "name_check_option")) && !holders.get(
                    key(text(item, "bank_code_std"), account)).equals(text(item, "account_holder_name"));
            var result = JSON.createObjectNode()
                    .put("tran_no", "1")
                    .put("bank_tran_id", id)
                    .put("bank_tran_date", java.time.LocalDate.now().toString().replace("-", ""))
                    .put("bank_code_std", text(item, "bank_code_std"))
                    .put("account_num", account)
                    .put("account_holder_name", holders.getOrDefault(key(text(item, "bank_code_std"), account),
                            text(item, "account_holder_name")))
                    .put("tran_amt", Long.toString(amount))
                    .put("bank_rsp_code", refused ? REFUSED : "000")
                    .put("bank_rsp_message", refused ? "수취인 성명 불일치 또는 입금불가 계좌" : "");
            var node = JSON.createObjectNode()
                    .put("api_tran_id", apiTranId())
                    .put("api_tran_dtm", text(body, "tran_dtime"))
                    .put("rsp_code", refused ? "A0002" : "A0000")
                    .put("rsp_message", refused ? "참가기관 에러" : "")
                    .put("res_cnt", "1");
            node.putArray("res_list").add(result);
            return node;
        });
        attempts.add(new Attempt(tranId, account, amount, 200,
                answer.path("res_list").path(0).path("bank_rsp_code").asText(), Instant.now()));
        respond(exchange, 200, answer);
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).getBytes(StandardCharsets.UTF_8),
                accessToken.getBytes(StandardCharsets.UTF_8));
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("invalid request");
        }
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }

    private static String key(String bankCode, String accountNum) {
        return bankCode + ":" + digits(accountNum);
    }

    private static String digits(String accountNum) {
        return accountNum == null ? "" : accountNum.replace("-", "");
    }

    private static String mask(String account) {
        return account.length() <= 4 ? account : "*".repeat(account.length() - 4)
                + account.substring(account.length() - 4);
    }

    private static String apiTranId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(64 * 1024);
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "payout sandbox at " + baseUri();
    }
}
