package io.picktartup.platform.entity;

import java.util.List;

/** Input that passed syntactic validation but breaks a business rule about its shape; names the offending fields. */
public class InvalidInputException extends BusinessException {

    /** One violated field: its path as the client sent it and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super("request.invalid", 400, message);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(message, List.of(new Violation(field, message)));
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
