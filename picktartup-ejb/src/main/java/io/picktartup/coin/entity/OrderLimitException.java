package io.picktartup.coin.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.wallet.entity.Won;

import io.picktartup.platform.entity.InvalidInputException;

import java.util.List;

/** An order below the minimum or above the maximum purchase. */
public class OrderLimitException extends InvalidInputException {

    private final Won minimum;
    private final Won maximum;

    public OrderLimitException(Won amount, Won minimum, Won maximum) {
        super("An order must be between " + minimum + " and " + maximum + "; " + amount + " is not.",
                List.of(Violation.of("krwAmount", FieldRule.BETWEEN, minimum.value(), maximum.value())));
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /** The limits, for a client to say them in its own words. */
    @Override
    public java.util.Map<String, Object> extensions() {
        return java.util.Map.of("minimumKrw", minimum.value(), "maximumKrw", maximum.value());
    }
}
