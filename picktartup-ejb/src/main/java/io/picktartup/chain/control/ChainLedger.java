package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainEvent;
import io.picktartup.chain.entity.ChainTransactionStatus;
import io.picktartup.chain.entity.IntentKey;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the chain's ledger in the database tells other components, read in the caller's transaction: where an intent
 * queued through the {@link ChainOutbox} stands, how far the event indexer has read, and a contract's indexed
 * events. The one way they read the chain's tables.
 */
@Dependent
public class ChainLedger {

    /** An intent as far as its business cares: its state, and where it ended up on chain. */
    public record Intent(ChainTransactionStatus status, Optional<String> txHash, Optional<String> failure,
                         Optional<Long> block) {

        /** Nothing more will happen to it: confirmed, or failed for good. */
        public boolean finished() {
            return !status.isOpen();
        }
    }

    @PersistenceContext
    EntityManager em;

    /** The intent queued under that business key, if any. */
    public Optional<Intent> intent(IntentKey businessKey) {
        return em.createQuery("""
                        select t.status, t.txHash, t.failure, t.blockNumber from ChainTransaction t
                        where t.businessKey = :key""", Object[].class)
                .setParameter("key", businessKey.value())
                .getResultStream().findFirst()
                .map(r -> new Intent((ChainTransactionStatus) r[0], Optional.ofNullable((String) r[1]),
                        Optional.ofNullable((String) r[2]), Optional.ofNullable((Long) r[3])));
    }

    /**
     * How many intents under {@code parent} (keys of its kind whose reference extends its reference, e.g. a round's
     * refund chunks) the chain refused (reverted, or failed its pre-check); not those that never ran because the
     * intent they waited for failed.
     */
    public long refusedUnder(IntentKey parent) {
        return em.createQuery("""
                        select count(t) from ChainTransaction t where t.businessKey like :prefix and t.status = :failed
                        and t.failure not like 'prerequisite %'""", Long.class)
                .setParameter("prefix", parent.value() + ":%")
                .setParameter("failed", ChainTransactionStatus.FAILED)
                .getSingleResult();
    }

    /**
     * The platform's transactions to an address as a reader sees them at one moment: how many are not final yet, how
     * many are confirmed, and the newest confirmed one's block. A reader that compares the database with the chain
     * takes it before and after: when it changed in between, the two reads may straddle a confirmation.
     */
    public record Traffic(long unfinished, long confirmed, long lastConfirmedBlock) {
    }

    public Traffic trafficTo(String address) {
        Object[] row = em.createQuery("""
                        select sum(case when t.status in :open then 1 else 0 end),
                               sum(case when t.status = :confirmed then 1 else 0 end),
                               max(case when t.status = :confirmed then t.blockNumber end)
                        from ChainTransaction t where lower(t.toAddress) = :address""", Object[].class)
                .setParameter("open", java.util.List.of(ChainTransactionStatus.BATCHED, ChainTransactionStatus.SIGNED,
                        ChainTransactionStatus.SENT, ChainTransactionStatus.MINED))
                .setParameter("confirmed", ChainTransactionStatus.CONFIRMED)
                .setParameter("address", address.toLowerCase())
                .getSingleResult();
        return new Traffic(number(row[0]), number(row[1]), number(row[2]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /**
     * The last block every watched contract's events have been read up to and are final at (the indexer reads ahead
     * to the chain's head, but what lies past the final block may still be reorganised away); 0 before the indexer's
     * first step.
     */
    public long indexedUpTo() {
        Number block = (Number) em.createNativeQuery(
                        "select min(least(block_number, coalesce(final_block, block_number))) from chain_indexer_cursor")
                .getSingleResult();
        return block == null ? 0 : block.longValue();
    }

    /** Whether the indexer has read the block of the intent's transaction (an intent not mined yet: block 0). */
    public boolean indexedThrough(IntentKey businessKey) {
        return indexedUpTo() >= intent(businessKey).flatMap(Intent::block).orElse(0L);
    }

    /**
     * The newest block holding a final indexed event of each of these contracts (lower-case addresses; final events
     * reorganised away later count too: their removal is news); a contract without events is absent.
     */
    public Map<String, Long> lastEventBlocks(Collection<String> contracts) {
        if (contracts.isEmpty()) {
            return Map.of();
        }
        var blocks = new HashMap<String, Long>();
        em.createQuery("""
                        select lower(e.contract), max(e.blockNumber) from ChainEvent e
                        where lower(e.contract) in :contracts and e.isFinal = true
                        group by lower(e.contract)""", Object[].class)
                .setParameter("contracts", contracts.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList())
                .getResultStream()
                .forEach(r -> blocks.put((String) r[0], ((Number) r[1]).longValue()));
        return blocks;
    }

    /** A contract's final events of some names, as indexed (reorganised-away ones left out), in chain order. */
    private static final String FINAL_EVENTS = """
            from ChainEvent e where lower(e.contract) = :contract and e.eventName in :names
            and e.removed = false and e.isFinal = true order by e.blockNumber, e.logIndex""";

    /** An indexed event's transaction and its decoded arguments (JSON: {@code arg0, arg1, …}). */
    public record EventArgs(String txHash, String args) {
    }

    /**
     * As {@link #events}, only each event's transaction and arguments, read as values: a round's ten thousand
     * Refunded events are neither loaded as entities nor dirty-checked when the caller's transaction commits.
     */
    public List<EventArgs> eventArgs(String contract, Collection<String> names) {
        return em.createQuery("select e.txHash, e.args " + FINAL_EVENTS, Object[].class)
                .setParameter("contract", contract.toLowerCase())
                .setParameter("names", names)
                .getResultStream()
                .map(row -> new EventArgs((String) row[0], (String) row[1]))
                .toList();
    }

    /** The contract's final events of those names, as indexed (reorganised-away ones left out), in chain order. */
    public List<ChainEvent> events(String contract, Collection<String> names) {
        return em.createQuery("select e " + FINAL_EVENTS, ChainEvent.class)
                .setParameter("contract", contract.toLowerCase())
                .setParameter("names", names)
                .getResultList();
    }
}
