package io.picktartup.chain.boundary;

import io.picktartup.chain.control.BroadcastRefusedException;
import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainLedger;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.control.SignedEffects;
import io.picktartup.chain.entity.ChainTransaction;
import io.picktartup.chain.entity.ChainTransactionAttempt;
import io.picktartup.chain.entity.ChainTransactionMined;
import io.picktartup.chain.entity.ChainTransactionSettled;
import io.picktartup.chain.entity.ChainTransactionStatus;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.RelayerNonce;
import io.picktartup.platform.control.Clock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The steps that move chain intents to finality, each in its own short transaction so that a crash between two
 * steps loses nothing: sign (with the key the intent's kind needs, its nonce under that key's relayer_nonce row lock,
 * bytes stored) → broadcast the stored bytes →
 * follow receipts to the confirmation depth → re-price what is stuck. A relayed user signature that someone else carried
 * first (a front-runner copying the pending transaction) counts as done once its effect's event is indexed, not as a
 * failure. Safe to run on several instances at once:
 * rows are claimed with {@code FOR UPDATE SKIP LOCKED} and nonces come from one locked row per signer.
 */
@Stateless
public class ChainTransactions {

    private static final Logger LOG = Logger.getLogger(ChainTransactions.class.getName());
    /** Roles whose missing key was logged already (once per run, not on every pass). */
    private static final java.util.Set<io.picktartup.chain.entity.ChainRole> MISSING_KEYS_LOGGED =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PersistenceContext
    EntityManager em;

    @Inject
    Chain chain;

    @Inject
    ChainKeys keys;

    @Inject
    SignedEffects effects;

    @Inject
    ChainLedger ledger;

    @Inject
    ChainSettings settings;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    @Inject
    jakarta.enterprise.event.Event<ChainTransactionSettled> settled;

    @Inject
    jakarta.enterprise.event.Event<ChainTransactionMined> minedEvents;

