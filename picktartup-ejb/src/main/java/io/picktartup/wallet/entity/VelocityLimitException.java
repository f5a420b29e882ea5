package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/**
 * A movement off the platform would pass the account's limit for 24 hours (an amount or a number of movements).
 * 429 with the code of the limit ({@code wallet.transfer-limit}, {@code coin.cash-out-limit}), what was used and
 * what is allowed; nothing changed.
 */
public class VelocityLimitException extends BusinessException {

    private final Map<String, Object> extensions;

    public VelocityLimitException(String code, String what, String used, String limit, String unit, long count,
                                  long maxCount) {
        super(code, 429, "The daily limit on " + what + " is reached: " + used + " of " + limit + " " + unit
                + " and " + count + " of " + maxCount + " in the last 24 hours.");
        this.extensions = Map.of("used", used, "limit", limit, "unit", unit, "count", count, "maxCount", maxCount);
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public String title() {
        return "Daily limit reached";
    }
}
