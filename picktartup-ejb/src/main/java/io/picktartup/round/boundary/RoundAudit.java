package io.picktartup.round.boundary;

import io.picktartup.platform.control.Jsons;
import io.picktartup.platform.entity.FieldRule;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainLedger;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.SqlLiterals;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.round.control.ContractDocuments;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.AuditFinding;
import io.picktartup.round.entity.RoundLedger;
import io.picktartup.startup.boundary.StartupRegister;
import io.picktartup.startup.entity.Startup;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The public audit of a round, which anyone may run without logging in: the escrow's movements as the chain recorded
 * them (investors as wallet addresses, with transaction hashes), the totals, and the stored verdict of reconciling
 * the platform's ledger with them. Reading the report writes nothing and calls no chain node; reconciling (when new
 * events are indexed, after a settlement, or when an admin asks) stores a verdict; a mismatch is logged, audited and
 * counted for the alert, never repaired.
 */
@Stateless
@PermitAll
public class RoundAudit {

    private static final Logger LOG = Logger.getLogger(RoundAudit.class.getName());
    /** How long a pending verdict stands before the renewal judges the round again without new events. */
    private static final java.time.Duration PENDING_RECHECK = java.time.Duration.ofSeconds(10);

    /** What anyone sees. */
    public record Report(FundingRound round, Startup startup, long chainId, String tokenAddress,
                         List<Event> movements, BigInteger deposited, BigInteger cancelled, BigInteger refunded,
                         BigInteger released, BigInteger escrowBalance, Reconciliation reconciliation) {
    }

    /** One movement as the escrow's event recorded it. */
    public record Event(String kind, String address, BigInteger amount, String txHash, long blockNumber,
                        String termsHash) {
    }

    /** A stored verdict. */
    public record Reconciliation(String verdict, List<String> findings, Instant checkedAt, long eventsUpTo) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    StartupRegister startups;

    @Inject
    Chain chain;

    @Inject
    ChainSettings chainSettings;

    @Inject
    ChainLedger ledger;

