package io.picktartup.it;

import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.boundary.JsonAmounts;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every amount field of the API (investing, transfers, cash-outs, round drafts, coin orders) over generated hostile
 * values (from a fixed seed, so a failure repeats): exponents, signs, blanks, other scripts' digits, 10^40, more than 18 decimals, empty,
 * JSON numbers and strings, objects. Each is a 400 problem naming its field, never a 500, and nothing is stored.
 */
@ExtendWith(RunningPlatform.class)
class AmountFieldsIT {

    private static final int PER_FIELD = 30;

    /** One amount field: how to send a value in it, and whether the parser would accept that text. */
    record Field(String name, BiFunction<String, Boolean, java.net.http.HttpResponse<String>> send,
                 Predicate<String> acceptable) {
    }

    @Test
    void hostileAmountsInEveryFieldAreRefusedByNameAndStoreNothing() throws Exception {
        var startup = Funding.startup("Amount Fields");
        String round = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10)).getString("id");
        var holder = Accounts.Session.open("amounts");
        Funding.fund(holder.walletAddress(), 50);
        String ceo = startup.ceo().accessToken();
        String before = stored(holder, startup);

        List<Field> fields = List.of(
                new Field("amount", (v, n) -> Accounts.call("POST", "/api/rounds/" + round + "/investments",
                        holder.accessToken(), body(n, "amount", v).build().toString()), AmountFieldsIT::pkn),
                new Field("amount", (v, n) -> Accounts.call("POST", "/api/accounts/me/wallet/transfers",
                        holder.accessToken(), body(n, "amount", v).add("to", "0x000000000000000000000000000000000000dEaD")
                                .add("walletPassword", Accounts.WALLET_PASSWORD).build().toString()), AmountFieldsIT::pkn),
                new Field("amount", (v, n) -> Accounts.call("POST", "/api/accounts/me/cash-outs", holder.accessToken(),
                        body(n, "amount", v).add("walletPassword", Accounts.WALLET_PASSWORD).add("bankCode", "090")
                                .add("accountNumber", "3333-01-2345678").add("holderName", "김투자").build().toString()),
                        AmountFieldsIT::pkn),
                new Field("krwAmount", (v, n) -> Accounts.call("POST", "/api/accounts/me/coin-orders",
                        holder.accessToken(), body(n, "krwAmount", v).build().toString()), AmountFieldsIT::won),
                draftField(startup, ceo, "goal", AmountFieldsIT::pkn),
                draftField(startup, ceo, "hardCap", AmountFieldsIT::pkn),
                draftField(startup, ceo, "minInvestment", AmountFieldsIT::pkn),
                draftField(startup, ceo, "pricePerShareKrw", AmountFieldsIT::won),
                draftField(startup, ceo, "preMoneyValuationKrw", AmountFieldsIT::won));

        var failures = new ArrayList<String>();
        int sent = 0;
        for (var field : fields) {
            var random = new java.util.Random(SEED + field.name().hashCode());
            var values = java.util.stream.Stream.generate(() -> hostile(random)).filter(field.acceptable().negate())
                    .distinct().limit(PER_FIELD).toList();
            for (String value : values) {
                for (boolean asNumber : new boolean[]{false, true}) {
                    if (asNumber && (!isJsonNumber(value) || field.acceptable().test(JsonAmounts.text(
                            Json.createReader(new java.io.StringReader("[" + value + "]")).readArray().get(0))))) {
                        continue; // a JSON number is taken by its value: 8e-3 is the valid amount 0.008
                    }
                    var response = field.send().apply(value, asNumber);
                    sent++;
                    String what = field.name() + "=" + (asNumber ? value : "\"" + value + "\"") + " → "
                            + response.statusCode() + " " + response.body();
                    if (response.statusCode() != 400 || !response.body().contains("\"field\":\"" + field.name() + "\"")
                            || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        failures.add(what);
                    }
                }
            }
        }
        assertThat(failures).as("refusals that did not name their field with a 400").isEmpty();
        assertThat(sent).isGreaterThan(fields.size() * PER_FIELD);
        assertThat(stored(holder, startup)).as("rows of the account and the startup").isEqualTo(before);
    }

    private static Field draftField(Funding.Startup startup, String ceo, String name, Predicate<String> acceptable) {
        return new Field(name, (v, n) -> {
            var draft = Json.createObjectBuilder(Json.createReader(new java.io.StringReader(
                    Funding.draftBody(startup, "1000", "2000", "10", 10_000, Funding.inDays(10)))).readObject());
            var sent = n ? draft.add(name, Json.createReader(new java.io.StringReader("[" + v + "]")).readArray().get(0))
                    : draft.add(name, v);
            return Accounts.call("POST", "/api/rounds", ceo, sent.build().toString());
        }, acceptable);
    }

    private static jakarta.json.JsonObjectBuilder body(boolean asNumber, String name, String value) {
        var body = Json.createObjectBuilder();
        return asNumber ? body.add(name, Json.createReader(new java.io.StringReader("[" + value + "]")).readArray().get(0))
                : body.add(name, value);
    }

    private static boolean isJsonNumber(String value) {
        return value.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    private static boolean pkn(String text) {
        try {
            TokenAmount.parse("amount", text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static boolean won(String text) {
        try {
            Won.parse("krwAmount", text);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** Everything a client could put in an amount field, the way people and broken clients write it. */
    private static String hostile(java.util.Random random) {
        String digits = digits(random, 1 + random.nextInt(45));
        return switch (random.nextInt(6)) {
            case 0 -> digits;
            case 1 -> digits + "." + digits(random, 1 + random.nextInt(25));
            case 2 -> (1 + random.nextInt(9)) + "e" + (random.nextInt(81) - 40);
            case 3 -> List.of("-", "+", "\u2212").get(random.nextInt(3)) + digits;
            case 4 -> FIXED.get(random.nextInt(FIXED.size()));
            default -> {
                var text = new StringBuilder();
                for (int i = 1 + random.nextInt(25); i > 0; i--) {
                    text.append(NOISE.charAt(random.nextInt(NOISE.length())));
                }
                yield text.toString();
            }
        };
    }

    private static final long SEED = 20261202L;
    private static final List<String> FIXED = List.of("", " ", "0", "0.0", "-0", "1e30",
            "10000000000000000000000000000000000000000", "1.0000000000000000001", "١٢٣", "１２", "NaN", "Infinity",
            "1,000", " 7 7", "\u00a0", "0x10", "12.", ".5");
    private static final String NOISE = "0123456789.,-+eE \t\u0660\uff11";

    private static String digits(java.util.Random random, int length) {
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static String stored(Accounts.Session holder, Funding.Startup startup) throws Exception {
        return ChainIT.count("select count(*) from investment where account_id = '" + holder.id() + "'") + "/"
                + ChainIT.count("select count(*) from wallet_transfer where account_id = '" + holder.id() + "'") + "/"
                + ChainIT.count("select count(*) from cash_out where account_id = '" + holder.id() + "'") + "/"
                + ChainIT.count("select count(*) from coin_order where account_id = '" + holder.id() + "'") + "/"
                + ChainIT.count("select count(*) from funding_round where startup_id = '" + startup.id() + "'") + "/"
                + ChainIT.count("select count(*) from wallet_hold where wallet_address = lower('"
                + holder.walletAddress() + "')");
    }
}
