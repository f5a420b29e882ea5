package io.picktartup.wallet.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/**
 * One signed wallet operation in flight per wallet. A permit uses the wallet's next token nonce and an escrow consent
 * the next consent nonce in that round, both read from the chain when signing: a second signature made before the
 * first one lands would carry the same nonce and be refused on chain. Joins the caller's transaction.
 */
@ApplicationScoped
public class WalletOperations {

    @PersistenceContext
    EntityManager em;

    /** Claims the wallet for {@code businessKey}; false when another operation holds it (or the same key again). */
    public boolean claim(String walletAddress, String businessKey, Instant now) {
        return em.createNativeQuery("""
                        insert into wallet_operation_in_flight (wallet_address, business_key, created_at)
                        values (?1, ?2, ?3) on conflict (wallet_address) do nothing""")
                .setParameter(1, walletAddress.toLowerCase())
                .setParameter(2, businessKey)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }

    /** Frees the wallet when {@code businessKey}'s operation has landed or failed; a repeat does nothing. */
    public void release(String businessKey) {
        em.createNativeQuery("delete from wallet_operation_in_flight where business_key = ?1")
                .setParameter(1, businessKey)
                .executeUpdate();
    }
}