    @Inject
    TokenCalls tokenCalls;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * The round's public report, read-only and cheap: the indexed movements and the stored verdict with the escrow
     * balance it saw (no write, no chain call: anyone may ask as often as they like, and asking changes nothing, so
     * it cannot hide a mismatch). The verdict is renewed by {@link AuditRenewal} when new events are indexed, by
     * the settlement job, and when an admin asks ({@link #reconcile(UUID)}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Report report(UUID roundId) {
        var round = round(roundId);
        var events = events(round);
        var stored = latest(round.id());
        var movements = events.stream().map(e -> e.movement).toList();
        return new Report(round, startups.find(round.startupId()), chainSettings.chainId(),
                chainSettings.tokenAddress().orElse(null), events.stream().map(e -> e.event).toList(),
                RoundLedger.total(movements, RoundLedger.Kind.DEPOSIT), RoundLedger.total(movements, RoundLedger.Kind.CANCEL),
                RoundLedger.total(movements, RoundLedger.Kind.REFUND), RoundLedger.total(movements, RoundLedger.Kind.RELEASE),
                stored.map(StoredVerdict::escrowBalance).orElse(null),
                stored.map(StoredVerdict::reconciliation).orElseGet(() -> new Reconciliation("PENDING",
                        List.of("not reconciled yet"), null, 0)));
    }

    /**
     * The round's latest stored verdict (PENDING with "not reconciled yet" when there is none), for the admins'
     * rounds page: read-only, no chain call.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Reconciliation verdict(UUID roundId) {
        return latest(roundId).map(StoredVerdict::reconciliation).orElseGet(() -> new Reconciliation("PENDING",
                List.of("not reconciled yet"), null, 0));
    }

    /** A deposit whose investor signed the document with the asked hash (the {@code termsHash} of its event). */
    public record SignedDeposit(String investor, BigInteger amount, String txHash, long blockNumber,
                                Instant confirmedAt) {
    }

    /** Whether a document is one an investor signed into this round's escrow, and which deposits. */
    public record DocumentCheck(String sha256, List<SignedDeposit> deposits) {
        public boolean signed() {
            return !deposits.isEmpty();
        }
    }

    /**
     * Anyone checks a contract document without sending it: its SHA-256 (computed on their own machine) is looked up
     * among the {@code termsHash} values of the escrow's indexed Deposited events, which each investor's key signed.
     * Read-only, no chain call. The hash may be written with or without {@code 0x}, in either case.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DocumentCheck signedDocument(UUID roundId, String sha256) {
        String hash = documentHash(sha256);
        var round = round(roundId);
        var deposits = events(round).stream().map(Indexed::event)
                .filter(e -> RoundLedger.Kind.DEPOSIT.name().equals(e.kind()) && hash.equalsIgnoreCase(e.termsHash()))
                .map(e -> new SignedDeposit(e.address(), e.amount(), e.txHash(), e.blockNumber(), confirmedAt(round, e)))
                .toList();
        return new DocumentCheck(hash, deposits);
    }

    /** {@code 0x} and 64 lower-case hex digits, or a 400 naming the field. */
    static String documentHash(String sha256) {
        String text = sha256 == null ? "" : sha256.strip();
        if (text.startsWith("0x") || text.startsWith("0X")) {
            text = text.substring(2);
        }
        if (!text.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidInputException("sha256", FieldRule.SHA256);
        }
        return "0x" + text.toLowerCase(java.util.Locale.ROOT);
    }

    /** When the platform saw the deposit confirmed (a batch carries several investors in one transaction). */
    private Instant confirmedAt(FundingRound round, Event deposit) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                        select min(confirmed_at) from investment where round_id = ?1 and deposit_tx_hash = ?2
                        and lower(investor_address) = lower(?3)""")
                .setParameter(1, round.id()).setParameter(2, deposit.txHash()).setParameter(3, deposit.address())
                .getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : instant(rows.get(0));
    }

    private record StoredVerdict(Reconciliation reconciliation, BigInteger escrowBalance) {
    }

    private java.util.Optional<StoredVerdict> latest(UUID roundId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select verdict, findings, checked_at, events_up_to, escrow_balance from round_reconciliation
                        where round_id = ?1 order by checked_at desc, id desc limit 1""")
                .setParameter(1, roundId).getResultList();
        return rows.stream().findFirst().map(r -> new StoredVerdict(new Reconciliation((String) r[0],
                ((String) r[1]).isEmpty() ? List.of() : List.of(((String) r[1]).split("\n")), instant(r[2]),
                ((Number) r[3]).longValue()), number(r[4])));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /**
     * Rounds on chain whose stored verdict is older than their indexed events (or that have none): what
     * {@link AuditRenewal} renews. Only open rounds and settled rounds the settlement job already reconciled: a round
     * in the middle of its settlement is the job's to reconcile once it is done (reconciling it half-way would raise
     * a false alarm).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UUID> stale(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rounds = em.createNativeQuery("""
                        select r.id, lower(r.contract_address), latest.events_up_to, latest.verdict, latest.checked_at
                        from funding_round r
                        left join lateral (select c.events_up_to, c.verdict, c.checked_at from round_reconciliation c
                                           where c.round_id = r.id
                                           order by c.checked_at desc, c.id desc limit 1) latest on true
                        where r.contract_address is not null
                        and (r.status = 'OPEN' or (r.status in SETTLED and exists (
                               select 1 from round_reconciliation c where c.round_id = r.id
                               and c.verdict <> 'PENDING' and c.checked_at >= r.settled_at)))
                        order by r.id""".replace("SETTLED", SqlLiterals.list(FundingRound.Status.SETTLED)))
                .getResultList();
        // the chain's events through the chain component: the newest indexed block of each escrow
        var lastEvents = ledger.lastEventBlocks(rounds.stream().map(r -> (String) r[1]).toList());
        // a pending verdict (indexing behind, the platform's transactions not final) is judged again after a while
        // even without new events: what it waited for may have become final without moving the escrow again
        var recheckPendingBefore = clock.now().minus(PENDING_RECHECK);
        return rounds.stream()
                .filter(r -> r[2] == null || lastEvents.getOrDefault((String) r[1], -1L) > ((Number) r[2]).longValue()
                        || "PENDING".equals(r[3]) && instant(r[4]).isBefore(recheckPendingBefore))
                .limit(max)
                .map(r -> r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString())).toList();
    }

    /** Reconciles the round now and stores the verdict (PENDING while the indexer has not reached the last move). */
    public Reconciliation reconcile(UUID roundId) {
        return reconcile(round(roundId));
    }

