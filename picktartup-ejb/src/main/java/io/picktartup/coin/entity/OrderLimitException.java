package io.picktartup.coin.entity;

import io.picktartup.wallet.entity.Won;

import io.picktartup.platform.entity.InvalidInputException;

import java.util.List;

/** An order below the minimum or above the maximum purchase. */
public class OrderLimitException extends InvalidInputException {

    public OrderLimitException(Won amount, Won minimum, Won maximum) {
        super("An order must be between " + minimum + " and " + maximum + "; " + amount + " is not.",
                List.of(new Violation("krwAmount", "must be between " + minimum.value() + " and " + maximum.value())));
    }
}
