package io.picktartup.coin.control;

import io.picktartup.coin.entity.BankAccount;
import io.picktartup.platform.control.Jsons;
import io.picktartup.wallet.entity.Won;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link PayoutProvider} over a bank-transfer API in the shape of KFTC Open Banking (금융결제원 오픈뱅킹) v2.0:
 * {@code POST /v2.0/inquiry/receive} (수취조회: the receiving account's holder name, before paying) and
 * {@code POST /v2.0/transfer/deposit/acnt_num} (입금이체 by account number, one item per request, the request id as
 * {@code bank_tran_id}), {@code Authorization: Bearer <access token>}, answers with {@code rsp_code} {@code A0000}
 * and the bank's {@code bank_rsp_code} {@code 000} on success. The JDK's HTTP client, like {@link PortOneGateway}:
 * the token is sent, never logged; account numbers never appear in an exception message.
 */
@ApplicationScoped
public class OpenBankingPayoutProvider implements PayoutProvider {

    static final String INQUIRY = "v2.0/inquiry/receive";
    static final String DEPOSIT = "v2.0/transfer/deposit/acnt_num";
    private static final DateTimeFormatter DTIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Supplier<URI> apiUrl;
    private Supplier<String> accessToken;
    private String institutionCode;
    private String contractAccount;
    private Duration timeout;
    private HttpClient http;

    /** For the container's proxy only. */
    protected OpenBankingPayoutProvider() {
    }

    @Inject
    OpenBankingPayoutProvider(PayoutSettings settings) {
        // read when first needed: a deployment without a payout provider still boots
        this(settings::apiUrl, settings::accessToken, settings.institutionCode(), settings.contractAccount(),
                settings.requestTimeout());
    }

    public OpenBankingPayoutProvider(Supplier<URI> apiUrl, Supplier<String> accessToken, String institutionCode,
                                     String contractAccount, Duration timeout) {
        this.apiUrl = apiUrl;
        this.accessToken = accessToken;
        this.institutionCode = institutionCode;
        this.contractAccount = contractAccount;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A new request id: the institution code, {@code U}, and 9 random characters (KFTC's bank_tran_id form). */
    public static String newRequestId(String institutionCode) {
        var id = new StringBuilder(institutionCode).append('U');
        for (int i = 0; i < 9; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    @Override
    public Optional<String> holderName(BankAccount account, Won amount, String requesterName) {
        var body = Jsons.PROVIDER.createObjectBuilder()
                .add("bank_tran_id", newRequestId(institutionCode))
                .add("cntr_account_type", "N")
                .add("cntr_account_num", contractAccount)
                .add("bank_code_std", account.bankCode())
                .add("account_num", account.number())
                .add("print_content", "PICKTARTUP")
                .add("tran_amt", Long.toString(amount.value()))
                .add("req_client_name", requesterName)
                .add("transfer_purpose", "TR")
                .add("tran_dtime", now())
                .build();
        var answer = post(INQUIRY, body.toString());
        if (!"A0000".equals(text(answer, "rsp_code")) || !"000".equals(text(answer, "bank_rsp_code"))) {
            return Optional.empty();
        }
        return Optional.ofNullable(text(answer, "account_holder_name")).filter(s -> !s.isBlank());
    }

    @Override
    public Transfer transfer(String requestId, BankAccount account, Won amount, String requesterName) {
        var item = Jsons.PROVIDER.createObjectBuilder()
                .add("tran_no", "1")
                .add("bank_tran_id", requestId)
                .add("bank_code_std", account.bankCode())
                .add("account_num", account.number())
                .add("account_holder_name", account.holderName())
                .add("print_content", "PICKTARTUP")
                .add("tran_amt", Long.toString(amount.value()))
                .add("req_client_name", requesterName)
                .add("transfer_purpose", "TR");
        var body = Jsons.PROVIDER.createObjectBuilder()
                .add("cntr_account_type", "N")
                .add("cntr_account_num", contractAccount)
                .add("wd_pass_phrase", "NONE")
                .add("wd_print_content", "PICKTARTUP")
                .add("name_check_option", "on")
                .add("tran_dtime", now())
                .add("req_cnt", "1")
                .add("req_list", Jsons.PROVIDER.createArrayBuilder().add(item))
                .build();
        var answer = post(DEPOSIT, body.toString());
        String rsp = text(answer, "rsp_code");
        var results = answer.getJsonArray("res_list");
        JsonObject result = results == null || results.isEmpty() ? null : results.getJsonObject(0);
        String bankCode = result == null ? null : text(result, "bank_rsp_code");
        if ("A0000".equals(rsp) && "000".equals(bankCode)) {
            String reference = text(answer, "api_tran_id");
            return Transfer.done(reference == null ? requestId : reference);
        }
        String code = bankCode != null && !"000".equals(bankCode) ? bankCode : rsp;
        String message = result != null && text(result, "bank_rsp_message") != null
                ? text(result, "bank_rsp_message") : text(answer, "rsp_message");
        return Transfer.refused(code == null ? "unknown" : code, message == null ? "refused" : message);
    }

    private JsonObject post(String path, String json) {
        URI uri;
        String token;
        try {
            uri = apiUrl.get().resolve(path);
            token = accessToken.get();
        } catch (IllegalStateException e) {
            throw new PayoutProviderUnavailableException("No payout provider is configured: " + e.getMessage());
        }
        var request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PayoutProviderUnavailableException("The payout provider could not be reached: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PayoutProviderUnavailableException("Interrupted while calling the payout provider");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new PayoutProviderUnavailableException("The payout provider refused the platform's credentials ("
                    + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new PayoutProviderUnavailableException("The payout provider answered " + response.statusCode());
        }
        try (var reader = Jsons.PROVIDER.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new PayoutProviderUnavailableException("The payout provider's answer is not a JSON object");
        }
    }

    private static String text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static String now() {
        return ZonedDateTime.now(SEOUL).format(DTIME);
    }
}
