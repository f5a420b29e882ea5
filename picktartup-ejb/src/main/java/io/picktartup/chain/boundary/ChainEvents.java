package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.EventDecoder;
import io.picktartup.platform.control.Clock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The event indexer's step, one transaction each: reads the watched contracts' logs from the block after the cursor
 * up to the chain's head, stores them idempotently (unique block hash + log index) with whether their block is final
 * yet, keeps the hashes of the recent blocks it read, and moves the cursor. Only final events count for the rest of
 * the platform ({@code is_final}; {@link io.picktartup.chain.control.ChainLedger}): each step marks the events final
 * that its final block has reached. If the block under the cursor changed hash (a reorganisation), it walks back
 * through the kept hashes to the last block the chain still has (the common ancestor), flags the events above it
 * removed and reads again from there; an event of a block that comes back is un-flagged. A RoundCreated event adds
 * the new round to the watched contracts.
 */
@Stateless
public class ChainEvents {

    /** How many recent block hashes are kept: the deepest reorganisation the indexer can rewind precisely. */
    static final int KEEP_HASHES = 128;
    private static final Logger LOG = Logger.getLogger(ChainEvents.class.getName());
    private static final String CURSOR = "events";

    @PersistenceContext
    EntityManager em;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    EventDecoder decoder;

    @Inject
    Clock clock;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metrics;

