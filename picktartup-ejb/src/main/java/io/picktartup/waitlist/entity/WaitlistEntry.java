package io.picktartup.waitlist.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Someone who asked to be told when the first rounds open. The email is stored normalised (trimmed, lower-case)
 * and is unique: joining twice keeps the first entry and only updates the preferred language.
 */
@Entity
@Table(name = "waitlist_entry")
public class WaitlistEntry {

    public static final Set<String> LANGUAGES = Set.of("ko", "en");
    /** The most entries one export or listing holds. */
    public static final int EXPORT_MAX = 100_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(nullable = false, length = 2)
    private String language;

    @Column(name = "joined_at", nullable = false, updatable = false)
    private Instant joinedAt;

    protected WaitlistEntry() {
    }

    public WaitlistEntry(String email, String language, Instant joinedAt) {
        this.email = checkedEmail(email);
        this.language = checkedLanguage(language);
        this.joinedAt = joinedAt;
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** The email normalised, or an {@link InvalidInputException} naming the field when it cannot be one. */
    public static String checkedEmail(String email) {
        String normalised = normalise(email);
        if (normalised == null || normalised.length() > 254 || !EMAIL.matcher(normalised).matches()) {
            throw new InvalidInputException("email", FieldRule.EMAIL);
        }
        return normalised;
    }

    /** Updates the preferred language; returns whether anything changed. */
    public boolean prefer(String newLanguage) {
        String checked = checkedLanguage(newLanguage);
        boolean changed = !checked.equals(language);
        language = checked;
        return changed;
    }

    private static String checkedLanguage(String language) {
        if (language == null || !LANGUAGES.contains(language)) {
            throw new InvalidInputException("language", FieldRule.ONE_OF, LANGUAGES);
        }
        return language;
    }

    public Long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String language() {
        return language;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    /**
     * The entries as CSV (RFC 4180: CRLF, fields quoted when they must be) in UTF-8 with a byte order mark, which is
     * how Excel knows the file is UTF-8. A field a spreadsheet would take for a formula (=, +, -, @) is prefixed with
     * an apostrophe.
     */
    public static byte[] csv(java.util.List<WaitlistEntry> entries) {
        var out = new StringBuilder("\uFEFFemail,language,joined_at\r\n");
        for (var entry : entries) {
            out.append(field(entry.email())).append(',').append(entry.language()).append(',')
                    .append(entry.joinedAt()).append("\r\n");
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
