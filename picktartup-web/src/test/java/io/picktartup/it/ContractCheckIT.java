package io.picktartup.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import static io.picktartup.it.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Check a contract yourself": anyone tells whether a contract PDF is the very document an investor signed into a
 * round's escrow, from its SHA-256 (the termsHash of a Deposited event). By the API with the hash, and on the public
 * audit page, where the browser hashes the file itself (Web Crypto) and only the hash is sent: with the real PDF,
 * and with a copy that differs in one byte.
 */
@ExtendWith(RunningPlatform.class)
class ContractCheckIT {

    @RegisterExtension
    static final PageBrowser browser = new PageBrowser("en-US", "en-US,en");

    @Test
    void theSignedPdfIsFoundOnChainAndAChangedByteIsNot() throws Exception {
        var startup = Funding.startup("Checked Contracts");
        var round = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        String roundId = round.getString("id");
        var investor = Accounts.Session.open("checker");
        Funding.fund(investor.walletAddress(), 300);
        var reserved = Accounts.call("POST", "/api/rounds/" + roundId + "/investments", investor.accessToken(),
                Accounts.body("amount", "150"));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String investmentId = json(reserved).getString("id");
        byte[] pdf = Http.bytes("/api/investments/" + investmentId + "/document", Accounts.bearer(investor.accessToken()))
                .body();
        var signed = Accounts.call("POST", "/api/investments/" + investmentId + "/sign", investor.accessToken(),
                Accounts.body("walletPassword", Accounts.WALLET_PASSWORD));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(202);
        String depositTx = Funding.awaitInvestment(investor, investmentId, "CONFIRMED").getString("depositTxHash");

        String sha256 = "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        byte[] changed = pdf.clone();
        changed[changed.length / 2] ^= 0x01;
        String changedSha256 = "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(changed));

        // the API: the hash of the signed PDF names its deposit (once the indexer has read the event)
        String path = "/api/rounds/" + roundId + "/audit/documents/";
        ChainIT.await("the deposit's event indexed", () -> json(get(path + sha256)).getBoolean("signed"),
                Duration.ofSeconds(30));
        JsonObject check = json(get(path + sha256));
        assertThat(check.getString("sha256")).isEqualTo(sha256);
        assertThat(check.getJsonArray("deposits")).hasSize(1);
        var deposit = check.getJsonArray("deposits").getJsonObject(0);
        assertThat(deposit.getString("txHash")).isEqualTo(depositTx);
        assertThat(deposit.getString("investor")).isEqualToIgnoringCase(investor.walletAddress());
        assertThat(deposit.getString("amount")).isEqualTo("150");
        assertThat(deposit.getJsonNumber("block").longValue()).isPositive();
        assertThat(deposit.isNull("confirmedAt")).isFalse();
        // written any way a person might paste it: without 0x, in capitals
        assertThat(json(get(path + sha256.substring(2).toUpperCase(Locale.ROOT))).getBoolean("signed")).isTrue();

        // one byte changed: another hash, no deposit
        var other = json(get(path + changedSha256));
        assertThat(other.getBoolean("signed")).isFalse();
        assertThat(other.getJsonArray("deposits")).isEmpty();
        // the same document is not signed in another round
        var elsewhere = Funding.openRound(startup, "1000", "2000", "10", 10_000, Funding.inDays(10));
        assertThat(json(get("/api/rounds/" + elsewhere.getString("id") + "/audit/documents/" + sha256))
                .getBoolean("signed")).isFalse();

        // not a hash: a 400 naming the field; an unknown round: 404
        var bad = get(path + "0x1234");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(json(bad).getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("sha256");
        assertThat(get("/api/rounds/" + java.util.UUID.randomUUID() + "/audit/documents/" + sha256).statusCode())
                .isEqualTo(404);

        // the page: the browser hashes the chosen file itself
        Path dir = Files.createTempDirectory("contract-check");
        Path real = Files.write(dir.resolve("contract.pdf"), pdf);
        Path forged = Files.write(dir.resolve("contract-changed.pdf"), changed);
        browser.get(RunningPlatform.uri("/rounds/audit.xhtml?id=" + roundId).toString());
        browser.findElement(By.id("document-file")).sendKeys(real.toString());
        awaitState("signed");
        assertThat(browser.findElement(By.id("document-hash")).getDomProperty("value")).isEqualTo(sha256);
        assertThat(browser.findElement(By.id("document-verdict")).getText()).startsWith("Signed on chain");
        assertThat(browser.findElement(By.id("document-deposits")).getText())
                .contains(depositTx).containsIgnoringCase(investor.walletAddress()).contains("150 PKN");

        browser.navigate().refresh();
        browser.findElement(By.id("document-file")).sendKeys(forged.toString());
        awaitState("not-signed");
        assertThat(browser.findElement(By.id("document-hash")).getDomProperty("value")).isEqualTo(changedSha256);
        assertThat(browser.findElements(By.id("document-deposits"))).isEmpty();

        // in Korean, pasting the hash
        browser.findElement(By.id("lang-ko")).click();
        Chromium.await(browser, 10, b -> "ko".equals(
                b.findElement(By.tagName("html")).getDomAttribute("lang")));
        browser.findElement(By.id("document-hash")).sendKeys(sha256);
        browser.findElement(By.id("document-check-button")).click();
        awaitState("signed");
        assertThat(browser.findElement(By.id("document-verdict")).getText()).startsWith("온체인 서명 확인");
        browser.findElement(By.id("document-hash")).clear();
        browser.findElement(By.id("document-hash")).sendKeys("not a hash");
        browser.findElement(By.id("document-check-button")).click();
        awaitState("invalid");
        assertThat(browser.findElement(By.id("document-verdict")).getText()).contains("64");
    }

    private static java.net.http.HttpResponse<String> get(String path) {
        // each check from its own client address: the public audit's budget is per address
        return Http.get(path, Map.of("X-Forwarded-For", Accounts.client()));
    }

    private static void awaitState(String state) {
        Chromium.await(browser, 20, b -> state.equals(
                b.findElement(By.id("document-result")).getDomAttribute("data-state")));
    }
}
