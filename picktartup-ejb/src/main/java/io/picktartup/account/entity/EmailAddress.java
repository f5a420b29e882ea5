package io.picktartup.account.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An account's email: trimmed and lower-cased, so that one person cannot register twice by changing case. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public EmailAddress {
        value = normalise(value);
        if (problem(value).isPresent()) {
            throw new InvalidInputException("email", FieldRule.EMAIL);
        }
    }

    static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the (normalised) text as an email, if anything. */
    static Optional<String> problem(String email) {
        return violation("email", email).map(InvalidInputException.Violation::message);
    }

    /** What is wrong with the text as an email, if anything, as a violation of {@code field}. */
    static Optional<InvalidInputException.Violation> violation(String field, String email) {
        String normalised = normalise(email);
        if (normalised == null || normalised.isEmpty()) {
            return Optional.of(InvalidInputException.Violation.of(field, FieldRule.REQUIRED));
        }
        return normalised.length() > 254 || !SHAPE.matcher(normalised).matches()
                ? Optional.of(InvalidInputException.Violation.of(field, FieldRule.EMAIL)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
