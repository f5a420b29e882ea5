package io.picktartup.account.boundary;

import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.Registration;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.wallet.control.Keystores;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * Signing up: an INVESTOR account in the GENERAL category with a new wallet, unverified until its owner follows the
 * link mailed to the address. The answer is the same whether the address has an account or not, and takes the same
 * time: before it, both do exactly the same work (an Argon2id hash, then a scrypt key derivation of ~1 s and 256 MiB in
 * the signups' own derivation slots) without looking the address up. What differs, the rows of a new account or the
 * "someone tried to sign up with your address" mail to an existing one's owner, is one short transaction done after
 * the answer, on the managed executor, so nothing the answer waits for depends on the address. Its mail is the
 * signup's only outcome anyway: a signup lost to a crash in between is signed up again.
 * <p>
 * Invalid input is refused before any work. Each signup counts against its client address first (one upsert
 * under the key's row lock, committed before the work, like the login throttle): past
 * {@code picktartup.auth.signup.address-limit} per {@code picktartup.auth.signup.window}, 429 with Retry-After.
 */
@Stateless
public class Signup {

    private static final Logger LOG = Logger.getLogger(Signup.class.getName());

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

    @Resource
    ManagedExecutorService executor;

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
        var accounts = registry;
        Runnable record = () -> record(accounts, email, checked.name(), passwordHash, wallet);
        try {
            executor.execute(record);
        } catch (RejectedExecutionException e) {
            record.run(); // the executor is shutting down or full: recorded before the answer, as before
        }
    }

    /** The part that differs by address, in a transaction of its own (the registry's); the answer has gone out. */
    private static void record(AccountRegistry accounts, EmailAddress email, String name, String passwordHash,
                               Keystores.Created wallet) {
        try {
            accounts.register(email, name, passwordHash, wallet);
        } catch (EmailTakenException e) {
            // two signups with one address raced: the other one mails its owner; this one answered the same
        } catch (RuntimeException e) {
            // never the address, password hash or keystore in the log: the exception's kind says what failed
            LOG.warning(() -> "A signup could not be recorded (" + e.getClass().getName()
                    + (e.getCause() == null ? "" : ", caused by " + e.getCause().getClass().getName())
                    + "); nothing was written and no mail goes out, so its sender may sign up again");
        }
    }
}
