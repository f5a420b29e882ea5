package io.picktartup.account.boundary;

import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.Registration;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.wallet.control.Keystores;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Signing up: an INVESTOR account in the GENERAL category with a new wallet, unverified until its owner follows the
 * link mailed to the address. The answer is the same whether the address has an account or not, and takes the same
 * time: both do the same expensive work (an Argon2id hash, then a scrypt key derivation of ~1 s and 256 MiB in the
 * signups' own derivation slots) and one short transaction that queues one mail, the verification link for a new
 * address, "someone tried to sign up with your address" for an existing one.
 * <p>
 * Invalid input is refused before any work. Each signup counts against its client address first (one upsert
 * under the key's row lock, committed before the work, like the login throttle): past
 * {@code picktartup.auth.signup.address-limit} per {@code picktartup.auth.signup.window}, 429 with Retry-After.
 */
@Stateless
public class Signup {

    @Inject
    PasswordHasher hasher;

    @Inject
    Keystores keystores;

    @EJB
    AccountRegistry registry;

    @EJB
    Attempts attempts;

    @EJB
    io.picktartup.platform.boundary.PlatformSwitches switches;

    @Inject
    @ConfigProperty(name = "picktartup.auth.signup.address-limit", defaultValue = "10")
    int addressLimit;

    @Inject
    @ConfigProperty(name = "picktartup.auth.signup.window", defaultValue = "PT1H")
    Duration window;

    private ThrottlePolicy policy;

    @PostConstruct
    void policy() {
        policy = new ThrottlePolicy(addressLimit, window, window, window);
    }

    /** The throttle key of the signups from one client address. */
    static String addressKey(String clientAddress) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        return "signup:" + (address.length() > 64 ? address.substring(0, 64) : address);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void signUp(Registration registration, String clientAddress) {
        var checked = registration.checked();
        var email = new EmailAddress(checked.email());
        switches.requireSignupsOpen();
        attempts.attempt(addressKey(clientAddress), policy);
        String passwordHash = hasher.hash(checked.password());
        var wallet = keystores.createForSignup(checked.walletPassword());
        try {
            registry.register(email, checked.name(), passwordHash, wallet);
        } catch (EmailTakenException e) {
            // two signups with one address raced: the other one mails its owner; this one answers the same
        }
    }
}
