package io.picktartup.account.entity;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.PasswordPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * What a visitor gives to sign up. {@link #checked()} names every invalid field at once. The wallet password
 * protects the wallet's key and must differ from the login password: a phished or leaked login password alone
 * must not be enough to move tokens.
 */
public record Registration(String email, String password, String name, String walletPassword) {

    /** This registration with the email normalised, or an {@link InvalidInputException} listing every invalid field. */
    public Registration checked() {
        var violations = new ArrayList<InvalidInputException.Violation>();
        EmailAddress.violation("email", email).ifPresent(violations::add);
        PasswordPolicy.violation("password", password).ifPresent(violations::add);
        Account.nameViolation("name", name).ifPresent(violations::add);
        PasswordPolicy.violation("walletPassword", walletPassword).ifPresent(violations::add);
        if (walletPassword != null && walletPassword.equals(password)) {
            violations.add(InvalidInputException.Violation.of("walletPassword", FieldRule.DIFFERS_FROM_LOGIN_PASSWORD));
        }
        InvalidInputException.refuseIfAny(violations);
        return new Registration(new EmailAddress(email).value(), password, name.strip(), walletPassword);
    }

    @Override
    public String toString() {
        return "Registration[email=" + email + ", name=" + name + "]";
    }
}
