package io.picktartup.account.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.Role;
import io.picktartup.account.entity.WelcomeMail;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.Wallet;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional half of {@link Signup}: stores the account and its wallet (already encrypted) in one short
 * transaction, and looks accounts up by email; and who to mail for other components. Not a use case of its own.
 */
@Stateless
public class AccountRegistry {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    MailOutbox mail;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean emailTaken(EmailAddress email) {
        return findByEmail(em, email.value()).isPresent();
    }

    public AccountView register(EmailAddress email, String name, String passwordHash, Keystores.Created wallet) {
        var now = clock.now();
        var account = new Account(UUID.randomUUID(), email, name, passwordHash, Role.INVESTOR, now);
        em.persist(account);
        em.persist(new Wallet(account.id(), wallet.address(), wallet.keystore(), now));
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                // two signups with one email raced past the early check: the second one loses here
                throw new EmailTakenException();
            }
            throw e;
        }
        audit.record(account.id().toString(), "account.signed-up", "account", account.id().toString(), null,
                "wallet " + wallet.address());
        var welcome = WelcomeMail.to(name, wallet.address().value());
        mail.queue("welcome:" + account.id(), email.value(), welcome.subject(), welcome.body());
        return AccountView.of(account, wallet.address().value());
    }

    /** Whom to write to: an account's name and email address. */
    public record Addressee(String name, String email) {
    }

    /** The name and email of each of these accounts that exists, in the caller's transaction. */
    public Map<UUID, Addressee> addressees(Collection<UUID> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        var addressees = new HashMap<UUID, Addressee>();
        em.createQuery("select a from Account a where a.id in :ids", Account.class)
                .setParameter("ids", accountIds)
                .getResultList()
                .forEach(a -> addressees.put(a.id(), new Addressee(a.name(), a.email())));
        return addressees;
    }

    static Optional<Account> findByEmail(EntityManager em, String normalisedEmail) {
        return em.createQuery("select a from Account a where a.email = :email", Account.class)
                .setParameter("email", normalisedEmail)
                .getResultStream().findFirst();
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
