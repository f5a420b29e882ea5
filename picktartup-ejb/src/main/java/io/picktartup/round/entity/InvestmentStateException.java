package io.picktartup.round.entity;

import io.picktartup.platform.entity.BusinessException;

/** The investment is not in a state that allows this step (e.g. signing an expired reservation). */
public class InvestmentStateException extends BusinessException {

    public InvestmentStateException(String code, String message) {
        super(code, 409, message);
    }

    @Override
    public String title() {
        return "Not possible in the investment's state";
    }
}
