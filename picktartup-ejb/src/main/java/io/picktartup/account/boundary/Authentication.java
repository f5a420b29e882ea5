package io.picktartup.account.boundary;

import io.picktartup.account.control.AccessTokens;
import io.picktartup.account.control.LiveSessions;
import io.picktartup.account.control.PasswordHasher;
import io.picktartup.account.entity.Account;
import io.picktartup.account.entity.AccountDisabledException;
import io.picktartup.account.entity.AccountStatus;
import io.picktartup.account.entity.EmailUnverifiedException;
import io.picktartup.account.entity.Role;
import io.picktartup.account.entity.Identity;
import io.picktartup.account.entity.InvalidCredentialsException;
import io.picktartup.account.entity.RefreshToken;
import io.picktartup.account.entity.SessionFamily;
import io.picktartup.account.entity.Tokens;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.ThrottlePolicy;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Logging in and staying logged in. A login counts its attempt first (per account and address, per account, per
 * client address; 429 while blocked), then checks the password (an unknown email costs the same time as a wrong password and gives the same
 * answer), and starts a session: a refresh-token family. A refresh rotates the token; presenting a rotated token
 * again means it was copied, so the whole family is revoked and every token of it stops working (the access
 * tokens too: each request checks its {@code sid}). Logout revokes the family.
 */
@Stateless
public class Authentication {

    private static final Logger LOG = Logger.getLogger(Authentication.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    AccessTokens accessTokens;

    @Inject
    LiveSessions liveSessions;

    @EJB
    Attempts attempts;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "picktartup.auth.throttle.pair-failures", defaultValue = "5")
    int pairFailures;

    @Inject
    @ConfigProperty(name = "picktartup.auth.throttle.account-failures", defaultValue = "20")
    int accountFailures;

    @Inject
    @ConfigProperty(name = "picktartup.auth.throttle.address-failures", defaultValue = "50")
    int addressFailures;

    @Inject
    @ConfigProperty(name = "picktartup.auth.throttle.window", defaultValue = "PT15M")
    Duration window;

    @Inject
    @ConfigProperty(name = "picktartup.auth.refresh-token-ttl", defaultValue = "P14D")
    Duration refreshTtl;

    @Inject
    @ConfigProperty(name = "picktartup.auth.session-max", defaultValue = "P30D")
    Duration sessionMax;

    /** Login passwords checked against a hash (throttled attempts are not: this counts what a guesser got). */
    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    private ThrottlePolicy pairPolicy;
    private ThrottlePolicy accountPolicy;
    private ThrottlePolicy addressPolicy;

    @PostConstruct
    void policies() {
        metrics.counter("auth_password_checks_total");
        pairPolicy = new ThrottlePolicy(pairFailures, window, Duration.ofMinutes(1), Duration.ofMinutes(15));
        accountPolicy = new ThrottlePolicy(accountFailures, window, Duration.ofMinutes(1), Duration.ofMinutes(15));
        addressPolicy = new ThrottlePolicy(addressFailures, window, Duration.ofMinutes(1), Duration.ofMinutes(15));
    }

    /**
     * The throttle key of an account's password, shared by logins from every address and the password asked again:
     * the ceiling a guesser spread over many addresses reaches.
     */
    public static String accountKey(String email) {
        return "account:" + normalised(email, 254);
    }

    /** The throttle key of one account from one client address: what a guesser from one address exhausts. */
    static String pairKey(String email, String clientAddress) {
        return "login:" + normalised(email, 228) + "|" + addressOf(clientAddress);
    }

    /** The prefix of every throttle key of an account's login password (an admin's unlock forgets them). */
    static List<String> loginKeyPrefixes(String email) {
        return List.of(accountKey(email), "login:" + normalised(email, 228) + "|");
    }

    private static String normalised(String email, int max) {
        String normalised = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return normalised.length() > max ? normalised.substring(0, max) : normalised;
    }

    private static String addressOf(String clientAddress) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    /** The account-wide ceiling, also counted by the password asked again. */
    ThrottlePolicy accountPolicy() {
        return accountPolicy;
    }

