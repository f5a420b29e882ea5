package io.picktartup.it;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static io.picktartup.it.Funding.PKN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Investing end to end through the API: a STARTUP account's round is opened on chain; an investor reserves, reads
 * the generated contract, signs it with the wallet password, and the relayer's deposit lands in the escrow; only the
 * investor, the CEO and admins see the investment and its document.
 */
@ExtendWith(RunningPlatform.class)
class InvestingIT {

    @Test
    void anInvestorReadsSignsAndDepositsIntoAnOpenRound() throws Exception {
        var startup = Funding.startup("Pickup Logistics 픽업");
        var round = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        String escrow = round.getString("contractAddress");
        assertThat(escrow).startsWith("0x");
        assertThat(round.getString("pricePerSharePkn")).isEqualTo("10");

        var investor = Accounts.Session.open("investor");
        Funding.fund(investor.walletAddress(), 500);
        // sent twice with one Idempotency-Key (a double click, a retry after a lost answer): one reservation
        var headers = new java.util.HashMap<>(Accounts.bearer(investor.accessToken()));
        headers.put("Idempotency-Key", "reserve-" + investor.id());
        var reserved = Http.request("POST", "/api/rounds/" + round.getString("id") + "/investments", headers,
                Accounts.body("amount", "120"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        var investment = Http.json(reserved);
        String id = investment.getString("id");
        var repeated = Http.request("POST", "/api/rounds/" + round.getString("id") + "/investments", headers,
                Accounts.body("amount", "120"));
        assertThat(Http.json(repeated).getString("id")).isEqualTo(id);
        assertThat(investment.getString("status")).isEqualTo("RESERVED");
        assertThat(investment.getJsonNumber("amountKrw").longValue()).isEqualTo(120_000);
        assertThat(investment.getJsonNumber("shares").longValue()).isEqualTo(12);
        assertThat(Funding.round(round.getString("id")).getString("committed")).isEqualTo("120");

        // the contract document: generated once, the same bytes every time, Korean inside
        var pdf = Http.bytes("/api/investments/" + id + "/document", Accounts.bearer(investor.accessToken()));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        var again = Http.bytes("/api/investments/" + id + "/document", Accounts.bearer(investor.accessToken()));
        assertThat(again.body()).isEqualTo(pdf.body());
        String sha256 = "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body()));

        // nobody else sees it
        var stranger = Accounts.Session.open("stranger");
        assertThat(Accounts.call("GET", "/api/investments/" + id, stranger.accessToken(), null).statusCode()).isEqualTo(404);
        assertThat(Http.bytes("/api/investments/" + id + "/document", Accounts.bearer(stranger.accessToken()))
                .statusCode()).isEqualTo(404);
        assertThat(Http.bytes("/api/investments/" + id + "/document", java.util.Map.of()).statusCode()).isEqualTo(401);

        // a wrong wallet password signs nothing
        var wrong = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", "not my wallet password"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        assertThat(ChainIT.count("select count(*) from chain_transaction where business_key = 'round-deposit:" + id + "'"))
                .isZero();
        assertThat(Funding.investment(investor, id).getString("status")).isEqualTo("RESERVED");

        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        assertThat(Http.json(signed).getString("status")).isEqualTo("PENDING");
        assertThat(Http.json(signed).getString("termsHash")).isEqualTo(sha256);

        var confirmed = Funding.awaitInvestment(investor, id, "CONFIRMED");
        assertThat(confirmed.getString("depositTxHash")).startsWith("0x");
        // on chain: the escrow holds the tokens, the investor paid no gas, the Deposited event carries the hash
        assertThat(ChainIT.balance(escrow)).isEqualTo(PKN.multiply(BigInteger.valueOf(120)));
        assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(380)));
        // the round's very first deposit: a first-time investor's deposit under one consent signature (114 k in the
        // contract tests) plus the escrow's first token balance and first total (148 k there)
        assertThat(ChainIT.count("select gas_used from chain_transaction where business_key = 'round-deposit:" + id + "'"))
                .isBetween(100_000L, 160_000L);
        var events = ChainIT.awaitEvents(confirmed.getString("depositTxHash"), 1, Duration.ofSeconds(20));
        assertThat(String.join("\n", events)).contains("Deposited").contains(sha256.substring(2));

        var progress = Funding.round(round.getString("id"));
        assertThat(progress.getString("raised")).isEqualTo("120");
        assertThat(progress.getJsonNumber("investors").longValue()).isEqualTo(1);
        assertThat(progress.getInt("percentOfGoal")).isEqualTo(12);
        assertThat(progress.getJsonNumber("secondsLeft").longValue()).isGreaterThan(Duration.ofDays(9).toSeconds());

        // the CEO is mailed once per confirmed investment, with the investor's name masked
        ChainIT.await("the CEO's mail", () -> !investmentMailsTo(startup.ceo().email()).isEmpty(), Duration.ofSeconds(30));
        var mail = investmentMailsTo(startup.ceo().email()).get(0);
        assertThat(mail.getSubject()).contains("new investment confirmed").contains("120 PKN");
        assertThat(mail.getContent().toString()).contains("T" + "*".repeat("Test Investor".length() - 2) + "r").doesNotContain("Test Investor")
                .contains("120 PKN").contains("12%").contains(confirmed.getString("depositTxHash"));

        // the investor's list, the CEO's view of the round, and the CEO's copy of the document
        var mine = Accounts.call("GET", "/api/accounts/me/investments", investor.accessToken(), null);
        assertThat(mine.body()).contains(id).contains(startup.name()).contains("CONFIRMED");
        var ofRound = Accounts.call("GET", "/api/rounds/" + round.getString("id") + "/investments",
                startup.ceo().accessToken(), null);
        assertThat(ofRound.statusCode()).as(ofRound.body()).isEqualTo(200);
        assertThat(ofRound.body()).contains(id);
        assertThat(Accounts.call("GET", "/api/rounds/" + round.getString("id") + "/investments",
                stranger.accessToken(), null).statusCode()).isEqualTo(404);
        assertThat(Http.bytes("/api/investments/" + id + "/document", Accounts.bearer(startup.ceo().accessToken()))
                .body()).isEqualTo(pdf.body());
        assertThat(Http.bytes("/api/investments/" + id + "/document", Accounts.bearer(Funding.admin()))
                .statusCode()).isEqualTo(200);
    }

