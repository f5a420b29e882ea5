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

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The event indexer's step: reads the watched contracts' logs from the block after the cursor up to the final
 * block, stores them idempotently (unique block hash + log index) and moves the cursor, in one transaction. If the
 * block under the cursor changed hash (a reorganisation), it flags the events of the last {@value #REWIND} blocks
 * removed and reads them again. A RoundCreated event adds the new round to the watched contracts.
 */
@Stateless
public class ChainEvents {

    static final int REWIND = 64;
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

    /** Indexes the next range of blocks; returns the number of logs read (0 when up to date). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public int indexNext() {
        List<String> addresses = em.createNativeQuery("select address from chain_contract order by address")
                .getResultList();
        if (addresses.isEmpty()) {
            return 0;
        }
        long start = ((Number) em.createNativeQuery("select coalesce(min(from_block), 0) from chain_contract")
                .getSingleResult()).longValue();
        em.createNativeQuery("""
                        insert into chain_indexer_cursor (name, block_number, block_hash, updated_at)
                        values (?1, ?2, null, ?3) on conflict (name) do nothing""")
                .setParameter(1, CURSOR).setParameter(2, start - 1).setParameter(3, clock.now())
                .executeUpdate();
        Object[] cursor = (Object[]) em.createNativeQuery(
                        "select block_number, block_hash from chain_indexer_cursor where name = ?1 for update")
                .setParameter(1, CURSOR).getSingleResult();
        long at = ((Number) cursor[0]).longValue();
        String hash = (String) cursor[1];
        if (hash != null && !hash.equals(chain.blockHash(at).orElse(null))) {
            long back = Math.max(start - 1, at - REWIND);
            int removed = em.createNativeQuery(
                            "update chain_event set removed = true where block_number > ?1 and not removed")
                    .setParameter(1, back).executeUpdate();
            LOG.warning(() -> "Reorganisation under block " + at + ": " + removed + " events flagged removed, "
                    + "re-reading from block " + (back + 1));
            moveCursor(back, back >= 0 ? chain.blockHash(back).orElse(null) : null);
            return removed;
        }
        long finalBlock = chain.finalBlock();
        long from = at + 1;
        if (from > finalBlock) {
            return 0;
        }
        long to = Math.min(finalBlock, from + settings.indexerBatchBlocks() - 1);
        var logs = chain.logs(addresses, from, to);
        long newContractAt = -1;
        for (var log : logs) {
            var decoded = decoder.decode(log.topics(), log.data());
            em.createNativeQuery("""
                            insert into chain_event (contract, event_name, block_number, block_hash, tx_hash, log_index,
                                                     topics, data, args, removed, indexed_at)
                            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, false, ?10)
                            on conflict (block_hash, log_index) do nothing""")
                    .setParameter(1, log.address().toLowerCase(Locale.ROOT))
                    .setParameter(2, decoded.name())
                    .setParameter(3, log.blockNumber())
                    .setParameter(4, log.blockHash())
                    .setParameter(5, log.txHash())
                    .setParameter(6, log.logIndex())
                    .setParameter(7, String.join(",", log.topics()))
                    .setParameter(8, log.data())
                    .setParameter(9, decoded.args())
                    .setParameter(10, clock.now())
                    .executeUpdate();
            if (decoded.name().equals("RoundCreated") && watch(roundAddress(decoded.args()), log.blockNumber())) {
                newContractAt = newContractAt < 0 ? log.blockNumber() : Math.min(newContractAt, log.blockNumber());
            }
        }
        // a new round's own events in this range were not asked for: read the rest of the range again with it
        long end = newContractAt >= 0 ? newContractAt : to;
        moveCursor(end, chain.blockHash(end).orElse(null));
        return logs.size();
    }

    private static String roundAddress(String args) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(args))) {
            // RoundCreated(bytes32 indexed roundId, address indexed round, address startupWallet, …)
            String round = reader.readObject().getString("arg1", null);
            return round != null && round.matches("0x[0-9a-fA-F]{40}") ? round : null;
        }
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

    private void moveCursor(long block, String hash) {
        em.createNativeQuery("update chain_indexer_cursor set block_number = ?1, block_hash = ?2, updated_at = ?3 where name = ?4")
                .setParameter(1, block).setParameter(2, hash).setParameter(3, clock.now()).setParameter(4, CURSOR)
                .executeUpdate();
    }

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
