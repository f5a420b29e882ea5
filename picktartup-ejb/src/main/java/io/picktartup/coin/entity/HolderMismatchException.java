package io.picktartup.coin.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/**
 * The bank says the payout account is held by someone other than the account's verified name (or that it cannot
 * receive at all). 422 {@code coin.payout-holder-mismatch} on {@code accountNumber}; nothing changed, nothing burned.
 * Neither name is echoed: the answer must not become a way to look up who holds an account.
 */
public class HolderMismatchException extends BusinessException {

    public HolderMismatchException(boolean accountExists) {
        super("coin.payout-holder-mismatch", 422, accountExists
                ? "The bank account is not held under your verified name."
                : "The bank account cannot receive payments.");
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("field", "accountNumber");
    }

    @Override
    public String title() {
        return "Payout account refused";
    }
}
