package io.picktartup.wallet.boundary;

import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * Amount fields of request bodies, taken as whatever JSON the client sent (a number, a string, or something else) so
 * that every shape reaches the one parser of {@link TokenAmount} or {@link Won} and a bad one is a 400 naming its
 * field, never a malformed-body error without a name.
 */
public final class JsonAmounts {

    private JsonAmounts() {
    }

    /**
     * The value as text for the parsers: a JSON string as written; a JSON number by its exact value, written plainly
     * ({@code 1e3} is 1000, {@code 8e-3} is 0.008), unless its digits or exponent are absurd; null for a missing field
     * or JSON null; "?" for objects, arrays and booleans. The parsers then refuse what is not a valid amount.
     */
    public static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            var exact = number.bigDecimalValue();
            // 1e-1000000000 written plainly would be a billion characters
            return Math.abs(exact.scale()) > 64 || exact.precision() > 64 ? "?" : exact.toPlainString();
        }
        return "?";
    }

    /** PKN, or null with the field's violation added. */
    public static TokenAmount pkn(List<InvalidInputException.Violation> violations, String field, JsonValue value) {
        try {
            return TokenAmount.parse(field, text(value));
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    /** Won, or null with the field's violation added. */
    public static Long won(List<InvalidInputException.Violation> violations, String field, JsonValue value) {
        try {
            return Won.parse(field, text(value)).value();
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
            return null;
        }
    }
}
