package io.picktartup.account.entity;

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
        EmailAddress.problem(email).ifPresent(m -> violations.add(new InvalidInputException.Violation("email", m)));
        PasswordPolicy.problem(password).ifPresent(m -> violations.add(new InvalidInputException.Violation("password", m)));
        Account.nameProblem(name).ifPresent(m -> violations.add(new InvalidInputException.Violation("name", m)));
        PasswordPolicy.problem(walletPassword).ifPresent(m ->
                violations.add(new InvalidInputException.Violation("walletPassword", m)));
        if (walletPassword != null && walletPassword.equals(password)) {
            violations.add(new InvalidInputException.Violation("walletPassword", "must differ from the login password"));
        }
        InvalidInputException.refuseIfAny(violations);
        return new Registration(new EmailAddress(email).value(), password, name.strip(), walletPassword);
    }

    @Override
    public String toString() {
        return "Registration[email=" + email + ", name=" + name + "]";
    }
}
