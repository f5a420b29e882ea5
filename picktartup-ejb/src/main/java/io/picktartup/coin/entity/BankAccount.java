package io.picktartup.coin.entity;

import io.picktartup.platform.entity.InvalidInputException;

import java.util.ArrayList;

/**
 * Where a cash-out is paid: a Korean bank (its 3-digit code), an account number (digits, dashes allowed), and the
 * holder's name. {@link #masked()} is what is shown and kept; the full number only travels to the payout.
 */
public record BankAccount(String bankCode, String number, String holderName) {

    public BankAccount {
        var violations = new ArrayList<InvalidInputException.Violation>();
        if (bankCode == null || !bankCode.matches("\\d{3}")) {
            violations.add(new InvalidInputException.Violation("bankCode", "must be a 3-digit bank code"));
        }
        String digits = number == null ? "" : number.replace("-", "");
        if (!digits.matches("\\d{8,20}")) {
            violations.add(new InvalidInputException.Violation("accountNumber", "must be 8 to 20 digits (dashes allowed)"));
        }
        if (holderName == null || holderName.isBlank() || holderName.length() > 100) {
            violations.add(new InvalidInputException.Violation("holderName", "must be 1 to 100 characters"));
        }
        InvalidInputException.refuseIfAny(violations);
        number = digits;
        holderName = holderName.trim();
    }

    /** All but the last four digits hidden: {@code ********1234}. */
    public String masked() {
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}
