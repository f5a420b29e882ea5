package io.picktartup.account.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.EmailAddress;
import io.picktartup.account.entity.EmailTakenException;
import io.picktartup.account.entity.WrongPasswordException;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.PasswordPolicy;
import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Duration;
import java.util.UUID;

/**
 * The caller's own account (my page): read it, rename, change the email, change the password, log out everywhere. Every method takes the account id the
 * client named and refuses, with a 404, any id that is not the caller's own (object-level access control, checked
 * here at the boundary, whatever the edge did). Changing the email asks for the password again (each attempt
 * counted before the check, 5 per 15 minutes per account, then growing delays).
 */
@Stateless
public class MyAccount {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    PasswordHasher hasher;

    @EJB
    Attempts attempts;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    MailOutbox mail;

    private static final ThrottlePolicy REAUTH = new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(1),
            Duration.ofMinutes(15));

    /** Read-only: no transaction of its own (its commit was a database round trip of every GET /api/accounts/me). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AccountView profile(UUID accountId) {
        return view(own(accountId));
    }

    public AccountView rename(UUID accountId, String name) {
        var account = own(accountId);
        String old = account.name();
        account.rename(name, clock.now());
        audit.record(accountId.toString(), "account.renamed", "account", accountId.toString(), old, account.name());
        return view(account);
    }

    public AccountView changeEmail(UUID accountId, String newEmail, String currentPassword) {
        var email = new EmailAddress(newEmail);
        var account = ownConfirmed(accountId, currentPassword);
        if (email.value().equals(account.email())) {
            return view(account);
        }
        if (AccountRegistry.findByEmail(em, email.value()).isPresent()) {
            throw new EmailTakenException();
        }
        String old = account.email();
        account.changeEmail(email, clock.now());
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (AccountRegistry.isUniqueViolation(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
        audit.record(accountId.toString(), "account.email-changed", "account", accountId.toString(), old, email.value());
        return view(account);
    }

    /**
     * Changes the login password: the current one is asked again (throttled), the new one must meet the policy and
     * differ from it. Every other session of the account ends at once (their access tokens stop working on their
     * next request, their refresh tokens are refused); the session {@code keepSession} (the caller's own, null for
     * none) goes on. A required change (an initial password) is thereby done. Audited; the owner is mailed.
     */
    public void changePassword(UUID accountId, String currentPassword, String newPassword, UUID keepSession) {
        Caller.requireOwner(context.getCallerPrincipal(), "Account", accountId);
        var violations = new java.util.ArrayList<InvalidInputException.Violation>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            violations.add(InvalidInputException.Violation.of("currentPassword", FieldRule.REQUIRED));
        }
        PasswordPolicy.violation("newPassword", newPassword).ifPresent(violations::add);
        if (newPassword != null && newPassword.equals(currentPassword)) {
            violations.add(InvalidInputException.Violation.of("newPassword", FieldRule.DIFFERS_FROM_CURRENT_PASSWORD));
        }
        InvalidInputException.refuseIfAny(violations);
        var account = ownConfirmed(accountId, currentPassword);
        var now = clock.now();
        account.changePassword(hasher.hash(newPassword), now);
        int ended = endSessions(accountId, keepSession, "password-changed");
        audit.record(accountId.toString(), "account.password-changed", "account", accountId.toString(), null,
                ended + " other sessions ended");
        var notice = io.picktartup.account.entity.LifecycleMails.passwordChanged(account.name());
        mail.queue("password-changed:" + accountId + ":" + UUID.randomUUID(), account.email(), notice.subject(),
                notice.body());
    }

    /** Ends every session of the caller's account, this one included (log out everywhere). Audited. */
    public int logoutEverywhere(UUID accountId) {
        own(accountId);
        int ended = endSessions(accountId, null, "logout-everywhere");
        audit.record(accountId.toString(), "account.logged-out-everywhere", "account", accountId.toString(), null,
                ended + " sessions ended");
        return ended;
    }

    /** Revokes the account's active sessions but {@code keep} (null: all); how many. */
    static int endSessions(EntityManager em, UUID accountId, UUID keep, String reason, java.time.Instant now) {
        io.picktartup.account.entity.AccessChanges.changed(); // a bulk update: no entity listener sees it
        return em.createQuery("""
                        update SessionFamily f set f.revokedAt = :now, f.revokedReason = :reason
                        where f.accountId = :account and f.revokedAt is null and f.id <> :keep""")
                .setParameter("now", now)
                .setParameter("reason", reason)
                .setParameter("account", accountId)
                .setParameter("keep", keep == null ? new UUID(0, 0) : keep)
                .executeUpdate();
    }

    private int endSessions(UUID accountId, UUID keep, String reason) {
        return endSessions(em, accountId, keep, reason, clock.now());
    }

    /** The throttle key of the password asked again: per account, whatever the session or address. */
    static String reauthKey(UUID accountId) {
        return "reauth:" + accountId;
    }

    /**
     * The caller's account after asking for its password again: the attempt is counted before the check (and
     * before this transaction touches the database), a wrong password is a 403 problem, 429 while throttled.
     */
    private Account ownConfirmed(UUID accountId, String currentPassword) {
        Caller.requireOwner(context.getCallerPrincipal(), "Account", accountId);
        String key = reauthKey(accountId);
        attempts.attempt(key, REAUTH);
        var account = own(accountId);
        if (currentPassword == null || !hasher.verify(currentPassword, account.passwordHash())) {
            throw new WrongPasswordException();
        }
        attempts.succeeded(key);
        return account;
    }

    private Account own(UUID accountId) {
        Caller.requireOwner(context.getCallerPrincipal(), "Account", accountId);
        var account = em.find(Account.class, accountId);
        if (account == null) {
            throw new io.picktartup.platform.entity.NotFoundException("Account", accountId);
        }
        return account;
    }

    AccountView view(Account account) {
        var wallet = em.find(Wallet.class, account.id());
        return AccountView.of(account, wallet == null ? null : wallet.address().value());
    }
}
