package io.picktartup.platform.boundary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem code the code base can answer with has a page message in Korean and in English. The codes are found
 * in the sources, where they are written: the first argument of a business exception's constructor or of
 * {@code super(…)}, an enum constant's code, {@code Problem.of(status, code, …)}, the authentication mechanism's
 * {@code unauthorized(…, code, …)} and the error servlet's codes. A new code without both messages fails here.
 */
class ProblemMessagesTest {

    private static final String CODE = "\"([a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+)\"";
    private static final Pattern[] WHERE_CODES_ARE_WRITTEN = {
            Pattern.compile("(?:super|new [A-Z][A-Za-z]*(?:Exception|Refused|Meanwhile))\\(\\s*" + CODE),
            Pattern.compile("Problem\\.of\\(\\s*\\d+\\s*,\\s*" + CODE),
            Pattern.compile("unauthorized\\([^,]+,[^,]+,\\s*" + CODE),
            Pattern.compile("[A-Z_]+\\(\\s*" + CODE + "\\s*\\)"),
            Pattern.compile("->\\s*" + CODE + "\\s*;"),
    };

    @Test
    void everyProblemCodeHasAKoreanAndAnEnglishMessage() throws IOException {
        Set<String> codes = codes();
        assertThat(codes).as("codes found in the sources").hasSizeGreaterThan(30)
                .contains("wallet.insufficient-balance", "round.closed", "auth.token-invalid", "resource.not-found",
                        "payment.webhook.invalid-signature");
        var korean = bundle("ko");
        var english = bundle("en");
        for (String code : codes) {
            assertThat(korean.getProperty("problem." + code)).as("ko problem." + code).isNotBlank();
            assertThat(english.getProperty("problem." + code)).as("en problem." + code).isNotBlank();
        }
        assertThat(korean.getProperty("problem.unknown")).isNotBlank();
        assertThat(english.getProperty("problem.unknown")).isNotBlank();
    }

    @Test
    void factsArePutIntoTheMessageOfTheCodeInThePagesLanguage() {
        var facts = Map.<String, Object>of("availablePkn", "12.5", "heldPkn", "3");
        assertThat(ProblemMessages.of("wallet.insufficient-balance", facts, Locale.KOREAN))
                .contains("12.5").doesNotContain("{availablePkn}").containsPattern("[가-힣]");
        assertThat(ProblemMessages.of("wallet.insufficient-balance", facts, Locale.ENGLISH))
                .contains("12.5").doesNotContain("{availablePkn}").contains("PKN");
        assertThat(ProblemMessages.of("investment.limit-exceeded", Map.of("remainingKrw", 1_500_000L,
                "limitKrw", 5_000_000L, "limit", "per-startup"), Locale.ENGLISH)).contains("1,500,000");
        // a code nobody wrote a message for: the generic message, never an English detail on a Korean page
        assertThat(ProblemMessages.of("no.such-code", Map.of(), Locale.KOREAN))
                .isEqualTo(bundle("ko").getProperty("problem.unknown"));
    }

    private static Set<String> codes() throws IOException {
        var codes = new TreeSet<String>();
        for (Path root : new Path[]{Path.of("src/main/java"), Path.of("../picktartup-ejb/src/main/java"),
                Path.of("../picktartup-batch/src/main/java")}) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    for (Pattern pattern : WHERE_CODES_ARE_WRITTEN) {
                        var matcher = pattern.matcher(source);
                        while (matcher.find()) {
                            codes.add(matcher.group(1));
                        }
                    }
                }
            }
        }
        // not codes: resource names and keys that match the shape
        codes.removeIf(c -> c.endsWith(".txt") || c.startsWith("io.") || c.startsWith("picktartup."));
        return codes;
    }

    private static Properties bundle(String language) {
        var properties = new Properties();
        try (InputStream in = ProblemMessagesTest.class.getResourceAsStream(
                "/io/picktartup/web/messages_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
