package io.picktartup.platform.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * OWASP ASVS 5.0 §6.2 for every password we accept (login and wallet): at least 8 characters, up to 128 allowed
 * (ASVS asks for at least 64), any characters including spaces and emoji, no composition rules, no truncation,
 * and none of the 10,000 most common passwords (compared case-insensitively). Lengths count Unicode code points.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** What is wrong with the password, if anything, as an English message for the field. */
    public static Optional<String> problem(String password) {
        return violation("password", password).map(InvalidInputException.Violation::message);
    }

    /** What is wrong with the password, if anything, as a violation of {@code field}. */
    public static Optional<InvalidInputException.Violation> violation(String field, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.REQUIRED));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.MIN_LENGTH, MIN_LENGTH));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.MAX_LENGTH, MAX_LENGTH));
        }
        if (isCommon(password)) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.COMMON_PASSWORD));
        }
        return Optional.empty();
    }

    public static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    static int commonCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        var set = new HashSet<String>(16_384);
        try (var in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the application");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    set.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
