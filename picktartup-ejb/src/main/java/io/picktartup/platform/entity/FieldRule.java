package io.picktartup.platform.entity;

import java.util.List;
import java.util.Locale;

/**
 * What a field of the input breaks, as a stable code with its English sentence for the API. The facts of one
 * violation (a maximum, the allowed values…) fill the sentence's {0}, {1}, …; pages say the same code in their own
 * language from the {@code validation.<code>} message with the same facts.
 */
public enum FieldRule {
    REQUIRED("must be given"),
    IS_REQUIRED("is required"),
    REQUIRED_FOR_APPLICANT("must be given: the applicant reads it"),
    MAX_LENGTH("must be at most {0} characters"),
    MIN_LENGTH("must be at least {0} characters"),
    LENGTH_BETWEEN("must be {0} to {1} characters"),
    MAX_LENGTH_TOGETHER("must be at most {0} characters together"),
    MAX_BYTES("must be at most {0} bytes"),
    NOT_EMPTY("must not be empty"),
    NO_COMMA("must not contain a comma"),
    NO_CONTROL_CHARACTERS("must not contain control characters"),
    ONE_OF("must be one of {0}"),
    CHOICE("must be {0}"),
    BETWEEN("must be between {0} and {1}"),
    NUMBER_BETWEEN("must be a number between {0} and {1}"),
    NOT_NEGATIVE("must not be negative"),
    POSITIVE("must be positive"),
    WORTH_A_WON("is worth less than ₩1"),
    OTHER_ADDRESS("must be another address than your own"),
    CHOOSE_APPLICATION("choose an application"),
    NOT_NEGATIVE_AT_MOST("must not be negative (and at most {0})"),
    ZERO_OR_MORE("must be 0 or more"),
    AFTER_START("must be after the start of the range"),
    ZERO_OR_MORE_SECONDS("must be 0 or more seconds"),
    NOT_BELOW("must not be below {0}"),
    NUMBER("must be a number"),
    WHOLE_NUMBER("must be a whole number"),
    BOOLEAN("must be true or false"),
    BASE64("must be base64"),
    DATE("must be a date (yyyy-mm-dd)"),
    NOT_FUTURE("must not be in the future"),
    MONTH("must be a month (yyyy-mm)"),
    MONTH_NOT_FUTURE("must not be in the future (figures are reported for months that have begun)"),
    MONTH_FROM("must be {0} or later"),
    INSTANT("must be an instant (ISO-8601)"),
    INSTANT_EXAMPLE("must be an instant, e.g. {0}"),
    DATE_TIME_SEOUL("must be a date and time (Seoul)"),
    DEADLINE_AHEAD("must be more than 48 hours ahead (investors may cancel until 48 hours before it)"),
    ADULT_BIRTH_DATE("must be a date (YYYY-MM-DD) of an adult"),
    REQUIRED_AT_MOST("must be given (at most {0} characters)"),
    DOCUMENT_NUMBER("must be 6 to 40 letters, digits or hyphens"),
    EMAIL("must be an email address of at most 254 characters"),
    COMMON_PASSWORD("is one of the most common passwords; choose another"),
    DIFFERS_FROM_LOGIN_PASSWORD("must differ from the login password"),
    DIFFERS_FROM_CURRENT_PASSWORD("must differ from the current password"),
    DIFFERS_FROM_CURRENT("must differ from the current one"),
    URL("must be an absolute http or https URL"),
    WEBSITE("must be an http(s) address of at most {0} characters"),
    PUBLIC_ADDRESS("must name a public address: {0}"),
    WALLET_ADDRESS("must be 0x followed by 40 hexadecimal digits"),
    WALLET_CHECKSUM("has a wrong EIP-55 checksum"),
    PKN_AMOUNT("must be an amount of PKN such as 12.5: more than 0, at most {0} decimals, at most {1}"),
    WON_AMOUNT("must be a whole number of won such as 50000: more than 0, at most {0}"),
    POSITIVE_PKN("must be a positive amount of PKN"),
    POSITIVE_WON("must be a positive number of won"),
    MAX_DECIMALS("must have at most {0} decimals"),
    AT_LEAST_GOAL("must be at least the goal"),
    NOT_ABOVE_HARD_CAP("must not exceed the hard cap"),
    PRICE_FITS_RATE("must be a multiple or a divisor of the token''s rate (₩{0} per PKN)"),
    WHOLE_SHARES_PRICE("must buy whole shares: one share costs {0} (₩{1})"),
    WHOLE_SHARES("must be a whole number of shares above zero"),
    SHA256("must be a SHA-256 hash: 64 hexadecimal digits, with or without 0x"),
    BANK_CODE("must be a 3-digit bank code"),
    BANK_ACCOUNT_NUMBER("must be 8 to 20 digits (dashes allowed)"),
    SETTING_KEY("must be dotted lower-case words of at most 100 characters"),
    SETTING_SWITCH("must name an operator switch: {0}"),
    TIME_OF_DAY("must be a time of day as HH:mm (00:00 to 23:59) or off"),
    TIME_ZONE("must be a time zone such as Asia/Seoul"),
    ACCOUNT_ID("must be an account id"),
    NO_SUCH_ACCOUNT("no such account"),
    STARTUP_ACCOUNT("must be a STARTUP account (an admin sets the role first)"),
    STARTUP_ID("must be a startup id"),
    MEMBER_LIST("must be a list of members"),
    MAX_MEMBERS("must have at most {0} members"),
    MEMBER("must be a member"),
    MAX_DOCUMENTS("must be at most {0} documents"),
    DOCUMENT("must be a document"),
    FILE_NAME("must be a file name of at most {0} characters"),
    MONTHS_MIN("must list at least one month"),
    MONTHS_MAX("must list at most {0} months"),
    MONTH_FIGURES("must be a month''s figures"),
    NO_FIGURE("reports no figure"),
    SHARE_OF_ONE("must be a share between 0 and 1 with at most 4 decimals"),
    REPEATS("repeats {0}"),
    REPEATS_LINE("repeats line {0}"),
    CSV_HEADER("must be a CSV file with a header line"),
    CSV_EMPTY("must list at least one month under the header"),
    CSV_UNKNOWN_COLUMN("is not a column; the columns are {0}"),
    CSV_COLUMN_TWICE("is named twice"),
    CSV_PERIOD_COLUMN("the header must name a period column"),
    CSV_CELLS("has {0} cells, the header {1}");

    private final String english;

    FieldRule(String english) {
        this.english = english;
    }

    /** The stable code: the key {@code validation.<code>} of the page bundles, e.g. {@code max-length}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The English sentence with the facts in place, as the API has always said it. */
    public String english(List<String> facts) {
        return fill(english, facts);
    }

    /**
     * Puts the facts into a pattern in place of {0}, {1}, …; a doubled apostrophe stands for one, as in
     * {@link java.text.MessageFormat} patterns, but nothing else is interpreted (numbers stay as the facts say them).
     */
    public static String fill(String pattern, List<String> facts) {
        String text = pattern.replace("''", "'");
        for (int i = 0; i < facts.size(); i++) {
            text = text.replace("{" + i + "}", facts.get(i));
        }
        return text;
    }
}