    /**
     * Checks email and password for the form login of the pages (through the identity store) and for the API login.
     * Throws {@link InvalidCredentialsException} (401) when they do not match, and a 429 problem while throttled.
     * <p>
     * The attempt is counted before the password is checked (in its own committed transaction, before this one
     * touches the database), under three keys: this account from this address (a few guesses, then growing
     * delays), this account from anywhere (a higher ceiling, for guessers spread over many addresses), and this
     * address for any account (password spraying). A burst of guesses from one address thus checks at most the
     * pair's limit, and the owner, from another address, still logs in. A success gives its attempt back.
     */
    public Identity verify(String email, String password, String clientAddress) {
        var pair = new Attempts.Key(pairKey(email, clientAddress), pairPolicy);
        var ceiling = new Attempts.Key(accountKey(email), accountPolicy);
        var address = new Attempts.Key("ip:" + addressOf(clientAddress), addressPolicy);
        attempts.attempt(List.of(pair, ceiling, address));
        var account = AccountRegistry.findByEmail(em, normalised(email, 254));
        boolean valid;
        metrics.counter("auth_password_checks_total").inc();
        if (account.isEmpty()) {
            hasher.verifyDecoy(password);
            valid = false;
        } else {
            valid = hasher.verify(password, account.get().passwordHash());
        }
        if (!valid) {
            // the attempt was counted already; the email stays out of the log (a typo'd password in it is common)
            LOG.info(() -> "Failed login from " + addressOf(clientAddress));
            throw InvalidCredentialsException.login();
        }
        attempts.succeeded(pair.key());
        attempts.refund(ceiling);
        attempts.refund(address);
        // told only to who knows the password: an unverified or disabled account says so, nothing else does
        if (!account.get().isActive()) {
            throw new AccountDisabledException();
        }
        if (!account.get().isEmailVerified()) {
            throw new EmailUnverifiedException();
        }
        if (hasher.needsRehash(account.get().passwordHash())) {
            account.get().changePasswordHash(hasher.hash(password), clock.now());
        }
        return account.get().identity();
    }

    /** A page login: a session family like an API login's (so it ends with a logout everywhere); its id. */
    public UUID startPageSession(UUID accountId) {
        Instant now = clock.now();
        var family = new SessionFamily(UUID.randomUUID(), accountId, now, now.plus(sessionMax));
        em.persist(family);
        return family.id();
    }

    /** The API login: checks the password, then starts a session. */
    public Tokens login(String email, String password, String clientAddress) {
        return startSession(verify(email, password, clientAddress));
    }

    private Tokens startSession(Identity identity) {
        Instant now = clock.now();
        var family = new SessionFamily(UUID.randomUUID(), identity.accountId(), now, now.plus(sessionMax));
        em.persist(family);
        return tokens(identity, family, now);
    }

    private Tokens tokens(Identity identity, SessionFamily family, Instant now) {
        Instant refreshExpiry = now.plus(refreshTtl).isBefore(family.expiresAt()) ? now.plus(refreshTtl)
                : family.expiresAt();
        var refresh = RefreshToken.issue(family.id(), now, refreshExpiry);
        em.persist(refresh.entity());
        // the access token's times are real time, not business time: its verifier checks them against the system clock
        return new Tokens(identity.accountId(), accessTokens.issue(identity, family.id(), Instant.now()),
                accessTokens.ttlSeconds(), refresh.token(), Duration.between(now, refreshExpiry).toSeconds());
    }

