package io.picktartup.account.entity;

import io.picktartup.platform.entity.InvalidInputException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An account's email: trimmed and lower-cased, so that one person cannot register twice by changing case. */
public record EmailAddress(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final String RULE = "must be an email address of at most 254 characters";

    public EmailAddress {
        value = normalise(value);
        if (problem(value).isPresent()) {
            throw new InvalidInputException("email", RULE);
        }
    }

    static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with the (normalised) text as an email, if anything. */
    static Optional<String> problem(String email) {
        String normalised = normalise(email);
        if (normalised == null || normalised.isEmpty()) {
            return Optional.of("must be given");
        }
        return normalised.length() > 254 || !SHAPE.matcher(normalised).matches() ? Optional.of(RULE) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
