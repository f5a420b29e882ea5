package io.picktartup.round.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/** The round does not take this now: not open, past its deadline or cut-off, full, or below its minimum. */
public class RoundRefusedException extends BusinessException {

    private final Map<String, Object> facts;

    public RoundRefusedException(String code, String message) {
        this(code, message, Map.of());
    }

    public RoundRefusedException(String code, String message, Map<String, Object> facts) {
        super(code, 409, message);
        this.facts = Map.copyOf(facts);
    }

    @Override
    public Map<String, Object> extensions() {
        return facts;
    }

    @Override
    public String title() {
        return "Refused by the round";
    }
}
