package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainTransaction;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.platform.control.Clock;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;

/**
 * Where business changes put what must happen on chain, in their own transaction: the intent commits or rolls back
 * with the change. A repeated business key is the same intent (insert-if-absent), so retries of the business
 * operation never create a second chain effect. The dispatcher is woken after the commit.
 */
@Dependent
public class ChainOutbox {

    /** Fired when an intent was written; observed after the commit to wake the dispatcher. */
    public record IntentQueued(String businessKey) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ChainKeys keys;

    @Inject
    Clock clock;

    @Inject
    Event<IntentQueued> queued;

    /** Queues a contract call from the key its kind needs; returns the intent (the existing one for a known business key). */
    public ChainTransaction enqueue(IntentKey key, String to, String callData, BigInteger gasLimit) {
        return enqueue(key, to, callData, gasLimit, null);
    }

    /**
     * Queues a contract call that must wait for another intent's confirmation ({@code afterKey}), e.g. refunds
     * after the round's finalisation: its pre-check would fail against a state where the first is not mined.
     */
    public ChainTransaction enqueue(IntentKey key, String to, String callData, BigInteger gasLimit, IntentKey after) {
        String businessKey = key.value();
        String afterKey = after == null ? null : after.value();
        var intent = new ChainTransaction(businessKey, key.kind().code(), keys.address(key.kind().signer()), to, callData, gasLimit, clock.now());
        em.createNativeQuery("""
                        insert into chain_transaction (business_key, kind, from_address, to_address, call_data, gas_limit,
                                                       after_key, status, attempts, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?8, 'QUEUED', 0, ?7, ?7)
                        on conflict (business_key) do nothing""")
                .setParameter(1, intent.businessKey())
                .setParameter(2, intent.kind())
                .setParameter(3, intent.fromAddress())
                .setParameter(4, intent.toAddress())
                .setParameter(5, intent.callData())
                .setParameter(6, intent.gasLimit())
                .setParameter(7, intent.createdAt())
                .setParameter(8, afterKey)
                .executeUpdate();
        queued.fire(new IntentQueued(businessKey));
        return em.createQuery("select t from ChainTransaction t where t.businessKey = :key", ChainTransaction.class)
                .setParameter("key", businessKey)
                .getSingleResult();
    }
}
