package io.picktartup.platform.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException.Violation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field rule the code base can refuse with has a page message in Korean and in English, with the same facts
 * as its English API sentence, and pages name the field by its label. The rules are found where they are written
 * ({@code FieldRule.MAX_LENGTH} in the sources) as well as in the enum; a violation built from free English text
 * would bypass all this, so none may be.
 */
class ViolationMessagesTest {

    private static final Pattern RULE_USED = Pattern.compile("FieldRule\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern FREE_TEXT_VIOLATION = Pattern.compile(
            "(?:new (?:[\\w.]*\\.)?InvalidInputException|Violation(?:\\.of)?)\\(\\s*(?:\"[^\"]*\"|\\w+)\\s*,\\s*\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    @Test
    void everyRuleUsedInTheCodeBaseHasAKoreanAndAnEnglishMessage() throws IOException {
        var used = new TreeSet<String>();
        var freeText = new TreeSet<String>();
        for (Path file : sources()) {
            String source = Files.readString(file);
            Matcher rule = RULE_USED.matcher(source);
            while (rule.find()) {
                used.add(rule.group(1));
            }
            Matcher free = FREE_TEXT_VIOLATION.matcher(source);
            while (free.find()) {
                freeText.add(file.getFileName() + ": " + free.group());
            }
        }
        assertThat(used).as("rules found in the sources").hasSizeGreaterThan(60)
                .contains("REQUIRED", "MAX_LENGTH", "PKN_AMOUNT", "WON_AMOUNT", "DATE_TIME_SEOUL");
        assertThat(freeText).as("violations built from English text instead of a FieldRule").isEmpty();
        var codes = new TreeSet<String>();
        used.forEach(name -> codes.add(FieldRule.valueOf(name).code()));
        for (FieldRule rule : FieldRule.values()) {
            codes.add(rule.code());
        }
        var korean = bundle("ko");
        var english = bundle("en");
        for (String code : codes) {
            assertThat(korean.getProperty("validation." + code)).as("ko validation." + code).isNotBlank();
            assertThat(english.getProperty("validation." + code)).as("en validation." + code).isNotBlank();
        }
        assertThat(korean.getProperty("validation.item")).contains("{0}", "{1}");
        assertThat(english.getProperty("validation.item")).contains("{0}", "{1}");
    }

    @Test
    void koreanMessagesAreKoreanAndSayTheSameFactsAsTheEnglishSentence() {
        var korean = bundle("ko");
        var english = bundle("en");
        for (FieldRule rule : FieldRule.values()) {
            String ko = korean.getProperty("validation." + rule.code());
            assertThat(ko).as("ko validation." + rule.code()).containsPattern("[가-힣]");
            Set<String> facts = placeholders(rule.english(java.util.List.of()));
            assertThat(placeholders(ko)).as("facts of ko validation." + rule.code()).isEqualTo(facts);
            assertThat(placeholders(english.getProperty("validation." + rule.code())))
                    .as("facts of en validation." + rule.code()).isEqualTo(facts);
        }
    }

    @Test
    void aKoreanPageNamesTheFieldByItsLabelAndSaysTheRuleInKorean() {
        var joined = Violation.of("team[2].joinedOn", FieldRule.NOT_FUTURE);
        assertThat(ViolationMessages.of(joined, Locale.KOREAN)).isEqualTo("팀 3번째 줄 › 합류일: 미래 날짜일 수 없습니다");
        assertThat(ViolationMessages.of(joined, Locale.ENGLISH))
                .isEqualTo("Team, line 3 › Joined on: must not be in the future");
        var goal = Violation.of("goal", FieldRule.PKN_AMOUNT, 18, "1000000000000");
        assertThat(ViolationMessages.of(goal, Locale.KOREAN)).startsWith("목표 금액: ").contains("18", "1000000000000")
                .doesNotContain("must", "{0}");
        assertThat(ViolationMessages.message(goal, Locale.KOREAN)).doesNotContain("목표 금액").containsPattern("[가-힣]");
        // a CSV line is numbered as the file counts it; a field nobody labelled keeps its API name
        assertThat(ViolationMessages.of(Violation.of("line[4].period", FieldRule.REPEATS_LINE, 2), Locale.KOREAN))
                .isEqualTo("CSV 파일 4번째 줄 › 월: 2번째 줄과 중복됩니다");
        assertThat(ViolationMessages.of(Violation.of("zzUnknown", FieldRule.REQUIRED), Locale.KOREAN))
                .isEqualTo("zzUnknown: 입력해 주세요");
        // a fact that is itself a field is said by its label too
        assertThat(ViolationMessages.of(Violation.of("ssiMax", FieldRule.NOT_BELOW, "ssiMin"), Locale.KOREAN))
                .isEqualTo("최고 SSI: 최저 SSI보다 작을 수 없습니다");
    }

    private static Set<String> placeholders(String text) {
        var found = new TreeSet<String>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static java.util.List<Path> sources() throws IOException {
        var files = new java.util.ArrayList<Path>();
        for (Path root : new Path[]{Path.of("src/main/java"), Path.of("../picktartup-ejb/src/main/java"),
                Path.of("../picktartup-batch/src/main/java")}) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static Properties bundle(String language) {
        var properties = new Properties();
        try (InputStream in = ViolationMessagesTest.class.getResourceAsStream(
                "/io/picktartup/web/messages_" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
