package io.picktartup.account.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.Role;
import io.picktartup.account.entity.SignupMails;
import io.picktartup.account.entity.VerificationInvalidException;
import io.picktartup.account.entity.VerificationToken;
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
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional half of {@link Signup}: stores the account and its wallet (already encrypted) in one short
 * transaction, and looks accounts up by email; verifies an address from its mailed link; and who to mail for other
 * components.
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

    @Inject
    @ConfigProperty(name = "picktartup.account.verification-ttl", defaultValue = "PT24H")
    Duration verificationTtl;

    /** Where the platform's pages are, as users reach them (the verification link points there). */
    @Inject
    @ConfigProperty(name = "picktartup.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean emailTaken(EmailAddress email) {
        return findByEmail(em, email.value()).isPresent();
    }

    /**
     * Stores a signup, or tells the owner of the address that someone tried: a new address gets an unverified account
     * with its wallet and a verification link; an unverified account with this address is taken over by this signup
     * (new name, password, wallet and link: whoever reads the mailbox decides); a verified one is left alone and its
     * owner is mailed. Both paths write about the same and answer nothing, so neither the answer nor its time tells
     * whether the address has an account. A concurrent signup with the same address: {@link EmailTakenException}.
     */
    public void register(EmailAddress email, String name, String passwordHash, Keystores.Created wallet) {
        var now = clock.now();
        var existing = findByEmail(em, email.value());
        if (existing.isPresent() && existing.get().isEmailVerified()) {
            var owner = existing.get();
            var attempt = SignupMails.attempt(owner.name());
            mail.queue("signup-attempt:" + owner.id() + ":" + UUID.randomUUID(), owner.email(), attempt.subject(),
                    attempt.body());
            audit.record("anonymous", "account.signup-attempted", "account", owner.id().toString(), null,
                    "the address has an account; its owner was mailed");
            return;
        }
        Account account;
        if (existing.isPresent()) {
            account = existing.get();
            account.restartSignup(name, passwordHash, now);
            var oldWallet = em.find(Wallet.class, account.id());
            if (oldWallet != null) {
                em.remove(oldWallet);
                em.flush();
            }
        } else {
            account = new Account(UUID.randomUUID(), email, name, passwordHash, Role.INVESTOR, now);
            em.persist(account);
        }
        em.persist(new Wallet(account.id(), wallet.address(), wallet.keystore(), now));
        var token = VerificationToken.issue();
        account.awaitVerification(token.hash(), now.plus(verificationTtl), now);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
        audit.record(account.id().toString(), existing.isPresent() ? "account.signup-restarted" : "account.signed-up",
                "account", account.id().toString(), null, "wallet " + wallet.address() + "; verification mailed");
        String link = publicUrl.replaceAll("/+$", "") + "/verify.xhtml?token=" + token.token();
        var verification = SignupMails.verification(name, link, token.token(), verificationTtl.toHours());
        mail.queue("verify:" + account.id() + ":" + token.hash().substring(0, 16), email.value(),
                verification.subject(), verification.body());
    }

    /**
     * The owner followed the mailed link: the address is verified (the token stops working) and the welcome mail
     * with the wallet address is queued. An unknown, used or expired token changes nothing (400).
     */
    public AccountView verifyEmail(String token) {
        if (token == null || token.isBlank() || token.length() > VerificationToken.MAX_LENGTH) {
            throw new VerificationInvalidException();
        }
        var account = em.createQuery("select a from Account a where a.verificationTokenHash = :hash", Account.class)
                .setParameter("hash", VerificationToken.hashOf(token.strip()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst().orElseThrow(VerificationInvalidException::new);
        if (!account.verifyEmail(VerificationToken.hashOf(token.strip()), clock.now())) {
            throw new VerificationInvalidException();
        }
        var wallet = em.find(Wallet.class, account.id());
        String address = wallet == null ? null : wallet.address().value();
        audit.record(account.id().toString(), "account.email-verified", "account", account.id().toString(), null,
                account.email());
        if (address != null) {
            var welcome = WelcomeMail.to(account.name(), address);
            mail.queue("welcome:" + account.id(), account.email(), welcome.subject(), welcome.body());
        }
        return AccountView.of(account, address);
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

    /**
     * Locks the rows of these accounts (in one order, so concurrent callers never deadlock) until the caller's
     * transaction ends, and says each existing one's investor category: what serialises one investor's reservations.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Map<UUID, io.picktartup.account.entity.InvestorCategory> lockInvestors(Collection<UUID> accountIds) {
        var categories = new HashMap<UUID, io.picktartup.account.entity.InvestorCategory>();
        if (accountIds.isEmpty()) {
            return categories;
        }
        // the two columns it needs, not the entities: a batch of reservations locks one row per investor, and loading
        // each as an entity (fifteen columns, a snapshot, a dirty check at the flush) was per-request work
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, investor_category from account where id in (?1) order by id for no key update""")
                .setParameter(1, List.copyOf(accountIds))
                .getResultList();
        for (Object[] row : rows) {
            categories.put((UUID) row[0], io.picktartup.account.entity.InvestorCategory.valueOf((String) row[1]));
        }
        return categories;
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
