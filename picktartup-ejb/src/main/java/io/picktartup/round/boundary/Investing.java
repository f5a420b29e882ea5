package io.picktartup.round.boundary;

import io.picktartup.account.entity.Account;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainOutbox;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.Relayer;
import io.picktartup.chain.control.RoundCalls;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.control.TypedData;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.coin.entity.TokenAmount;
import io.picktartup.mail.control.MailOutbox;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.control.ContractDocuments;
import io.picktartup.round.control.RoundSettings;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.InvestmentContractTerms;
import io.picktartup.round.entity.InvestmentMail;
import io.picktartup.round.entity.InvestmentStateException;
import io.picktartup.round.entity.RoundRefusedException;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.startup.entity.Startup;
import io.picktartup.wallet.boundary.MyWallet;
import io.picktartup.wallet.boundary.WalletBalances;
import io.picktartup.wallet.control.WalletOperations;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.web3j.utils.Numeric;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Investing into a round, in three steps. Reserve: the amount is checked against the round (open, minimum, whole
 * shares, hard cap — one atomic conditional update on the round row, so a rush never oversubscribes), the investor's
 * yearly limits (under a lock on the investor's row) and their PKN; room is held for a while. Read: the contract
 * document is generated once and kept. Sign: the investor's key, opened with the wallet password for this request,
 * signs the EIP-712 consent over the document's SHA-256 and the permit for exactly that amount; the relayer carries
 * the deposit through the chain outbox. Cancel: a signed cancel takes the investor's whole position back, until 48
 * hours before the deadline.
 */
@Stateless
@DeclareRoles({"INVESTOR", "STARTUP", "ADMIN"})
public class Investing {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String DEPOSIT = "round-deposit";
    static final String CANCEL = "round-cancel";

    /** Fired in the transaction that confirms an investment (its deposit is final on chain). */
    public record InvestmentConfirmed(UUID investmentId) {
    }

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @EJB
    StartupRegister startups;

    @EJB
    MyWallet wallets;

    @EJB
    WalletBalances balances;

    @Inject
    WalletOperations walletOperations;

    @Inject
    RoundSettings settings;

    @Inject
    ContractDocuments documents;

    @Inject
    Chain chain;

    @Inject
    ChainSettings chainSettings;

    @Inject
    TypedData typedData;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    RoundCalls roundCalls;

    @Inject
    ChainOutbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    Event<InvestmentConfirmed> confirmedEvents;

    @Inject
    MailOutbox mails;

    /**
     * Step 1: holds room for {@code pkn} in the round for the caller, within every limit. Returns the reservation
     * with its round and startup, read in the same transaction (an answer that fails after the commit would leave a
     * reservation its investor never heard of).
     */
    public Holding reserve(UUID roundId, String pkn) {
        return reserve(roundId, pkn, null);
    }

    /** As {@link #reserve(UUID, String)}; a repeated {@code requestKey} of the caller returns the first reservation. */
    public Holding reserve(UUID roundId, String pkn, String requestKey) {
        UUID investor = caller();
        if (requestKey != null && requestKey.length() > 100) {
            throw new InvalidInputException("Idempotency-Key", "must be at most 100 characters");
        }
        TokenAmount amount = parse(pkn);
        var now = clock.now();
        var round = em.find(FundingRound.class, roundId);
        if (round == null || round.status() == FundingRound.Status.DRAFT) {
            throw new NotFoundException("Round", roundId);
        }
        var quote = round.quote(amount, now);
        var startup = startups.find(round.startupId());
        if (startup.isLedBy(investor)) {
            throw new RoundRefusedException("investment.own-startup", "A CEO cannot invest in their own startup's round.");
        }
        // the investor's row serialises their own concurrent reservations: limits and balance are checked once each
        var account = em.find(Account.class, investor, LockModeType.PESSIMISTIC_WRITE);
        if (requestKey != null && !requestKey.isBlank()) {
            // under the investor's lock: a concurrent copy of this request waits here, then finds the first one
            var earlier = em.createQuery("""
                            select i from Investment i where i.accountId = :account and i.requestKey = :key""",
                            Investment.class)
                    .setParameter("account", investor).setParameter("key", requestKey.strip())
                    .getResultStream().findFirst();
            if (earlier.isPresent()) {
                var first = earlier.get();
                var itsRound = em.find(FundingRound.class, first.roundId());
                return new Holding(first, itsRound, startups.find(itsRound.startupId()));
            }
        }
        int year = LocalDate.ofInstant(now, SEOUL).getYear();
        Object[] used = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(amount_krw) filter (where startup_id = ?2), 0), coalesce(sum(amount_krw), 0)
                        from investment where account_id = ?1 and limit_year = ?3
                        and status in ('RESERVED', 'PENDING', 'CONFIRMED', 'CANCELLING')""")
                .setParameter(1, investor).setParameter(2, startup.id()).setParameter(3, year)
                .getSingleResult();
        settings.limits().check(account.category(), ((Number) used[0]).longValue(), ((Number) used[1]).longValue(),
                quote.amountKrw());
        // read here, in this transaction: MyWallet runs outside transactions (for the key derivation), and calling it
        // would suspend this one and take a second connection while holding the first (a rush exhausts the pool)
        var ownWallet = em.find(io.picktartup.wallet.entity.Wallet.class, investor);
        if (ownWallet == null) {
            throw new NotFoundException("Wallet", investor);
        }
        var wallet = new WalletAddress(ownWallet.address().value());
        BigInteger onItsWay = toBigInteger(em.createNativeQuery("""
                        select coalesce(sum(amount), 0) from investment
                        where account_id = ?1 and status in ('RESERVED', 'PENDING')""")
                .setParameter(1, investor).getSingleResult());
        BigInteger spendable = balances.pkn(wallet).subtract(onItsWay);
        if (spendable.compareTo(amount.baseUnits()) < 0) {
            throw new RoundRefusedException("investment.insufficient-balance", "Your wallet has "
                    + new TokenAmount(spendable.max(BigInteger.ZERO)) + " free for investing (other investments on their"
                    + " way hold the rest).", Map.of("availablePkn", new TokenAmount(spendable.max(BigInteger.ZERO)).tokens().toPlainString()));
        }
        var investment = new Investment(UUID.randomUUID(), round, investor, wallet.value(), quote, year,
                now.plus(settings.reservation()), now);
        investment.requestedAs(requestKey);
        em.persist(investment);
        audit.record(investor.toString(), "investment.reserved", "investment", investment.id().toString(), null,
                amount + " in round " + roundId);
        em.flush();
        // the hot row, last: one conditional update, whose row lock is held only for the commit that follows
        int taken = em.createNativeQuery("""
                        update funding_round set committed = committed + ?1
                        where id = ?2 and status = 'OPEN' and deadline > ?3 and committed + ?1 <= hard_cap""")
                .setParameter(1, amount.baseUnits()).setParameter(2, roundId).setParameter(3, now)
                .executeUpdate();
        if (taken == 0) {
            throw refusedByRound(roundId, amount); // rolls the reservation back with it
        }
        return new Holding(investment, round, startup);
    }

    private RuntimeException refusedByRound(UUID roundId, TokenAmount amount) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select status, hard_cap - committed from funding_round where id = ?1")
                .setParameter(1, roundId).getSingleResult();
        if (!"OPEN".equals(row[0])) {
            return new RoundRefusedException("round.not-open", "The round is not open for investment.");
        }
        var room = new TokenAmount(toBigInteger(row[1]).max(BigInteger.ZERO));
        if (room.compareTo(amount) < 0) {
            return new RoundRefusedException("round.hard-cap", "The round is nearly full: " + room
                    + " of room is left under its hard cap.", Map.of("remainingPkn", room.tokens().toPlainString()));
        }
        return new RoundRefusedException("round.closed", "The round closed at its deadline.");
    }

    /** Step 2: the investment contract document (generated once, then kept); for the investor, the CEO and admins. */
    @PermitAll
    public byte[] document(UUID investmentId) {
        var investment = visible(investmentId);
        if (investment.hasDocument()) {
            return investment.document().orElseThrow();
        }
        if (!investment.belongsTo(callerOrNull()) || investment.status() != Investment.Status.RESERVED) {
            throw new NotFoundException("Contract document", investmentId);
        }
        var locked = em.find(Investment.class, investmentId, LockModeType.PESSIMISTIC_WRITE);
        if (!locked.hasDocument()) {
            generateDocument(locked);
        }
        return locked.document().orElseThrow();
    }

    private void generateDocument(Investment investment) {
        var round = em.find(FundingRound.class, investment.roundId());
        var startup = startups.find(round.startupId());
        var investor = em.find(Account.class, investment.accountId());
        var terms = new InvestmentContractTerms(investment.id(), LocalDate.ofInstant(investment.createdAt(), SEOUL),
                investor.name(), investor.email(), investment.investorAddress(), startup.name(), startup.ceoName(),
                startup.walletAddress(), round.name(), round.contractAddress().orElseThrow(), chainSettings.chainId(),
                investment.amount().baseUnits(), investment.amountKrw(), investment.shares(), round.pricePerShareKrw(),
                round.preMoneyValuationKrw(), round.deadline(), round.cancelCutoff(), round.terms());
        byte[] pdf = documents.render(terms);
        investment.document(pdf, ContractDocuments.sha256Hex(pdf));
    }

    /**
     * Step 3: signs the consent over the document's hash and the permit with the caller's key (opened with the
     * wallet password for this request only) and queues the deposit. A wrong password signs and queues nothing.
     */
    public Investment sign(UUID investmentId, String walletPassword) {
        if (walletPassword == null || walletPassword.isEmpty()) {
            throw new InvalidInputException("walletPassword", "must be given");
        }
        UUID investor = caller();
        var investment = em.find(Investment.class, investmentId, LockModeType.PESSIMISTIC_WRITE);
        if (investment == null || !investment.belongsTo(investor)) {
            throw new NotFoundException("Investment", investmentId);
        }
        var now = clock.now();
        if (investment.status() == Investment.Status.PENDING || investment.status() == Investment.Status.CONFIRMED) {
            return investment; // signed already: a repeated click changes nothing
        }
        investment.requireReserved(now);
        if (!investment.hasDocument()) {
            generateDocument(investment);
        }
        var round = em.find(FundingRound.class, investment.roundId());
        String escrow = round.contractAddress().orElseThrow();
        String token = chainSettings.tokenAddress()
                .orElseThrow(() -> new UnavailableException("chain.unavailable", "The token address is not configured."));
        String depositKey = DEPOSIT + ":" + investment.id();
        if (!walletOperations.claim(investment.investorAddress(), depositKey, now)) {
            throw new InvestmentStateException("investment.wallet-busy",
                    "Another signed operation of your wallet is still on its way; sign this one when it is done.");
        }
        BigInteger permitNonce;
        BigInteger consentNonce;
        try {
            permitNonce = TokenCalls.uint(chain.read(token, tokenCalls.nonces(investment.investorAddress())));
            consentNonce = RoundCalls.position(chain.read(escrow, roundCalls.positionOf(investment.investorAddress())))[1];
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; sign again in a moment.");
        }
        BigInteger deadline = BigInteger.valueOf(now.plus(settings.signatureValidity()).getEpochSecond())
                .min(BigInteger.valueOf(round.deadline().getEpochSecond()));
        BigInteger amount = investment.amount().baseUnits();
        byte[] termsHash = Numeric.hexStringToByteArray(investment.termsHash().orElseThrow());
        var permit = wallets.signTypedData(investor, walletPassword,
                typedData.permit(token, investment.investorAddress(), escrow, amount, permitNonce, deadline));
        var consent = wallets.signTypedData(investor, walletPassword,
                typedData.investment(escrow, investment.investorAddress(), amount, termsHash, consentNonce, deadline));
        var deposit = new RoundCalls.Deposit(investment.investorAddress(), amount, termsHash, consentNonce, deadline,
                permit.v(), permit.r(), permit.s(), consent.v(), consent.r(), consent.s());
        outbox.enqueue(depositKey, DEPOSIT, escrow, roundCalls.deposit(deposit), RoundCalls.DEPOSIT_GAS);
        investment.signed(consentNonce, depositKey, now);
        audit.record(investor.toString(), "investment.signed", "investment", investmentId.toString(), "RESERVED",
                "PENDING, terms " + investment.termsHash().orElseThrow());
        return investment;
    }

    /**
     * Cancels the caller's whole position in the round of {@code investmentId} (the escrow returns it at once), until
     * 48 hours before the deadline.
     */
    public List<Investment> cancel(UUID investmentId, String walletPassword) {
        if (walletPassword == null || walletPassword.isEmpty()) {
            throw new InvalidInputException("walletPassword", "must be given");
        }
        UUID investor = caller();
        var investment = em.find(Investment.class, investmentId);
        if (investment == null || !investment.belongsTo(investor)) {
            throw new NotFoundException("Investment", investmentId);
        }
        var round = em.find(FundingRound.class, investment.roundId());
        var now = clock.now();
        round.requireCancellable(now);
        var position = em.createQuery("""
                        select i from Investment i where i.roundId = :round and i.accountId = :account
                        and i.status in :holding order by i.createdAt""", Investment.class)
                .setParameter("round", round.id()).setParameter("account", investor)
                .setParameter("holding", Investment.Status.HOLDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (position.stream().anyMatch(i -> i.status() == Investment.Status.PENDING)) {
            throw new InvestmentStateException("investment.pending",
                    "A deposit of yours into this round is still on its way; cancel once it is confirmed.");
        }
        var confirmed = position.stream().filter(i -> i.status() == Investment.Status.CONFIRMED).toList();
        if (confirmed.isEmpty()) {
            throw new InvestmentStateException("investment.not-cancellable",
                    "Only a confirmed investment can be cancelled; this one is " + investment.status() + ".");
        }
        String escrow = round.contractAddress().orElseThrow();
        BigInteger nonce;
        try {
            nonce = RoundCalls.position(chain.read(escrow, roundCalls.positionOf(investment.investorAddress())))[1];
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The chain cannot be reached; cancel again in a moment.");
        }
        String cancelKey = CANCEL + ":" + round.id() + ":" + investor + ":" + nonce;
        if (!walletOperations.claim(investment.investorAddress(), cancelKey, now)) {
            throw new InvestmentStateException("investment.wallet-busy",
                    "Another signed operation of your wallet is still on its way; cancel when it is done.");
        }
        BigInteger deadline = BigInteger.valueOf(now.plus(settings.signatureValidity()).getEpochSecond());
        var signature = wallets.signTypedData(investor, walletPassword,
                typedData.cancel(escrow, investment.investorAddress(), nonce, deadline));
        outbox.enqueue(cancelKey, CANCEL, escrow, roundCalls.cancel(investment.investorAddress(), nonce, deadline,
                signature.v(), signature.r(), signature.s()), RoundCalls.CANCEL_GAS);
        confirmed.forEach(i -> i.cancelling(cancelKey));
        audit.record(investor.toString(), "investment.cancelling", "funding_round", round.id().toString(), "CONFIRMED",
                confirmed.size() + " investment(s), " + cancelKey);
        return confirmed;
    }

    /** A deposit or cancel reached its end on chain: the investments and the round's figures follow, once. */
    public void onSettled(@Observes ChainTransactionSettled settled) {
        if (DEPOSIT.equals(settled.kind())) {
            depositSettled(settled);
        } else if (CANCEL.equals(settled.kind())) {
            cancelSettled(settled);
        }
    }

    private void depositSettled(ChainTransactionSettled settled) {
        UUID id = UUID.fromString(settled.businessKey().substring(DEPOSIT.length() + 1));
        var investment = em.find(Investment.class, id, LockModeType.PESSIMISTIC_WRITE);
        walletOperations.release(settled.businessKey());
        if (investment == null) {
            return;
        }
        var now = clock.now();
        BigInteger amount = investment.amount().baseUnits();
        if (settled.confirmed()) {
            if (investment.confirmed(settled.txHash().orElse(null), now)) {
                em.createNativeQuery("update funding_round set raised = raised + ?1 where id = ?2")
                        .setParameter(1, amount).setParameter(2, investment.roundId()).executeUpdate();
                mailCeo(investment);
                confirmedEvents.fire(new InvestmentConfirmed(id));
                audit.record("system", "investment.confirmed", "investment", id.toString(), "PENDING",
                        "CONFIRMED " + settled.txHash().orElse(""));
            }
        } else if (investment.failed(settled.failure().orElse("unknown"), now)) {
            giveBackRoom(investment.roundId(), amount);
            audit.record("system", "investment.failed", "investment", id.toString(), "PENDING",
                    "FAILED: " + settled.failure().orElse("unknown"));
        }
    }

    /** Queued in the confirming transaction: the mail goes out once, even if SMTP is down right now. */
    private void mailCeo(Investment investment) {
        var round = em.find(FundingRound.class, investment.roundId());
        em.refresh(round); // the raised figure was just updated in SQL
        var startup = startups.find(round.startupId());
        var investor = em.find(Account.class, investment.accountId());
        long investors = investorCount(round.id());
        var mail = InvestmentMail.toCeo(startup.name(), round, investment, investor.name(), investors);
        mails.queue("investment-confirmed:" + investment.id(), startup.ceoEmail(), mail.subject(), mail.body());
    }

    private void cancelSettled(ChainTransactionSettled settled) {
        walletOperations.release(settled.businessKey());
        var cancelled = em.createQuery("select i from Investment i where i.cancelKey = :key", Investment.class)
                .setParameter("key", settled.businessKey())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        var now = clock.now();
        for (var investment : cancelled) {
            BigInteger amount = investment.amount().baseUnits();
            if (settled.confirmed()) {
                if (investment.cancelled(settled.txHash().orElse(null), now)) {
                    em.createNativeQuery("""
                                    update funding_round set raised = raised - ?1, committed = committed - ?1
                                    where id = ?2""")
                            .setParameter(1, amount).setParameter(2, investment.roundId()).executeUpdate();
                    audit.record("system", "investment.cancelled", "investment", investment.id().toString(),
                            "CANCELLING", "CANCELLED " + settled.txHash().orElse(""));
                }
            } else if (investment.cancelRefused(settled.failure().orElse("unknown"))) {
                audit.record("system", "investment.cancel-refused", "investment", investment.id().toString(),
                        "CANCELLING", "CONFIRMED: " + settled.failure().orElse("unknown"));
            }
        }
    }

    /** Ends reservations nobody signed in time and gives their room back; returns how many. */
    public int expireReservations(int max) {
        var now = clock.now();
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from investment where status = 'RESERVED' and reserved_until <= ?1
                        order by reserved_until limit ?2 for update skip locked""", UUID.class)
                .setParameter(1, now).setParameter(2, max)
                .getResultList();
        for (UUID id : ids) {
            var investment = em.find(Investment.class, id);
            if (investment.expiredAt(now)) {
                investment.expired(now);
                giveBackRoom(investment.roundId(), investment.amount().baseUnits());
                audit.record("system", "investment.expired", "investment", id.toString(), "RESERVED", "EXPIRED");
            }
        }
        return ids.size();
    }

    /** Ends every reservation of a round that closes, giving its room back (joins the caller's transaction). */
    public void endReservations(UUID roundId) {
        var now = clock.now();
        for (var investment : em.createQuery("""
                        select i from Investment i where i.roundId = :round and i.status = :reserved""", Investment.class)
                .setParameter("round", roundId).setParameter("reserved", Investment.Status.RESERVED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            investment.expired(now);
            giveBackRoom(roundId, investment.amount().baseUnits());
        }
    }

    /** Investors holding a confirmed position in the round. */
    public long investorCount(UUID roundId) {
        return ((Number) em.createNativeQuery("""
                        select count(distinct account_id) from investment
                        where round_id = ?1 and status in ('CONFIRMED', 'CANCELLING')""")
                .setParameter(1, roundId).getSingleResult()).longValue();
    }

    private void giveBackRoom(UUID roundId, BigInteger amount) {
        em.createNativeQuery("update funding_round set committed = committed - ?1 where id = ?2")
                .setParameter(1, amount).setParameter(2, roundId).executeUpdate();
    }

    /** One investment, for its investor, the startup's CEO and admins; anyone else gets a 404. */
    @PermitAll
    public Investment find(UUID investmentId) {
        return visible(investmentId);
    }

    /** An investment with the round and startup it went into. */
    public record Holding(Investment investment, FundingRound round, Startup startup) {
    }

    /**
     * What a share is worth now: the value an admin set for the startup, else the price per share of its latest round
     * that is open or past (a later round re-prices the company).
     */
    @PermitAll
    public java.util.OptionalLong currentPricePerShareKrw(UUID startupId) {
        var valued = startups.find(startupId).valuePerShareKrw();
        if (valued.isPresent()) {
            return valued;
        }
        return em.createQuery("""
                        select r.pricePerShareKrw from FundingRound r where r.startupId = :startup
                        and r.status not in :unpriced order by r.createdAt desc""", Long.class)
                .setParameter("startup", startupId)
                .setParameter("unpriced", List.of(FundingRound.Status.DRAFT, FundingRound.Status.OPENING,
                        FundingRound.Status.FAILED, FundingRound.Status.REFUNDING, FundingRound.Status.REFUNDED))
                .setMaxResults(1)
                .getResultStream().mapToLong(Long::longValue).findFirst();
    }

    /** The caller's investments, newest first. */
    public List<Holding> mine(int max) {
        return em.createQuery("""
                        select i, r, s from Investment i, FundingRound r, Startup s
                        where r.id = i.roundId and s.id = i.startupId and i.accountId = :account
                        order by i.createdAt desc""", Object[].class)
                .setParameter("account", caller())
                .setMaxResults(Math.max(1, Math.min(max, 500)))
                .getResultList().stream()
                .map(row -> new Holding((Investment) row[0], (FundingRound) row[1], (Startup) row[2]))
                .toList();
    }

    /** One investment with its round and startup, for whoever may see it. */
    @PermitAll
    public Holding holding(UUID investmentId) {
        var investment = visible(investmentId);
        var round = em.find(FundingRound.class, investment.roundId());
        return new Holding(investment, round, startups.find(round.startupId()));
    }

    /** The round's investments, for its startup's CEO and admins. */
    public List<Investment> ofRound(UUID roundId, int max) {
        var round = em.find(FundingRound.class, roundId);
        if (round == null || !mayOversee(startups.find(round.startupId()))) {
            throw new NotFoundException("Round", roundId);
        }
        return em.createQuery("select i from Investment i where i.roundId = :round order by i.createdAt desc",
                        Investment.class)
                .setParameter("round", roundId)
                .setMaxResults(Math.max(1, Math.min(max, 1000)))
                .getResultList();
    }

    private Investment visible(UUID investmentId) {
        var investment = em.find(Investment.class, investmentId);
        if (investment == null) {
            throw new NotFoundException("Investment", investmentId);
        }
        if (investment.belongsTo(callerOrNull()) || mayOversee(startups.find(investment.startupId()))) {
            return investment;
        }
        throw new NotFoundException("Investment", investmentId);
    }

    private boolean mayOversee(Startup startup) {
        return context.isCallerInRole("ADMIN") || Caller.accountId(context.getCallerPrincipal()).map(startup::isLedBy)
                .orElse(false);
    }

    private static TokenAmount parse(String pkn) {
        try {
            var amount = TokenAmount.ofTokens(new BigDecimal(pkn == null ? "" : pkn.trim()));
            if (amount.isZero()) {
                throw new InvalidInputException("amount", "must be positive");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("amount", "must be a number of PKN");
        } catch (InvalidInputException e) {
            throw new InvalidInputException("amount", e.violations().isEmpty() ? e.getMessage()
                    : e.violations().get(0).message());
        }
    }

    private static BigInteger toBigInteger(Object value) {
        return value instanceof BigInteger b ? b : ((BigDecimal) value).toBigIntegerExact();
    }

    private UUID caller() {
        return Caller.accountId(context.getCallerPrincipal())
                .orElseThrow(() -> new NotFoundException("Account", "anonymous"));
    }

    private UUID callerOrNull() {
        return Caller.accountId(context.getCallerPrincipal()).orElse(null);
    }
}
