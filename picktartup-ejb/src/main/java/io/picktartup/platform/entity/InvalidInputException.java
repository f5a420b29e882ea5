package io.picktartup.platform.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Input that passed syntactic validation but breaks a business rule about its shape; names the offending fields. */
public class InvalidInputException extends BusinessException {

    /**
     * One violated field: its path as the client sent it ({@code members[2].role}), the rule it breaks and the facts
     * that rule's sentence names (a maximum, the allowed values…). {@link #message()} is the English sentence of the
     * API; pages say {@link #code()} in their language.
     */
    public record Violation(String field, FieldRule rule, List<String> facts) {

        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
            facts = List.copyOf(facts);
        }

        public static Violation of(String field, FieldRule rule, Object... facts) {
            return new Violation(field, rule, Arrays.stream(facts).map(String::valueOf).toList());
        }

        /** The same violation named for another field (a value object's check reported under the caller's field). */
        public Violation at(String otherField) {
            return new Violation(otherField, rule, facts);
        }

        public String code() {
            return rule.code();
        }

        public String message() {
            return rule.english(facts);
        }
    }

    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super("request.invalid", 400, message);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(Violation violation) {
        this(violation.message(), List.of(violation));
    }

    public InvalidInputException(String field, FieldRule rule, Object... facts) {
        this(Violation.of(field, rule, facts));
    }

    /** Refuses the input when any field is invalid, naming every one; returns normally when none is. */
    public static void refuseIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.size() + (violations.size() == 1 ? " field is" : " fields are")
                    + " invalid.", violations);
        }
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String title() {
        return "Invalid request";
    }
}