    /** Indexes the next range of blocks; returns the number of logs read or flagged (0 when up to date). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int indexNext() {
        List<String> addresses = em.createNativeQuery("select address from chain_contract order by address")
                .getResultList();
        java.util.Set<String> shareTokens = new java.util.HashSet<>(em.createNativeQuery(
                "select address from chain_contract where kind = '" + SHARE_TOKEN + "'").getResultList());
        if (addresses.isEmpty()) {
            return 0;
        }
        long start = ((Number) em.createNativeQuery("select coalesce(min(from_block), 0) from chain_contract")
                .getSingleResult()).longValue();
        em.createNativeQuery("""
                        insert into chain_indexer_cursor (name, block_number, block_hash, final_block, updated_at)
                        values (?1, ?2, null, ?2, ?3) on conflict (name) do nothing""")
                .setParameter(1, CURSOR).setParameter(2, start - 1).setParameter(3, clock.now())
                .executeUpdate();
        Object[] cursor = (Object[]) em.createNativeQuery("""
                        select block_number, block_hash, coalesce(final_block, block_number) from chain_indexer_cursor
                        where name = ?1 for update""")
                .setParameter(1, CURSOR).getSingleResult();
        long at = ((Number) cursor[0]).longValue();
        String hash = (String) cursor[1];
        long finalBefore = ((Number) cursor[2]).longValue();
        if (hash != null && !hash.equals(chain.blockHash(at).orElse(null))) {
            return rewind(at, start, finalBefore);
        }
        long head = chain.latestBlock();
        long finalBlock = chain.finalBlock();
        long from = at + 1;
        if (from > head) {
            return markFinal(at, finalBlock, hash);
        }
        long to = Math.min(head, from + settings.indexerBatchBlocks() - 1);
        // the hashes first, then the logs: a log of another hash at a kept height means the chain moved under this
        // step; nothing is written and the next step finds the reorganisation from the cursor
        // (only near the head, where reorganisations happen: a step far behind keeps none but its last), asked in
        // one JSON-RPC batch request
        long firstKept = Math.max(from, head - KEEP_HASHES + 1);
        var hashes = chain.blockHashes(firstKept, to);
        if (hashes.size() < to - firstKept + 1 && firstKept <= to) {
            return 0; // the head moved back under this step
        }
        var logs = chain.logs(addresses, from, to);
        for (var log : logs) {
            String kept = hashes.get(log.blockNumber());
            if (kept != null && !kept.equalsIgnoreCase(log.blockHash())) {
                LOG.info(() -> "Block " + log.blockNumber() + " changed while it was read: reading it again");
                return 0;
            }
        }
        long newContractAt = -1;
        // every log of the step in one JDBC batch (one round trip, not one per event)
        var rows = new ArrayList<Object[]>();
        for (var log : logs) {
            var decoded = decoder.decode(log.topics(), log.data());
            if (decoded.name().equals("Transfer") && shareTokens.contains(log.address().toLowerCase(Locale.ROOT))) {
                // shares, not PKN: the wallet's money history reads PKN Transfers
                decoded = new EventDecoder.Decoded("SharesTransferred", decoded.args());
            }
            rows.add(new Object[]{log.address().toLowerCase(Locale.ROOT), decoded.name(), log.blockNumber(),
                    log.blockHash(), log.txHash(), log.logIndex(), String.join(",", log.topics()), log.data(),
                    decoded.args(), log.blockNumber() <= finalBlock});
            if (decoded.name().equals("RoundCreated") && watch(roundAddress(decoded.args()), log.blockNumber())) {
                newContractAt = newContractAt < 0 ? log.blockNumber() : Math.min(newContractAt, log.blockNumber());
            }
        }
        insertEvents(rows);
        // a new round's own events in this range were not asked for: read the rest of the range again with it
        long end = newContractAt >= 0 ? newContractAt : to;
        var keep = hashes.headMap(end + 1);
        if (!keep.isEmpty()) {
            var indexedAt = java.sql.Timestamp.from(clock.now());
            em.unwrap(org.hibernate.Session.class).doWork(connection -> {
                try (var insert = connection.prepareStatement("""
                        insert into chain_block (block_number, block_hash, indexed_at) values (?, ?, ?)
                        on conflict (block_number) do update set block_hash = excluded.block_hash,
                            indexed_at = excluded.indexed_at""")) {
                    for (var kept : keep.entrySet()) {
                        insert.setLong(1, kept.getKey());
                        insert.setString(2, kept.getValue());
                        insert.setTimestamp(3, indexedAt);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        }
        em.createNativeQuery("delete from chain_block where block_number <= ?1")
                .setParameter(1, end - KEEP_HASHES).executeUpdate();
        String endHash = hashes.containsKey(end) ? hashes.get(end) : chain.blockHash(end).orElse(null);
        markFinal(end, finalBlock, endHash);
        return Math.max(logs.size(), 1);
    }

    /** Writes indexed logs (idempotent on block hash and log index: a removed one that comes back is un-flagged). */
    private void insertEvents(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var at = java.sql.Timestamp.from(clock.now());
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into chain_event (contract, event_name, block_number, block_hash, tx_hash, log_index,
                                             topics, data, args, removed, is_final, indexed_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)
                    on conflict (block_hash, log_index) do update set removed = false,
                        is_final = chain_event.is_final or excluded.is_final
                    where chain_event.removed""")) {
                for (Object[] row : rows) {
                    insert.setString(1, (String) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setLong(3, (Long) row[2]);
                    insert.setString(4, (String) row[3]);
                    insert.setString(5, (String) row[4]);
                    insert.setInt(6, (Integer) row[5]);
                    insert.setString(7, (String) row[6]);
                    insert.setString(8, (String) row[7]);
                    insert.setString(9, (String) row[8]);
                    insert.setBoolean(10, (Boolean) row[9]);
                    insert.setTimestamp(11, at);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * Moves the cursor to {@code block} and marks final the events up to the final block (never past the cursor);
     * returns how many events became final.
     */
    private int markFinal(long block, long finalBlock, String blockHash) {
        long upTo = Math.min(block, finalBlock);
        int promoted = em.createNativeQuery("""
                        update chain_event set is_final = true where not is_final and not removed and block_number <= ?1""")
                .setParameter(1, upTo).executeUpdate();
        em.createNativeQuery("""
                        update chain_indexer_cursor set block_number = ?1, block_hash = ?2, updated_at = ?3,
                            final_block = greatest(coalesce(final_block, -1), ?4)
                        where name = ?5""")
                .setParameter(1, block).setParameter(2, blockHash).setParameter(3, clock.now())
                .setParameter(4, upTo).setParameter(5, CURSOR)
                .executeUpdate();
        return promoted;
    }

    /**
     * The block under the cursor was replaced: walks back through the kept hashes to the common ancestor, flags the
     * events above it removed, forgets the hashes above it and puts the cursor there. A rewind under the final block
     * means the chain took back what counted as final: logged as severe and counted (the alert); final events
     * flagged removed then change what reconciliations see, and nothing is repaired automatically.
     */
    private int rewind(long at, long start, long finalBefore) {
        long ancestor = at - 1;
        boolean precise = false;
        while (ancestor >= start) {
            var kept = em.createNativeQuery("select block_hash from chain_block where block_number = ?1")
                    .setParameter(1, ancestor).getResultStream().findFirst();
            if (kept.isEmpty()) {
                break; // older than the kept hashes: re-read from here, whatever the chain has above it
            }
            if (kept.get().equals(chain.blockHash(ancestor).orElse(null))) {
                precise = true;
                break;
            }
            ancestor--;
        }
        long back = Math.max(start - 1, ancestor);
        int removed = em.createNativeQuery("update chain_event set removed = true where block_number > ?1 and not removed")
                .setParameter(1, back).executeUpdate();
        em.createNativeQuery("delete from chain_block where block_number > ?1").setParameter(1, back).executeUpdate();
        em.createNativeQuery("""
                        update chain_indexer_cursor set block_number = ?1, block_hash = ?2, updated_at = ?3,
                            final_block = least(coalesce(final_block, ?1), ?1)
                        where name = ?4""")
                .setParameter(1, back).setParameter(2, back >= 0 ? chain.blockHash(back).orElse(null) : null)
                .setParameter(3, clock.now()).setParameter(4, CURSOR)
                .executeUpdate();
        metrics.counter("chain_reorganisations_total").inc();
        boolean foundAncestor = precise;
        if (back < finalBefore) {
            metrics.counter("chain_reorganisations_beyond_finality_total").inc();
            LOG.severe(() -> "Reorganisation deeper than finality: block " + (back + 1) + " was final and is replaced; "
                    + removed + " events flagged removed, re-reading from block " + (back + 1)
                    + (foundAncestor ? "" : " (older than the kept block hashes)"));
        } else {
            LOG.warning(() -> "Reorganisation under block " + at + ": common ancestor " + back + ", " + removed
                    + " events flagged removed, re-reading from block " + (back + 1));
        }
        return Math.max(removed, 1);
    }

    private static String roundAddress(String args) {
        // RoundCreated(bytes32 indexed roundId, address indexed round, address startupWallet, …)
        String round = EventDecoder.args(args).getString("arg1", null);
        return round != null && round.matches("0x[0-9a-fA-F]{40}") ? round : null;
    }

    private boolean watch(String address, long fromBlock) {
        if (address == null) {
            return false;
        }
        return em.createNativeQuery("""
                        insert into chain_contract (address, kind, from_block, added_at) values (?1, 'round', ?2, ?3)
                        on conflict (address) do nothing""")
                .setParameter(1, address.toLowerCase(Locale.ROOT))
                .setParameter(2, fromBlock)
                .setParameter(3, clock.now())
                .executeUpdate() == 1;
    }

    /** The kind of watched contract whose Transfer events are shares ({@code SharesTransferred}), not PKN. */
    public static final String SHARE_TOKEN = "share-token";

    /** Adds a contract to the watched set (idempotent). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void watchContract(String address, String kind, long fromBlock) {
        em.createNativeQuery("""
                        insert into chain_contract (address, kind, from_block, added_at) values (?1, ?2, ?3, ?4)
                        on conflict (address) do nothing""")
                .setParameter(1, Objects.requireNonNull(address).toLowerCase(Locale.ROOT))
                .setParameter(2, kind)
                .setParameter(3, fromBlock)
                .setParameter(4, clock.now())
                .executeUpdate();
    }
}
