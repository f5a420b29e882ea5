package io.picktartup.startup.entity;

import java.util.Arrays;
import java.util.Optional;

/** Where a startup is in its financing life, as Korean venture investors name the stages. */
public enum Stage {
    PRE_SEED, SEED, PRE_A, SERIES_A, SERIES_B, SERIES_C, PRE_IPO;

    /** The stage a client named (case-insensitive, "series-a" too); empty when it names none. */
    public static Optional<Stage> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normal = text.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(normal)).findFirst();
    }

    public static String names() {
        return Arrays.toString(values());
    }
}
