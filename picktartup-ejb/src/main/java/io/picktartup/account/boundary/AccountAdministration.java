package io.picktartup.account.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.InvestorCategory;
import io.picktartup.account.entity.Role;
import io.picktartup.account.entity.SelfLockoutException;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;

/**
 * What an admin does with accounts: list and read them, set an investor's legal category and role, disable and
 * enable them, lift password throttles (each audited). ADMIN only. Every change counts from the account's next
 * request on: each request reads the account's role and status (see {@link Authentication#liveSession}).
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
@RolesAllowed("ADMIN")
public class AccountAdministration {

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @EJB
    Attempts attempts;

    public List<AccountView> list(int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 100));
        return em.createQuery("select a from Account a order by a.createdAt, a.id", Account.class)
                .setFirstResult(Math.max(0, page) * safeSize)
                .setMaxResults(safeSize)
                .getResultList().stream().map(this::view).toList();
    }

    /** Accounts whose email contains the text (any case), newest first: how an operator finds one. */
    public List<AccountView> search(String emailContains, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 100));
        String part = emailContains == null ? "" : emailContains.strip().toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return em.createQuery("select a from Account a where a.email like :part escape '\\' "
                        + "order by a.createdAt desc, a.id", Account.class)
                .setParameter("part", "%" + part + "%")
                .setFirstResult(Math.max(0, page) * safeSize)
                .setMaxResults(safeSize)
                .getResultList().stream().map(this::view).toList();
    }

    public AccountView find(UUID accountId) {
        return view(load(accountId));
    }

    public AccountView classify(UUID accountId, InvestorCategory category) {
        var account = load(accountId);
        var old = account.classify(category, clock.now());
        String admin = Caller.accountId(context.getCallerPrincipal()).map(UUID::toString).orElse("unknown");
        audit.record(admin, "account.category-changed", "account", accountId.toString(), old.name(), category.name());
        return view(account);
    }

    public AccountView assignRole(UUID accountId, Role role) {
        var account = load(accountId);
        if (isCaller(accountId)) {
            throw new SelfLockoutException();
        }
        var old = account.assignRole(role, clock.now());
        String admin = Caller.accountId(context.getCallerPrincipal()).map(UUID::toString).orElse("unknown");
        audit.record(admin, "account.role-changed", "account", accountId.toString(), old.name(), role.name());
        return view(account);
    }

    /**
     * Stops the account at once: no login, and every session ends (its live access tokens are refused from their
     * next request, its refresh tokens too). Not the caller's own account. Audited.
     */
    public AccountView disable(UUID accountId) {
        var account = load(accountId);
        if (isCaller(accountId)) {
            throw new SelfLockoutException();
        }
        var now = clock.now();
        boolean changed = account.disable(now);
        int ended = MyAccount.endSessions(em, accountId, null, "account-disabled", now);
        audit.record(admin(), "account.disabled", "account", accountId.toString(), changed ? "ACTIVE" : "DISABLED",
                "DISABLED; " + ended + " sessions ended");
        return view(account);
    }

    /** Lets a disabled account log in again (its old sessions stay ended). Audited. */
    public AccountView enable(UUID accountId) {
        var account = load(accountId);
        boolean changed = account.enable(clock.now());
        audit.record(admin(), "account.enabled", "account", accountId.toString(), changed ? "DISABLED" : "ACTIVE",
                "ACTIVE");
        return view(account);
    }

    private boolean isCaller(UUID accountId) {
        return Caller.accountId(context.getCallerPrincipal()).filter(accountId::equals).isPresent();
    }

    private String admin() {
        return Caller.accountId(context.getCallerPrincipal()).map(UUID::toString).orElse("unknown");
    }

    /**
     * Lifts every password throttle of the account (login from any address, the account's ceiling, the password
     * asked again, the wallet password) at once; audited with how many were lifted.
     */
    public AccountView unlock(UUID accountId) {
        var account = load(accountId);
        int lifted = 0;
        for (String prefix : Authentication.loginKeyPrefixes(account.email())) {
            lifted += attempts.forget(prefix);
        }
        lifted += attempts.forget(MyAccount.reauthKey(accountId));
        lifted += attempts.forget("wallet:" + accountId); // MyWallet's key
        String admin = Caller.accountId(context.getCallerPrincipal()).map(UUID::toString).orElse("unknown");
        audit.record(admin, "account.unlocked", "account", accountId.toString(), null, lifted + " throttles lifted");
        return view(account);
    }

    private Account load(UUID accountId) {
        var account = em.find(Account.class, accountId);
        if (account == null) {
            throw new NotFoundException("Account", accountId);
        }
        return account;
    }

    private AccountView view(Account account) {
        var wallet = em.find(Wallet.class, account.id());
        return AccountView.of(account, wallet == null ? null : wallet.address().value());
    }
}
