package io.picktartup.coin.entity;

import io.picktartup.platform.entity.FieldRule;
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
            violations.add(InvalidInputException.Violation.of("bankCode", FieldRule.BANK_CODE));
        }
        String digits = number == null ? "" : number.replace("-", "");
        if (!digits.matches("\\d{8,20}")) {
            violations.add(InvalidInputException.Violation.of("accountNumber", FieldRule.BANK_ACCOUNT_NUMBER));
        }
        if (holderName == null || holderName.isBlank() || holderName.length() > 100) {
            violations.add(InvalidInputException.Violation.of("holderName", FieldRule.LENGTH_BETWEEN, 1, 100));
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
