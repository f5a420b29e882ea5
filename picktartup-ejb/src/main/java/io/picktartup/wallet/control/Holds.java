package io.picktartup.wallet.control;

import io.picktartup.chain.entity.IntentKey;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The wallet's side of PKN on its way out: a hold per movement (keyed like its chain intent) from the moment it is
 * accepted until it lands or fails, and the one signed operation in flight per wallet (its nonces). Joins the
 * caller's transaction; callers serialise per wallet by locking the wallet's row first.
 */
@Dependent
public class Holds {

    @PersistenceContext
    EntityManager em;

    /**
     * PKN held on the wallet by movements on their way that the chain's balance does not show yet: once a movement's
     * transaction is in a block, the balance read from the chain has it, and counting its hold too would show less
     * free than there is (it counts again if a reorganisation takes the block away).
     */
    public TokenAmount held(WalletAddress wallet) {
        Object sum = em.createNativeQuery("""
                        select coalesce(sum(amount), 0) from wallet_hold where wallet_address = ?1 and not in_block""")
                .setParameter(1, wallet.value().toLowerCase())
                .getSingleResult();
        return new TokenAmount(sum instanceof BigInteger b ? b : ((BigDecimal) sum).toBigIntegerExact());
    }

    /**
     * What each of {@code wallets} holds for a balance read at {@code balanceReadAt}, in one statement: as
     * {@link #held}, and the holds whose movement entered a block after that read too (the balance may not show them).
     * A wallet holding nothing is absent.
     */
    public java.util.Map<WalletAddress, TokenAmount> heldBy(java.util.Collection<WalletAddress> wallets,
                                                             Instant balanceReadAt) {
        var byAddress = new java.util.HashMap<String, WalletAddress>();
        for (var wallet : wallets) {
            byAddress.put(wallet.value().toLowerCase(), wallet);
        }
        var held = new java.util.HashMap<WalletAddress, TokenAmount>();
        if (byAddress.isEmpty()) {
            return held;
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("""
                        select wallet_address, coalesce(sum(amount), 0) from wallet_hold
                        where wallet_address in (?1) and (not in_block or in_block_at >= ?2)
                        group by wallet_address""")
                .setParameter(1, java.util.List.copyOf(byAddress.keySet()))
                .setParameter(2, balanceReadAt)
                .getResultList();
        for (Object[] row : rows) {
            Object sum = row[1];
            held.put(byAddress.get((String) row[0]),
                    new TokenAmount(sum instanceof BigInteger b ? b : ((BigDecimal) sum).toBigIntegerExact()));
        }
        return held;
    }

    /** One hold to take with {@link #holdAll}. */
    public record NewHold(WalletAddress wallet, IntentKey key, TokenAmount amount) {
    }

    /**
     * Takes many holds in one round trip (a JDBC batch), as {@link #hold} each: a key that holds already holds
     * nothing more. The caller holds the wallets' row locks and has checked each against what is free.
     */
    public void holdAll(java.util.List<NewHold> newHolds, Instant now) {
        if (newHolds.isEmpty()) {
            return;
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into wallet_hold (business_key, wallet_address, amount, created_at) values (?, ?, ?, ?)
                    on conflict (business_key) do nothing""")) {
                var at = java.sql.Timestamp.from(now);
                for (var hold : newHolds) {
                    insert.setString(1, hold.key().value());
                    insert.setString(2, hold.wallet().value().toLowerCase());
                    insert.setBigDecimal(3, new BigDecimal(hold.amount().baseUnits()));
                    insert.setTimestamp(4, at);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Holds {@code amount} under {@code key}; false when that key holds already (a repeated request). */
    public boolean hold(WalletAddress wallet, IntentKey key, TokenAmount amount, Instant now) {
        return em.createNativeQuery("""
                        insert into wallet_hold (business_key, wallet_address, amount, created_at) values (?1, ?2, ?3, ?4)
                        on conflict (business_key) do nothing""")
                .setParameter(1, key.value())
                .setParameter(2, wallet.value().toLowerCase())
                .setParameter(3, amount.baseUnits())
                .setParameter(4, now)
                .executeUpdate() == 1;
    }

    /** The movement's transaction entered a block (or left it in a reorganisation). */
    public void inBlock(IntentKey key, boolean inBlock, Instant now) {
        em.createNativeQuery("""
                        update wallet_hold set in_block = ?2, in_block_at = case when ?2 then cast(?3 as timestamptz) end
                        where business_key = ?1""")
                .setParameter(1, key.value()).setParameter(2, inBlock).setParameter(3, now).executeUpdate();
    }

    /** As {@link #inBlock}, for many movements at once: one statement. */
    public void inBlockAll(java.util.Collection<IntentKey> keys, boolean inBlock, Instant now) {
        if (keys.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        update wallet_hold set in_block = ?2, in_block_at = case when ?2 then cast(?3 as timestamptz) end
                        where business_key in (?1)""")
                .setParameter(1, values(keys)).setParameter(2, inBlock).setParameter(3, now).executeUpdate();
    }

    /** As {@link #release}, for many movements at once: two statements whatever their number. */
    public void releaseAll(java.util.Collection<IntentKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        var values = values(keys);
        em.createNativeQuery("delete from wallet_hold where business_key in (?1)")
                .setParameter(1, values).executeUpdate();
        em.createNativeQuery("delete from wallet_operation_in_flight where business_key in (?1)")
                .setParameter(1, values).executeUpdate();
    }

    private static java.util.List<String> values(java.util.Collection<IntentKey> keys) {
        return keys.stream().map(IntentKey::value).distinct().toList();
    }

    /** Ends the hold and the in-flight claim taken under {@code key}; a repeat does nothing. */
    public void release(IntentKey key) {
        em.createNativeQuery("delete from wallet_hold where business_key = ?1")
                .setParameter(1, key.value()).executeUpdate();
        em.createNativeQuery("delete from wallet_operation_in_flight where business_key = ?1")
                .setParameter(1, key.value()).executeUpdate();
    }

    /** Claims the wallet's one signed operation in flight for {@code key}; false when another holds it. */
    public boolean claim(WalletAddress wallet, IntentKey key, Instant now) {
        return em.createNativeQuery("""
                        insert into wallet_operation_in_flight (wallet_address, business_key, created_at)
                        values (?1, ?2, ?3) on conflict (wallet_address) do nothing""")
                .setParameter(1, wallet.value().toLowerCase())
                .setParameter(2, key.value())
                .setParameter(3, now)
                .executeUpdate() == 1;
    }
}