    /** Settled rounds without a verdict (OK or MISMATCH) since their settlement: the settlement job reconciles them. */
    public List<UUID> settledButNotReconciled(int max) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                        select r.id from funding_round r where r.status in SETTLED
                        and not exists (select 1 from round_reconciliation c where c.round_id = r.id
                                        and c.verdict <> 'PENDING' and c.checked_at >= r.settled_at)
                        order by r.settled_at limit ?1""".replace("SETTLED", SqlLiterals.list(FundingRound.Status.SETTLED)))
                .setParameter(1, max).getResultList();
        return ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
    }

    /** Rounds whose latest reconciliation is a mismatch (the alert). */
    public long mismatches() {
        return ((Number) em.createNativeQuery("""
                select count(*) from (select distinct on (round_id) verdict from round_reconciliation
                                      order by round_id, checked_at desc, id desc) latest
                where verdict = 'MISMATCH'""").getSingleResult()).longValue();
    }

    private Reconciliation reconcile(FundingRound round) {
        if (round.contractAddress().isEmpty() || !FundingRound.Status.OPENED.contains(round.status())) {
            return new Reconciliation("PENDING", List.of(AuditFinding.NOT_ON_CHAIN.say()), clock.now(), 0);
        }
        String escrow = round.contractAddress().orElseThrow();
        // the indexer's progress and the platform's traffic to the escrow are read before either side and the traffic
        // again after: the ledger, the events and the chain's balance are read one after another, not at one instant,
        // and a confirmation between them (the dispatcher's receipt pass, e.g. right after a restart) made a sound
        // round look like a mismatch
        long indexedUpTo = ledger.indexedUpTo();
        var before = ledger.trafficTo(escrow);
        var events = events(round);
        RoundLedger.Verdict verdict = RoundLedger.reconcile(ledger(round), events.stream().map(e -> e.movement).toList(),
                escrowBalance(round), documents(round));
        var after = ledger.trafficTo(escrow);
        long lastMove = after.lastConfirmedBlock();
        // a difference while the platform's own transactions to the escrow are not final yet (e.g. right after a
        // restart, before the dispatcher records deposits the chain already shows), or while one became final, is no
        // mismatch yet: it is judged again once they are final (a stuck transaction has its own alert)
        long unfinished = !verdict.ok() && lastMove <= indexedUpTo
                ? Math.max(Math.max(before.unfinished(), after.unfinished()),
                        before.equals(after) ? 0 : Math.max(1, after.confirmed() - before.confirmed())) : 0;
        String name = lastMove > indexedUpTo || unfinished > 0 ? "PENDING" : verdict.name();
        var findings = lastMove > indexedUpTo ? List.of(AuditFinding.INDEXING.say(indexedUpTo, lastMove))
                : unfinished > 0 ? List.of(AuditFinding.UNFINISHED.say(unfinished)) : verdict.findings();
        em.createNativeQuery("""
                        insert into round_reconciliation (round_id, checked_at, verdict, findings, ledger_balance,
                                                          escrow_balance, events_up_to)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, round.id()).setParameter(2, clock.now()).setParameter(3, name)
                .setParameter(4, String.join("\n", findings)).setParameter(5, verdict.ledgerBalance())
                .setParameter(6, verdict.escrowBalance()).setParameter(7, indexedUpTo)
                .executeUpdate();
        if ("MISMATCH".equals(name)) {
            LOG.severe(() -> "Round " + round.id() + " does not reconcile with its escrow: " + findings);
            audit.record("system", "round.reconciliation-mismatch", "funding_round", round.id().toString(), null,
                    String.join("; ", findings));
        }
        return new Reconciliation(name, findings, clock.now(), indexedUpTo);
    }

    private record Indexed(Event event, RoundLedger.Movement movement) {
    }

    private List<Indexed> events(FundingRound round) {
        if (round.contractAddress().isEmpty()) {
            return List.of();
        }
        var events = new ArrayList<Indexed>();
        for (var indexed : ledger.events(round.contractAddress().orElseThrow(),
                List.of("Deposited", "Cancelled", "Refunded", "Released"))) {
            JsonObject args = Jsons.object(indexed.args());
            String name = indexed.eventName();
            var kind = switch (name) {
                case "Deposited" -> RoundLedger.Kind.DEPOSIT;
                case "Cancelled" -> RoundLedger.Kind.CANCEL;
                case "Refunded" -> RoundLedger.Kind.REFUND;
                default -> RoundLedger.Kind.RELEASE;
            };
            String address = args.getString("arg0");
            BigInteger amount = new BigInteger(args.getString("arg1"));
            String terms = kind == RoundLedger.Kind.DEPOSIT ? args.getString("arg2") : null;
            String tx = indexed.txHash();
            events.add(new Indexed(new Event(kind.name(), address, amount, tx, indexed.blockNumber(), terms),
                    new RoundLedger.Movement(kind, address, amount, tx, terms)));
        }
        return events;
    }

    /** The platform's side: what the investments and the round say moved. */
    private List<RoundLedger.Movement> ledger(FundingRound round) {
        var movements = new ArrayList<RoundLedger.Movement>();
        @SuppressWarnings("unchecked")
        List<Object[]> deposits = em.createNativeQuery("""
                        select investor_address, amount, deposit_tx_hash, terms_hash from investment
                        where round_id = ?1 and deposit_tx_hash is not null""")
                .setParameter(1, round.id()).getResultList();
        deposits.forEach(r -> movements.add(new RoundLedger.Movement(RoundLedger.Kind.DEPOSIT, (String) r[0],
                number(r[1]), (String) r[2], (String) r[3])));
        @SuppressWarnings("unchecked")
        List<Object[]> cancels = em.createNativeQuery("""
                        select investor_address, sum(amount), cancel_tx_hash from investment
                        where round_id = ?1 and status = ?2 group by investor_address, cancel_tx_hash""")
                .setParameter(1, round.id()).setParameter(2, Investment.Status.CANCELLED.name()).getResultList();
        cancels.forEach(r -> movements.add(new RoundLedger.Movement(RoundLedger.Kind.CANCEL, (String) r[0],
                number(r[1]), (String) r[2], null)));
        @SuppressWarnings("unchecked")
        List<Object[]> refunds = em.createNativeQuery("""
                        select investor_address, sum(amount) from investment
                        where round_id = ?1 and status = ?2 group by investor_address""")
                .setParameter(1, round.id()).setParameter(2, Investment.Status.REFUNDED.name()).getResultList();
        refunds.forEach(r -> movements.add(new RoundLedger.Movement(RoundLedger.Kind.REFUND, (String) r[0],
                number(r[1]), null, null)));
        if (round.status() == FundingRound.Status.RELEASED) {
            movements.add(new RoundLedger.Movement(RoundLedger.Kind.RELEASE, startups.find(round.startupId())
                    .walletAddress(), round.raised().baseUnits(), round.settleTxHash().orElse(null), null));
        }
        return movements;
    }

    private List<RoundLedger.Document> documents(FundingRound round) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select id, document, terms_hash from investment
                        where round_id = ?1 and deposit_tx_hash is not null""")
                .setParameter(1, round.id()).getResultList();
        return rows.stream().map(r -> new RoundLedger.Document(r[0].toString(),
                r[1] == null ? null : ContractDocuments.sha256Hex((byte[]) r[1]), (String) r[2])).toList();
    }

    private BigInteger escrowBalance(FundingRound round) {
        if (round.contractAddress().isEmpty()) {
            return BigInteger.ZERO;
        }
        try {
            return TokenCalls.uint(chain.read(chainSettings.tokenAddress().orElseThrow(),
                    tokenCalls.balanceOf(round.contractAddress().orElseThrow())));
        } catch (ChainUnavailableException e) {
            throw new UnavailableException("chain.unavailable", "The escrow's balance cannot be read right now.");
        }
    }

    private FundingRound round(UUID roundId) {
        var round = em.find(FundingRound.class, roundId);
        if (round == null || round.status() == FundingRound.Status.DRAFT) {
            throw new NotFoundException("Round", roundId);
        }
        return round;
    }

    private static BigInteger number(Object value) {
        return value instanceof BigInteger b ? b : ((BigDecimal) value).toBigIntegerExact();
    }
}
