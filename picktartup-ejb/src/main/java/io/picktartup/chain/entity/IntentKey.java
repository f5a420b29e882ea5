package io.picktartup.chain.entity;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The business key of a chain intent: its kind and the reference of the business row it serves (an investment's
 * id, a payment id…). The same key is the same intent: the outbox stores it once, a wallet hold and a wallet's
 * in-flight claim are taken under it, and the settled event carries it back, so no one parses key strings.
 */
public record IntentKey(IntentKind kind, String reference) {

    public IntentKey {
        Objects.requireNonNull(kind, "kind");
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("an intent key needs a reference");
        }
    }

    /** A key whose reference joins {@code parts} with ':' (e.g. a round, an investor and a nonce). */
    public static IntentKey of(IntentKind kind, Object... parts) {
        return new IntentKey(kind, Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(":")));
    }

    /** The key as stored: {@code <kind code>:<reference>}. */
    public static IntentKey parse(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an intent key: " + stored);
        }
        return new IntentKey(IntentKind.ofCode(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    public boolean is(IntentKind other) {
        return kind == other;
    }

    /** The reference as the id it is, for keys made of one UUID. */
    public UUID id() {
        return UUID.fromString(reference);
    }

    public String value() {
        return kind.code() + ":" + reference;
    }

    @Override
    public String toString() {
        return value();
    }
}
