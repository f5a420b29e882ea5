package io.picktartup.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * What a benchmark prints on standard output: one figure a line, {@code name: value unit}, optionally followed by
 * {@code   # note} (a name starts lower-case; camelCase words inside are allowed: {@code shares.transferGas}). The
 * value is one word (a number, PASS/FAIL, true/false), so a script can read any line with one
 * split. Figures measured in this run have plain names; a figure quoted from elsewhere (another machine, a document,
 * a paper, an earlier run) is printed only by {@link #reference}, as {@code reference.name: value unit  # source}, so it
 * can never be read as measured here. Progress and diagnostics go to standard error ({@link #progress}).
 */
public final class Figures {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][A-Za-z0-9_.-]*");
    private static final String REFERENCE = "reference.";
    private static PrintStream out = System.out;

    private Figures() {
    }

    /**
     * From now on only figures reach standard output; anything else printed there (the launcher's progress lines)
     * goes to standard error. A benchmark's main calls this first.
     */
    public static synchronized void claimStandardOutput() {
        if (out == System.out) {
            System.setOut(System.err);
        }
    }

    /** A figure measured in this run. */
    public static void measured(String name, Object value, String unit) {
        measured(name, value, unit, "");
    }

    /** A figure measured in this run, with a note on what exactly was measured. */
    public static void measured(String name, Object value, String unit, String note) {
        if (name.startsWith(REFERENCE)) {
            throw new IllegalArgumentException("a measured figure cannot be named " + name + ": use reference()");
        }
        print(name, value, unit, note);
    }

    /** A figure quoted from elsewhere, for comparison; {@code source} says where it comes from. */
    public static void reference(String name, Object value, String unit, String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a reference figure needs its source: " + name);
        }
        print(REFERENCE + name, value, unit, source);
    }

    /** A goal's verdict, PASS or FAIL, with the measured figure it was judged on. */
    public static void verdict(String name, boolean pass, String detail) {
        measured(name, pass ? "PASS" : "FAIL", "", detail);
    }

    /** Progress and diagnostics: standard error, never mistaken for a figure. */
    public static void progress(String message) {
        System.err.println("[bench] " + message);
    }

    /** {@code value} with {@code digits} decimals, rounded half up; a dot whatever the default locale. */
    public static String fixed(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    private static void print(String name, Object value, String unit, String note) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a figure name: " + name);
        }
        String text = String.valueOf(value);
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(name + ": a value is one word, not '" + text + "'");
        }
        if (unit.contains("#") || unit.contains("\n") || note.contains("\n")) {
            throw new IllegalArgumentException(name + ": unit and note are one line each, the unit without '#'");
        }
        var line = new StringBuilder(name).append(": ").append(text);
        if (!unit.isEmpty()) {
            line.append(' ').append(unit);
        }
        if (!note.isEmpty()) {
            line.append("  # ").append(note);
        }
        synchronized (Figures.class) {
            out.println(line);
            out.flush();
        }
    }
}
