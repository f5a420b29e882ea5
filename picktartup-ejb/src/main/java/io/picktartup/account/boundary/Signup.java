package io.picktartup.account.boundary;

import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.Registration;
import io.picktartup.wallet.control.Keystores;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Signing up: an INVESTOR account in the GENERAL category with a new wallet. The expensive part (an Argon2id hash,
 * then a scrypt key derivation of ~1 s and 256 MiB that may queue for a slot) runs outside any transaction, so a
 * burst of signups holds no database connection while it waits; then one short transaction stores both. Invalid
 * input is refused before any work, a taken email too (409).
 */
@Stateless
public class Signup {

    @Inject
    PasswordHasher hasher;

    @Inject
    Keystores keystores;

    @EJB
    AccountRegistry registry;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AccountView signUp(Registration registration) {
        var checked = registration.checked();
        var email = new EmailAddress(checked.email());
        if (registry.emailTaken(email)) {
            throw new EmailTakenException();
        }
        String passwordHash = hasher.hash(checked.password());
        var wallet = keystores.create(checked.walletPassword());
        return registry.register(email, checked.name(), passwordHash, wallet);
    }
}
