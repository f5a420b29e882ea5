package io.picktartup.platform.boundary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' texts come from exactly one Korean and one English bundle ({@code io.picktartup.web.messages_ko} and
 * {@code _en}, no base bundle to drift from them): both hold the same keys, and every key the pages and their beans
 * name literally is in both.
 */
class MessageBundlesTest {

    static final Path BUNDLES = Path.of("src/main/resources/io/picktartup/web");
    static final String BASE_NAME = "io.picktartup.web.messages";

    @Test
    void oneKoreanAndOneEnglishBundleNothingElse() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("messages")))
                    .containsExactlyInAnyOrder("messages_ko.properties", "messages_en.properties");
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Set<String> korean = keys("ko");
        Set<String> english = keys("en");
        var onlyKorean = new TreeSet<>(korean);
        onlyKorean.removeAll(english);
        var onlyEnglish = new TreeSet<>(english);
        onlyEnglish.removeAll(korean);
        assertThat(onlyKorean).as("keys in messages_ko.properties missing from messages_en.properties").isEmpty();
        assertThat(onlyEnglish).as("keys in messages_en.properties missing from messages_ko.properties").isEmpty();
        assertThat(korean).isNotEmpty();
    }

    @Test
    void noTextIsEmptyOrLeftUntranslated() throws IOException {
        var korean = load("ko");
        var english = load("en");
        for (String key : korean.stringPropertyNames()) {
            assertThat(korean.getProperty(key)).as("ko " + key).isNotBlank();
            assertThat(english.getProperty(key, "")).as("en " + key).isNotBlank();
        }
        // the Korean bundle is Korean: a copy of the English one would pass the key check
        long hangul = korean.stringPropertyNames().stream()
                .filter(k -> korean.getProperty(k).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL))
                .count();
        assertThat(hangul).isGreaterThan(korean.size() / 2);
    }

    @Test
    void everyLiteralKeyOfThePagesAndBeansResolvesInBothLanguages() throws IOException {
        var used = new TreeSet<String>();
        // #{msg['nav.home']} in the pages
        used.addAll(matches(Path.of("src/main/webapp"), ".xhtml", Pattern.compile("msg\\['([^']+)'\\]")));
        // text("wallet.sent"), bundle.getString("login.failed"), text.apply("startup.chart.mau") in the beans
        used.addAll(matches(Path.of("src/main/java"), ".java",
                Pattern.compile("\\b(?:text|getString|apply|message)\\(\"([a-z][\\w-]*\\.[\\w.-]*[\\w-])\"\\)")));
        assertThat(used).hasSizeGreaterThan(100);
        for (String language : List.of("ko", "en")) {
            assertThat(keys(language)).as("keys used but missing from messages_" + language + ".properties")
                    .containsAll(used);
        }
    }

    @Test
    void eachLanguageFindsItsOwnBundleWhateverTheServersDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale serverDefault : List.of(Locale.KOREA, Locale.US, Locale.GERMANY)) {
                Locale.setDefault(serverDefault);
                ResourceBundle.clearCache();
                assertThat(ResourceBundle.getBundle(BASE_NAME, Locale.ENGLISH).getString("nav.home")).isEqualTo("Home");
                assertThat(ResourceBundle.getBundle(BASE_NAME, Locale.KOREAN).getString("nav.home")).isEqualTo("홈");
                // a browser's regional variant, as Faces may hand it over
                assertThat(ResourceBundle.getBundle(BASE_NAME, Locale.KOREA).getString("nav.home")).isEqualTo("홈");
                assertThat(ResourceBundle.getBundle(BASE_NAME, Locale.UK).getString("nav.home")).isEqualTo("Home");
            }
        } finally {
            Locale.setDefault(before);
            ResourceBundle.clearCache();
        }
    }

    static Set<String> keys(String language) throws IOException {
        return load(language).stringPropertyNames();
    }

    static Properties load(String language) throws IOException {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(BUNDLES.resolve("messages_" + language + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    static Set<String> matches(Path root, String suffix, Pattern pattern) throws IOException {
        var found = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                var matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    found.add(matcher.group(1));
                }
            }
        }
        return found;
    }
}