    /** Signs up to {@code limit} queued intents whose prerequisites are confirmed; returns how many were signed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int signQueued(int limit) {
        // an intent whose prerequisite failed can never go: it fails too (e.g. a transfer whose permit was refused)
        List<ChainTransaction> orphans = em.createNativeQuery("""
                        select t.* from chain_transaction t join chain_transaction p on p.business_key = t.after_key
                        where t.status = 'QUEUED' and p.status = 'FAILED'
                        order by t.id limit ?1 for update of t skip locked""", ChainTransaction.class)
                .setParameter(1, limit)
                .getResultList();
        for (var orphan : orphans) {
            orphan.failed("prerequisite " + orphan.afterKey().orElse("?") + " failed", clock.now());
            announce(orphan);
        }
        List<ChainTransaction> queued = em.createNativeQuery("""
                        select t.* from chain_transaction t
                        where t.status = 'QUEUED'
                          and (t.after_key is null or exists (select 1 from chain_transaction p
                               where p.business_key = t.after_key and p.status = 'CONFIRMED'))
                        order by t.id limit ?1 for update of t skip locked""", ChainTransaction.class)
                .setParameter(1, limit)
                .getResultList();
        if (queued.isEmpty()) {
            return 0;
        }
        // each intent goes out from the key of its role: a queued one written under another account (a rotated key)
        // moves to the current one; intents whose key is not configured wait
        var signable = new java.util.ArrayList<ChainTransaction>();
        for (var intent : queued) {
            var role = intent.signer();
            if (!keys.configured(role)) {
                if (MISSING_KEYS_LOGGED.add(role)) {
                    LOG.warning(() -> "Intents of the " + role.code() + " key wait: no picktartup.chain." + role.code()
                            + "-key configured");
                }
                continue;
            }
            if (!intent.fromAddress().equalsIgnoreCase(keys.address(role))) {
                intent.assignSigner(keys.address(role), clock.now());
            }
            signable.add(intent);
        }
        // one nonce row per signer, locked in address order (two instances never wait on each other in a circle)
        var counters = new java.util.TreeMap<String, RelayerNonce>();
        for (var intent : signable) {
            counters.put(intent.fromAddress(), null);
        }
        var chainPending = new java.util.HashMap<String, BigInteger>();
        for (String signer : counters.keySet()) {
            counters.put(signer, lockedNonce(signer));
            chainPending.put(signer, chain.pendingNonce(signer));
        }
        BigInteger price = chain.gasPrice();
        if (price.compareTo(settings.maxGasPrice()) > 0) {
            LOG.warning(() -> "Network gas price " + price + " is above the cap " + settings.maxGasPrice()
                    + ": signing waits");
            return 0;
        }
        int signed = 0;
        for (var intent : signable) {
            var refusal = chain.wouldRevert(intent.fromAddress(), intent.toAddress(), intent.callData(), intent.gasLimit());
            if (refusal.isPresent() && refusal.get().startsWith("MintCapExceeded")) {
                // the token's mint cap for this period is used up: the mint waits for the next period, it is owed
                metrics.counter("chain_mints_waiting_for_cap_total").inc();
                LOG.fine(() -> "Mint " + intent.businessKey() + " waits: " + refusal.get());
                continue;
            }
            if (refusal.isPresent()) {
                intent.failed("pre-check: " + refusal.get(), clock.now());
                metrics.counter("chain_transactions_refused_total").inc();
                announce(intent);
                continue;
            }
            String signer = intent.fromAddress();
            BigInteger nonce = counters.get(signer).take(chainPending.remove(signer), clock.now());
            var bytes = keys.sign(signer, nonce, price, intent.gasLimit(), intent.toAddress(), intent.callData());
            intent.signed(nonce, price, bytes.hash(), clock.now());
            em.persist(new ChainTransactionAttempt(intent.id(), bytes.hash(), bytes.raw(), price, clock.now()));
            signed++;
        }
        return signed;
    }

    private RelayerNonce lockedNonce(String address) {
        em.createNativeQuery("""
                        insert into relayer_nonce (address, next_nonce, updated_at) values (?1, 0, ?2)
                        on conflict (address) do nothing""")
                .setParameter(1, address)
                .setParameter(2, clock.now())
                .executeUpdate();
        return em.find(RelayerNonce.class, address, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Broadcasts the stored bytes of signed transactions, lowest nonce first; returns how many went out. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @SuppressWarnings("unchecked")
    public int broadcastSigned(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select t.id, a.raw_transaction, t.business_key from chain_transaction t
                        join chain_transaction_attempt a on a.tx_hash = t.tx_hash
                        where t.status = 'SIGNED' order by t.nonce limit ?1""")
                .setParameter(1, limit)
                .getResultList();
        int sent = 0;
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            try {
                chain.broadcast((String) row[1]);
            } catch (BroadcastRefusedException refused) {
                if (!refused.nonceTooLow()) {
                    // e.g. underpriced or no gas money: the bytes stay stored, the next round tries again
                    LOG.warning(() -> "Node refused chain transaction " + id + ": " + refused.getMessage());
                    metrics.counter("chain_broadcast_refused_total").inc();
                    continue;
                }
                // the nonce is used: by this very transaction (then its receipt shows it) or by another one
            }
            self().markSent(id);
            sent++;
            String key = (String) row[2];
            settings.haltAfterBroadcast().filter(key::startsWith).ifPresent(prefix -> {
                LOG.severe(() -> "Fault injection: halting after broadcasting " + key + ", before its receipt");
                Runtime.getRuntime().halt(137);
            });
        }
        return sent;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(long id) {
        var transaction = em.find(ChainTransaction.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (transaction.status() == ChainTransactionStatus.SIGNED) {
            transaction.sent(clock.now());
        }
    }

    /**
     * Follows in-flight transactions: a receipt makes them MINED (or FAILED if reverted); MINED ones at the
     * confirmation depth (or at the node's finalized block) become CONFIRMED, and only then are the business components
     * told; a MINED one whose receipt vanished (reorganisation) goes back to SIGNED and its stored bytes are sent
     * again; one whose receipt moved to another block counts its finality from there.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int trackReceipts(int limit) {
        List<ChainTransaction> inFlight = em.createNativeQuery("""
                        select * from chain_transaction where status in ('SENT', 'MINED')
                        order by nonce limit ?1 for update skip locked""", ChainTransaction.class)
                .setParameter(1, limit)
                .getResultList();
        if (inFlight.isEmpty()) {
            return 0;
        }
        long finalBlock = chain.finalBlock();
        int confirmed = 0;
        for (var transaction : inFlight) {
            var receipt = receiptOfAnyAttempt(transaction);
            if (transaction.status() == ChainTransactionStatus.SENT) {
                if (receipt.isEmpty()) {
                    continue;
                }
                if (!receipt.get().success()) {
                    var effect = effects.of(transaction.toAddress(), transaction.callData());
                    var carrier = effect.flatMap(this::indexed);
                    if (carrier.isPresent()) {
                        // someone carried the user's signature first: the action is done, as signed, once
                        transaction.carriedBy(carrier.get().txHash(), carrier.get().block(), receipt.get().gasUsed(),
                                clock.now());
                        metrics.counter("chain_transactions_carried_by_others_total").inc();
                        LOG.info(() -> "Chain transaction " + transaction.id() + " (" + transaction.businessKey()
                                + ") was carried by " + carrier.get().txHash() + " before the relayer's own copy "
                                + receipt.get().txHash() + " reverted: counted as done");
                    } else if (effect.isPresent() && indexedUpTo(effect.get().contract()) < receipt.get().blockNumber()) {
                        continue; // the index has not read the revert's block yet: the effect may be in it
                    } else {
                        String reason = chain.wouldRevert(transaction.fromAddress(), transaction.toAddress(),
                                transaction.callData(), transaction.gasLimit()).orElse("no reason on replay");
                        transaction.failed("reverted on chain in block " + receipt.get().blockNumber() + " (" + reason
                                + ")", clock.now());
                        metrics.counter("chain_transactions_reverted_total").inc();
                        announce(transaction);
                        continue;
                    }
                } else {
                    transaction.mined(receipt.get().txHash(), receipt.get().blockNumber(), receipt.get().gasUsed(),
                            clock.now());
                }
                minedEvents.fire(new ChainTransactionMined(IntentKey.parse(transaction.businessKey()), true));
            } else if (receipt.isEmpty() || !stillMined(transaction, receipt.get())) {
                transaction.unmined(latestAttempt(transaction.id()).orElse(null), clock.now());
                minedEvents.fire(new ChainTransactionMined(IntentKey.parse(transaction.businessKey()), false));
                metrics.counter("chain_transactions_reorganised_total").inc();
                LOG.warning(() -> "Chain transaction " + transaction.id() + " (" + transaction.businessKey()
                        + ") left the chain (reorganisation): re-sending its stored bytes");
                continue;
            } else if (receipt.get().blockNumber() != transaction.blockNumber().orElseThrow()) {
                long from = transaction.blockNumber().orElseThrow();
                transaction.movedTo(receipt.get().blockNumber(), clock.now());
                LOG.warning(() -> "Chain transaction " + transaction.id() + " moved from block " + from + " to block "
                        + receipt.get().blockNumber() + " (reorganisation): final from there");
            }
            if (transaction.blockNumber().orElseThrow() <= finalBlock) {
                transaction.confirmed(clock.now());
                transaction.latency().ifPresent(latency -> metrics.timer("chain_confirmation_latency").update(latency));
                announce(transaction);
                confirmed++;
            }
        }
        return confirmed;
    }

    /**
     * Whether the receipt found is that of the transaction that was mined (its recorded hash: the relayer's attempt,
     * or the other sender's transaction that carried it). When that one is gone, the receipt of another attempt may
     * still be there (e.g. the relayer's own reverted copy of a carried signature): the mined one left the chain.
     */
    private static boolean stillMined(ChainTransaction transaction, Chain.Receipt receipt) {
        return receipt.txHash().equalsIgnoreCase(transaction.txHash().orElse(""));
    }