    static java.util.List<jakarta.mail.internet.MimeMessage> investmentMailsTo(String address) {
        return java.util.Arrays.stream(RunningPlatform.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains("new investment confirmed")
                        && java.util.Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void refusalsNameTheRuleAndChangeNothing() throws Exception {
        var startup = Funding.startup("Limits Lab");
        var round = Funding.openRound(startup, "1000", "20000", "10", 1_000, Funding.inDays(10));
        String path = "/api/rounds/" + round.getString("id") + "/investments";
        var investor = Accounts.Session.open("limited");
        Funding.fund(investor.walletAddress(), 7_000);

        var notANumber = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "lots"));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(notANumber.body()).contains("\"field\":\"amount\"");
        var belowMinimum = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "5"));
        assertThat(belowMinimum.statusCode()).isEqualTo(409);
        assertThat(belowMinimum.body()).contains("round.below-minimum");
        var partShare = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "10.5"));
        assertThat(partShare.statusCode()).isEqualTo(400);
        assertThat(partShare.body()).contains("whole shares");

        // GENERAL: ₩5,000,000 per startup a year = 5,000 PKN at ₩1,000
        var overLimit = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "5001"));
        assertThat(overLimit.statusCode()).as(overLimit.body()).isEqualTo(409);
        var problem = Http.json(overLimit);
        assertThat(problem.getString("code")).isEqualTo("investment.limit-exceeded");
        assertThat(problem.getJsonObject("extensions").getString("limit")).isEqualTo("per-startup-yearly");
        assertThat(problem.getJsonObject("extensions").getJsonNumber("remainingKrw").longValue()).isEqualTo(5_000_000);
        var first = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "4000"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var second = Http.json(Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "1500")));
        assertThat(second.getJsonObject("extensions").getJsonNumber("remainingKrw").longValue()).isEqualTo(1_000_000);

        // PROFESSIONAL: no limit, but still the wallet's PKN (4,000 of 7,000 are held by the reservation)
        var classify = Accounts.call("PUT", "/api/admin/accounts/" + investor.id() + "/category", Funding.admin(),
                Accounts.body("category", "PROFESSIONAL"));
        assertThat(classify.statusCode()).isEqualTo(200);
        var tooMuch = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "3010"));
        assertThat(tooMuch.statusCode()).as(tooMuch.body()).isEqualTo(409);
        assertThat(tooMuch.body()).contains("wallet.insufficient-balance");
        var fits = Accounts.call("POST", path, investor.accessToken(), Accounts.body("amount", "3000"));
        assertThat(fits.statusCode()).as(fits.body()).isEqualTo(201);

        assertThat(ChainIT.count("select count(*) from investment where account_id = '" + investor.id() + "'"))
                .isEqualTo(2);
        assertThat(Funding.round(round.getString("id")).getString("committed")).isEqualTo("7000");

        // a CEO cannot invest in their own round; nobody invests in a draft
        Funding.fund(startup.ceo().walletAddress(), 100);
        var own = Accounts.call("POST", path, startup.ceo().accessToken(), Accounts.body("amount", "10"));
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(own.body()).contains("investment.own-startup");
    }

    @Test
    void cancellingGivesTheTokensBackAndFreesTheRoom() throws Exception {
        var startup = Funding.startup("Cancel Corp");
        var round = Funding.openRound(startup, "100", "1000", "10", 10_000, Funding.inDays(5));
        var investor = Accounts.Session.open("canceller");
        Funding.fund(investor.walletAddress(), 100);
        var reserved = Http.json(Accounts.call("POST", "/api/rounds/" + round.getString("id") + "/investments",
                investor.accessToken(), Accounts.body("amount", "50")));
        String id = reserved.getString("id");
        var signed = Accounts.call("POST", "/api/investments/" + id + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        Funding.awaitInvestment(investor, id, "CONFIRMED");
        assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(50)));

        var cancel = Accounts.call("POST", "/api/investments/" + id + "/cancel", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        var cancelled = Funding.awaitInvestment(investor, id, "CANCELLED");
        assertThat(cancelled.getString("cancelTxHash")).startsWith("0x");
        assertThat(ChainIT.balance(investor.walletAddress())).isEqualTo(PKN.multiply(BigInteger.valueOf(100)));
        assertThat(ChainIT.balance(round.getString("contractAddress"))).isZero();
        var after = Funding.round(round.getString("id"));
        assertThat(after.getString("raised")).isEqualTo("0");
        assertThat(after.getString("committed")).isEqualTo("0");
        var twice = Accounts.call("POST", "/api/investments/" + id + "/cancel", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(twice.statusCode()).isEqualTo(409);
    }
}