    /**
     * Rotates a refresh token: the next pair, or empty when the token is unknown, expired, revoked or reused. A
     * reuse revokes the family, and that revocation is committed although the caller is refused: hence a result,
     * not an exception.
     */
    public Optional<Tokens> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            return Optional.empty();
        }
        var token = em.find(RefreshToken.class, RefreshToken.hash(refreshToken), LockModeType.PESSIMISTIC_WRITE);
        if (token == null) {
            return Optional.empty();
        }
        var family = em.find(SessionFamily.class, token.familyId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.now();
        switch (token.use(now)) {
            case REUSED -> {
                if (family.revoke("refresh-token-reused", now)) {
                    LOG.warning(() -> "A rotated refresh token was presented again: session " + family.id()
                            + " of account " + family.accountId() + " revoked");
                    audit.record("system", "session.revoked-on-reuse", "account", family.accountId().toString(),
                            null, family.id().toString());
                }
                return Optional.empty();
            }
            case EXPIRED -> {
                return Optional.empty();
            }
            case ROTATE -> {
                if (!family.isActive(now)) {
                    return Optional.empty();
                }
                var account = em.find(Account.class, family.accountId());
                return Optional.of(tokens(account.identity(), family, now));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Ends the session the refresh token belongs to. Answers the same whether the token was known or not. */
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.length() > 200) {
            return;
        }
        var token = em.find(RefreshToken.class, RefreshToken.hash(refreshToken));
        if (token != null) {
            endSession(token.familyId());
        }
    }

    /** Ends a session by its id (the {@code sid} of an access token, or a page session's). */
    public void endSession(UUID sessionId) {
        var family = em.find(SessionFamily.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (family != null) {
            family.revoke("logout", clock.now());
        }
    }

    /**
     * What a request acts as, asked on every request (API and pages): one primary-key join of the session and its
     * account, remembered for a moment ({@link LiveSessions}: forgotten at once on any change in this process, at
     * most {@code picktartup.auth.session-recheck} old otherwise). Empty when the session ended (logout, logout
     * everywhere, a password change elsewhere, reuse of a refresh token, expiry) or the account is disabled. The role
     * and the investor category are the account's current ones, so an admin's change counts at once.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<LiveSession> liveSession(UUID sessionId, UUID accountId) {
        return Optional.ofNullable(liveSessions(List.of(new SessionOf(sessionId, accountId))).get(0));
    }

    /**
     * {@link #liveSession} for many requests at once, in one query (what a burst of new callers would otherwise read
     * one query, one container call and one connection each): for each of {@code sessions} (a session id and the
     * account its token names, in order) its live session, or null when it may not act. Remembered answers are used
     * and fresh ones remembered, as {@link #liveSession} does.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<LiveSession> liveSessions(List<SessionOf> sessions) {
        var answers = new java.util.ArrayList<LiveSession>(sessions.size());
        var unknown = new java.util.HashSet<UUID>();
        for (var asked : sessions) {
            var known = liveSessions.remembered(asked.sessionId(), asked.accountId());
            answers.add(known.map(live -> LiveSession.of(asked.sessionId(), live)).orElse(null));
            if (known.isEmpty()) {
                unknown.add(asked.sessionId());
            }
        }
        if (unknown.isEmpty()) {
            return answers;
        }
        long epoch = liveSessions.epoch();
        var read = new java.util.HashMap<UUID, Object[]>();
        for (Object[] row : em.createQuery("""
                        select f.id, a.id, a.role, a.passwordChangeRequired, f.expiresAt from SessionFamily f, Account a
                        where f.id in :sessions and a.id = f.accountId
                          and f.revokedAt is null and f.expiresAt > :now and a.status = :active
                          and a.emailVerifiedAt is not null""", Object[].class)
                .setParameter("sessions", unknown)
                .setParameter("now", clock.now())
                .setParameter("active", AccountStatus.ACTIVE)
                .getResultList()) {
            read.put((UUID) row[0], row);
        }
        for (int i = 0; i < sessions.size(); i++) {
            var asked = sessions.get(i);
            var row = answers.get(i) == null ? read.get(asked.sessionId()) : null;
            // the session must be the account's the token names, as liveSession's query demands
            if (row != null && asked.accountId().equals(row[1])) {
                liveSessions.remember(asked.sessionId(), asked.accountId(), (Role) row[2], (Instant) row[4],
                        (Boolean) row[3], epoch);
                answers.set(i, new LiveSession(new Identity(asked.accountId(), (Role) row[2]), asked.sessionId(),
                        (Boolean) row[3]));
            }
        }
        return answers;
    }

    /** A session a request's access token names, with the account the token speaks for. */
    public record SessionOf(UUID sessionId, UUID accountId) {
    }

    /** A session that may act now: who, which session, and whether the password must be changed before anything. */
    public record LiveSession(Identity identity, UUID sessionId, boolean passwordChangeRequired) {
        /** A session {@link LiveSessions} remembered. */
        public static LiveSession of(UUID sessionId, LiveSessions.Live live) {
            return new LiveSession(live.identity(), sessionId, live.passwordChangeRequired());
        }
    }

    /** Our public signing keys as a JWKS document. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String jwks() {
        return accessTokens.jwks();
    }
}