    /** Where an effect's event was indexed (not removed; final or not), if it was. */
    private record Carrier(String txHash, long block) {
    }

    @SuppressWarnings("unchecked")
    private Optional<Carrier> indexed(SignedEffects.Effect effect) {
        var sql = new StringBuilder("""
                select tx_hash, block_number from chain_event
                where contract = ?1 and event_name = ?2 and not removed""");
        var values = new java.util.ArrayList<String>();
        effect.args().forEach((arg, value) -> {
            // the argument names are this component's own (arg0, arg1, …), never input
            sql.append(" and lower(args::json ->> '").append(arg).append("') = ?").append(values.size() + 3);
            values.add(value.toLowerCase(java.util.Locale.ROOT));
        });
        sql.append(" order by block_number, log_index limit 1");
        var query = em.createNativeQuery(sql.toString())
                .setParameter(1, effect.contract())
                .setParameter(2, effect.event());
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 3, values.get(i));
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().findFirst()
                .map(row -> new Carrier((String) row[0], ((Number) row[1]).longValue()));
    }

    /**
     * The last block the event index has read for {@code contract}; past the end of time for a contract it does not
     * watch (then no effect will ever show up there, and a revert is a failure at once).
     */
    private long indexedUpTo(String contract) {
        boolean watched = !em.createNativeQuery("select 1 from chain_contract where address = ?1")
                .setParameter(1, contract).getResultList().isEmpty();
        return watched ? ledger.indexedUpTo() : Long.MAX_VALUE;
    }

    private Optional<String> latestAttempt(long id) {
        return em.createQuery("""
                        select a.txHash from ChainTransactionAttempt a
                        where a.chainTransactionId = :id order by a.id desc""", String.class)
                .setParameter("id", id)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    private Optional<Chain.Receipt> receiptOfAnyAttempt(ChainTransaction transaction) {
        var latest = transaction.txHash().flatMap(chain::receipt);
        if (latest.isPresent() || transaction.attempts() <= 1) {
            return latest;
        }
        // an earlier, cheaper attempt may be the one that got mined
        return em.createQuery("""
                        select a.txHash from ChainTransactionAttempt a
                        where a.chainTransactionId = :id order by a.id desc""", String.class)
                .setParameter("id", transaction.id())
                .getResultStream()
                .map(chain::receipt)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * Re-signs transactions sent longer ago than the configured time without a receipt: same nonce, gas price
     * raised by the configured percentage (nodes require ≥ 10 %). One whose nonce the chain has already passed
     * without any of its attempts mined can never be mined: it fails, loudly.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int repriceStuck(int limit) {
        Duration after = settings.stuckAfter();
        List<ChainTransaction> sent = em.createNativeQuery("""
                        select * from chain_transaction where status = 'SENT' and updated_at < ?1
                        order by nonce limit ?2 for update skip locked""", ChainTransaction.class)
                .setParameter(1, clock.now().minus(after))
                .setParameter(2, limit)
                .getResultList();
        if (sent.isEmpty()) {
            return 0;
        }
        BigInteger network = chain.gasPrice();
        var minedBySigner = new java.util.HashMap<String, BigInteger>();
        int repriced = 0;
        for (var transaction : sent) {
            if (receiptOfAnyAttempt(transaction).isPresent()) {
                continue;
            }
            String signer = transaction.fromAddress();
            if (!keys.holds(signer)) {
                // its nonce belongs to an account whose key is no longer configured: only that key can replace it
                LOG.warning(() -> "Chain transaction " + transaction.id() + " is stuck and its signer " + signer
                        + " is no longer configured: it cannot be re-priced");
                continue;
            }
            BigInteger minedNonces = minedBySigner.computeIfAbsent(signer, chain::minedNonce);
            BigInteger nonce = transaction.nonce().orElseThrow();
            if (minedNonces.compareTo(nonce) > 0) {
                transaction.failed("nonce " + nonce + " was spent by another transaction of " + signer, clock.now());
                metrics.counter("chain_transactions_lost_nonce_total").inc();
                LOG.severe(() -> "Chain transaction " + transaction.id() + " lost its nonce " + nonce
                        + " to another transaction: it can never be mined");
                announce(transaction);
                continue;
            }
            var bumped = settings.bumped(transaction.gasPrice().orElseThrow(), network);
            if (bumped.isEmpty()) {
                LOG.warning(() -> "Chain transaction " + transaction.id() + " is stuck and re-pricing would pass the cap");
                continue;
            }
            var bytes = keys.sign(signer, nonce, bumped.get(), transaction.gasLimit(), transaction.toAddress(),
                    transaction.callData());
            transaction.repriced(bumped.get(), bytes.hash(), clock.now());
            em.persist(new ChainTransactionAttempt(transaction.id(), bytes.hash(), bytes.raw(), bumped.get(), clock.now()));
            metrics.counter("chain_transactions_repriced_total").inc();
            LOG.log(Level.INFO, "Re-priced stuck chain transaction {0} (nonce {1}, pending nonce on chain {2}) to {3} wei",
                    new Object[]{transaction.id(), nonce, minedNonces, bumped.get()});
            repriced++;
        }
        return repriced;
    }

    /** Tells the business components, in this transaction, that one of their intents reached its end. */
    private void announce(ChainTransaction transaction) {
        settled.fire(new ChainTransactionSettled(IntentKey.parse(transaction.businessKey()),
                transaction.status() == ChainTransactionStatus.CONFIRMED, transaction.txHash(), transaction.failure()));
    }

    /** Counts per status, for metrics and the admin side. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(List<ChainTransactionStatus> statuses) {
        return em.createQuery("select count(t) from ChainTransaction t where t.status in :statuses", Long.class)
                .setParameter("statuses", statuses)
                .getSingleResult();
    }

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private ChainTransactions self() {
        return context.getBusinessObject(ChainTransactions.class);
    }
}
