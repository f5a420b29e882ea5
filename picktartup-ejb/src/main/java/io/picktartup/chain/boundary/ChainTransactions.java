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
import io.picktartup.chain.entity.ChainTransactionsMined;
import io.picktartup.chain.entity.ChainTransactionsSettled;
import io.picktartup.chain.entity.ChainTransactionStatus;
import io.picktartup.chain.entity.IntentKey;
import io.picktartup.chain.entity.IntentKind;
import io.picktartup.chain.control.DepositBatches;
import io.picktartup.chain.entity.RelayerNonce;
import io.picktartup.platform.control.Clock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    io.picktartup.chain.control.RevertReasons reasons;

    @Inject
    Clock clock;

    @Inject
    io.picktartup.platform.boundary.WorkerLeases leases;

    @Inject
    io.picktartup.platform.control.CommittedMetrics counts; // a pass rolled back and run again counts once

    @Inject
    jakarta.enterprise.event.Event<ChainTransactionsSettled> settled;

    @Inject
    jakarta.enterprise.event.Event<ChainTransactionsMined> minedEvents;

    /**
     * Signs up to {@code limit} queued intents whose prerequisites are confirmed; returns how many were signed. The
     * intents it ends (refused by their pre-check, or orphaned by a failed prerequisite) are told together at its end.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int signQueued(int limit) {
        var told = new ArrayList<ChainTransactionSettled>();
        int signed = signQueued(limit, told);
        tell(told);
        return signed;
    }

    @SuppressWarnings("unchecked")
    private int signQueued(int limit, List<ChainTransactionSettled> told) {
        // an intent whose prerequisite failed can never go: it fails too (e.g. a transfer whose permit was refused)
        List<ChainTransaction> orphans = em.createNativeQuery("""
                        select t.* from chain_transaction t join chain_transaction p on p.business_key = t.after_key
                        where t.status = 'QUEUED' and p.status = 'FAILED'
                        order by t.id limit ?1 for update of t skip locked""", ChainTransaction.class)
                .setParameter(1, limit)
                .getResultList();
        for (var orphan : orphans) {
            orphan.failed("prerequisite " + orphan.afterKey().orElse("?") + " failed", clock.now());
            announce(orphan, told);
        }
        // deposits of one escrow wait a moment for each other and go together in one depositBatch (their own query)
        boolean batching = settings.depositBatchSize() > 1;
        List<ChainTransaction> queued = em.createNativeQuery("""
                        select t.* from chain_transaction t
                        where t.status = 'QUEUED' and (not ?2 or t.kind <> 'round-deposit')
                          and (t.after_key is null or exists (select 1 from chain_transaction p
                               where p.business_key = t.after_key and p.status = 'CONFIRMED'))
                        order by t.id limit ?1 for update of t skip locked""", ChainTransaction.class)
                .setParameter(1, limit)
                .setParameter(2, batching)
                .getResultList();
        List<ChainTransaction> deposits = batching ? em.createNativeQuery("""
                        select t.* from chain_transaction t
                        where t.status = 'QUEUED' and t.kind = 'round-deposit'
                          and (t.after_key is null or exists (select 1 from chain_transaction p
                               where p.business_key = t.after_key and p.status = 'CONFIRMED'))
                        order by t.id limit ?1 for update of t skip locked""", ChainTransaction.class)
                .setParameter(1, Math.max(limit, settings.depositBatchSize() * 4))
                .getResultList() : List.of();
        if (queued.isEmpty() && deposits.isEmpty()) {
            return 0;
        }
        // each intent goes out from the key of its role: a queued one written under another account (a rotated key)
        // moves to the current one; intents whose key is not configured wait
        var signable = signable(queued);
        var batchable = signable(deposits);
        // one nonce row per signer, locked in address order (two instances never wait on each other in a circle)
        var counters = new java.util.TreeMap<String, RelayerNonce>();
        for (var intent : signable) {
            counters.put(intent.fromAddress(), null);
        }
        for (var intent : batchable) {
            counters.put(intent.fromAddress(), null);
        }
        var chainPending = new java.util.HashMap<String, BigInteger>();
        for (String signer : counters.keySet()) {
            counters.put(signer, lockedNonce(signer));
            chainPending.put(signer, chain.pendingNonce(signer));
        }
        // under the nonce rows' locks: a dispatcher that lost its lease allocates no nonce, and a new holder's
        // allocation waits for this transaction (docs/cluster.md, fencing)
        leases.fence(ChainDispatcher.WORKER);
        BigInteger price = chain.gasPrice();
        if (price.compareTo(settings.maxGasPrice()) > 0) {
            LOG.warning(() -> "Network gas price " + price + " is above the cap " + settings.maxGasPrice()
                    + ": signing waits");
            return 0;
        }
        var nonces = new Nonces(counters, chainPending, new ArrayList<>(), new ArrayList<>(), new java.util.HashMap<>());
        int signed = 0;
        // while the node answers the pre-checks, the helper thread signs each intent with the nonce it takes if every
        // pre-check passes (the usual case); an intent whose nonce turns out otherwise is signed again in signAll
        var aside = speculate(signable, counters, chainPending, price);
        var refusals = preChecks(signable);
        aside.ifPresent(speculation -> speculation.collect(nonces.speculative()));
        for (var intent : signable) {
            var refusal = refusals.get(intent.id());
            if (refusal.isPresent() && refusal.get().startsWith("MintCapExceeded")) {
                // the token's mint cap for this period is used up: the mint waits for the next period, it is owed
                counts.count("chain_mints_waiting_for_cap_total");
                LOG.fine(() -> "Mint " + intent.businessKey() + " waits: " + refusal.get());
                continue;
            }
            if (refusal.isPresent()) {
                refuse(intent, refusal.get(), told);
                continue;
            }
            sign(intent, nonces, price);
            signed++;
        }
        signed += signDeposits(batchable, nonces, price, told);
        signAll(nonces);
        storeAttempts(nonces.attempts());
        return signed;
    }

    /**
     * The signing pass's attempts (raw bytes and hash of each signature), written in one JDBC batch in the signing
     * transaction, after the rows they belong to: one round trip for the pass instead of one per transaction.
     */
    private void storeAttempts(List<ChainTransactionAttempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into chain_transaction_attempt (chain_transaction_id, tx_hash, raw_transaction, gas_price,
                                                           signed_at) values (?, ?, ?, ?, ?)""")) {
                for (var attempt : attempts) {
                    insert.setLong(1, attempt.chainTransactionId());
                    insert.setString(2, attempt.txHash());
                    insert.setString(3, attempt.rawTransaction());
                    insert.setBigDecimal(4, new java.math.BigDecimal(attempt.gasPrice()));
                    insert.setTimestamp(5, java.sql.Timestamp.from(attempt.signedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * Every intent's pre-check ({@code eth_call} against the latest block), in one JSON-RPC batch request, by id. The
     * same call (sender, contract, data, gas) is asked once: against the same latest state it has one answer (e.g. a
     * round's refund chunks, each {@code refundBatch(n)} from the escrow's cursor, simulated once, not once each).
     */
    private Map<Long, Optional<String>> preChecks(List<ChainTransaction> intents) {
        var calls = new java.util.LinkedHashMap<Chain.Call, Integer>();
        for (var intent : intents) {
            calls.putIfAbsent(call(intent), calls.size());
        }
        var answers = chain.wouldRevertAll(List.copyOf(calls.keySet()));
        var byId = new java.util.HashMap<Long, Optional<String>>();
        for (var intent : intents) {
            byId.put(intent.id(), answers.get(calls.get(call(intent))));
        }
        return byId;
    }

    private static Chain.Call call(ChainTransaction intent) {
        return new Chain.Call(intent.fromAddress(), intent.toAddress(), intent.callData(), intent.gasLimit());
    }

    /** The intents whose key is configured, each moved to the account that holds its role now. */
    private List<ChainTransaction> signable(List<ChainTransaction> intents) {
        var signable = new java.util.ArrayList<ChainTransaction>();
        for (var intent : intents) {
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
        return signable;
    }

    /**
     * The signers' nonce rows, locked for this signing pass, the chain's pending nonce of each (read once), and the
     * attempts signed in this pass, stored together at its end.
     */
    private record Nonces(Map<String, RelayerNonce> counters, Map<String, BigInteger> chainPending,
            List<ToSign> toSign, List<ChainTransactionAttempt> attempts,
            Map<ChainKeys.Unsigned, ChainKeys.Signed> speculative) {
        BigInteger take(String signer, java.time.Instant now) {
            return counters.get(signer).take(chainPending.remove(signer), now);
        }
    }

    /** Signatures computed aside while the pre-checks are asked: collected once they are answered. */
    private record Speculation(List<ChainKeys.Unsigned> transactions,
            java.util.concurrent.Future<List<ChainKeys.Signed>> signatures) {
        /** Adds the signatures to {@code into}, by transaction; none if the signing failed (they are signed again). */
        void collect(Map<ChainKeys.Unsigned, ChainKeys.Signed> into) {
            try {
                var signed = signatures.get();
                for (int i = 0; i < transactions.size(); i++) {
                    into.put(transactions.get(i), signed.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.picktartup.chain.control.ChainUnavailableException("interrupted while signing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.fine(() -> "Signing aside failed, signing again: " + e.getCause());
            }
        }
    }

    /**
     * Starts signing {@code signable} on the helper thread with the nonces they take if none is refused or waits
     * (each signer's counter, moved to the chain's pending nonce as {@link RelayerNonce#take} does, then one after
     * another in this order); empty without a helper. Nothing is taken or written: {@link #signAll} uses a signature
     * only for the very transaction (nonce, price, data…) it was computed for.
     */
    private Optional<Speculation> speculate(List<ChainTransaction> signable, Map<String, RelayerNonce> counters,
            Map<String, BigInteger> chainPending, BigInteger price) {
        var next = new java.util.HashMap<String, BigInteger>();
        var transactions = new ArrayList<ChainKeys.Unsigned>();
        for (var intent : signable) {
            String signer = intent.fromAddress();
            BigInteger nonce = next.computeIfAbsent(signer, s -> {
                BigInteger counter = counters.get(s).next();
                BigInteger pending = chainPending.get(s);
                return pending != null && pending.compareTo(counter) > 0 ? pending : counter;
            });
            next.put(signer, nonce.add(BigInteger.ONE));
            transactions.add(new ChainKeys.Unsigned(signer, nonce, price, intent.gasLimit(), intent.toAddress(),
                    intent.callData()));
        }
        return keys.signAllAside(transactions).map(future -> new Speculation(List.copyOf(transactions), future));
    }

    /** An intent whose nonce is taken, to be signed with the pass's others ({@link #signAll}). */
    private record ToSign(ChainTransaction intent, ChainKeys.Unsigned transaction) {
    }

    /** Takes the signer's next nonce (in the pass's order); the signature follows in {@link #signAll}. */
    private void sign(ChainTransaction intent, Nonces nonces, BigInteger price) {
        String signer = intent.fromAddress();
        BigInteger nonce = nonces.take(signer, clock.now());
        nonces.toSign().add(new ToSign(intent, new ChainKeys.Unsigned(signer, nonce, price, intent.gasLimit(),
                intent.toAddress(), intent.callData())));
    }

    /**
     * Signs the pass's intents (two threads side by side, {@link ChainKeys#signAll}) and moves each to SIGNED with
     * its bytes to store (before anything is broadcast), in the order their nonces were taken.
     */
    private void signAll(Nonces nonces) {
        // signed aside already with the very same nonce, price and data: those bytes; the others are signed now
        var missing = nonces.toSign().stream().map(ToSign::transaction)
                .filter(t -> !nonces.speculative().containsKey(t)).toList();
        var fresh = keys.signAll(missing);
        var byTransaction = new java.util.HashMap<>(nonces.speculative());
        for (int i = 0; i < missing.size(); i++) {
            byTransaction.put(missing.get(i), fresh.get(i));
        }
        var signatures = nonces.toSign().stream().map(t -> byTransaction.get(t.transaction())).toList();
        var now = clock.now();
        var rows = new ArrayList<ChainTransaction>();
        for (int i = 0; i < signatures.size(); i++) {
            var intent = nonces.toSign().get(i).intent();
            var unsigned = nonces.toSign().get(i).transaction();
            var bytes = signatures.get(i);
            intent.signed(unsigned.nonce(), unsigned.gasPrice(), bytes.hash(), now);
            nonces.attempts().add(new ChainTransactionAttempt(intent.id(), bytes.hash(), bytes.raw(),
                    unsigned.gasPrice(), now));
            rows.add(intent);
        }
        writeSigned(rows, now);
    }

    /**
     * Writes the signed rows' new states (moved by their entities, which this transaction holds locked) in one
     * statement, as {@link #writeStates} does for a receipt pass, instead of one entity update each at the flush: the
     * rows are detached first, so the flush leaves them alone. The columns signing changes (the signer too: {@link
     * ChainTransaction#assignSigner}), the version counted up as an entity update would.
     */
    private void writeSigned(List<ChainTransaction> rows, java.time.Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        var ids = new Long[n];
        var signers = new String[n];
        var nonceValues = new java.math.BigDecimal[n];
        var prices = new java.math.BigDecimal[n];
        var hashes = new String[n];
        var attempts = new Integer[n];
        var statuses = new String[n];
        for (int i = 0; i < n; i++) {
            var row = rows.get(i);
            em.detach(row);
            ids[i] = row.id();
            signers[i] = row.fromAddress();
            nonceValues[i] = new java.math.BigDecimal(row.nonce().orElseThrow());
            prices[i] = new java.math.BigDecimal(row.gasPrice().orElseThrow());
            hashes[i] = row.txHash().orElseThrow();
            attempts[i] = row.attempts();
            statuses[i] = row.status().name();
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("""
                    update chain_transaction t set from_address = v.from_address, nonce = v.nonce,
                           gas_price = v.gas_price, tx_hash = v.tx_hash, attempts = v.attempts, status = v.status,
                           signed_at = ?::timestamptz, updated_at = ?::timestamptz, version = t.version + 1
                    from unnest(?::bigint[], ?::text[], ?::numeric[], ?::numeric[], ?::text[], ?::int[], ?::text[])
                         as v(id, from_address, nonce, gas_price, tx_hash, attempts, status)
                    where t.id = v.id""")) {
                update.setString(1, now.toString());
                update.setString(2, now.toString());
                update.setArray(3, connection.createArrayOf("bigint", ids));
                update.setArray(4, connection.createArrayOf("text", signers));
                update.setArray(5, connection.createArrayOf("numeric", nonceValues));
                update.setArray(6, connection.createArrayOf("numeric", prices));
                update.setArray(7, connection.createArrayOf("text", hashes));
                update.setArray(8, connection.createArrayOf("int4", attempts));
                update.setArray(9, connection.createArrayOf("text", statuses));
                int updated = update.executeUpdate();
                if (updated != n) {
                    throw new IllegalStateException("wrote " + updated + " of " + n + " signed chain transactions");
                }
            }
        });
    }

    /** Refused by the pre-check: fails at once, with the contract's reason, using no nonce. */
    private void refuse(ChainTransaction intent, String reason, List<ChainTransactionSettled> told) {
        intent.failed("pre-check: " + reason, clock.now());
        counts.count("chain_transactions_refused_total");
        announce(intent, told);
    }

    /**
     * Queued deposits, grouped per escrow ({@link DepositBatches#due}): each is pre-checked on its own as the
     * {@code deposit} it is (one that would revert fails at once with its reason, as a lone deposit does); what
     * passes goes as one {@code depositBatch} transaction (a row of its own, kind {@code round-deposit-batch}: nonce,
     * attempts, receipts, reorganisations as any transaction) that the deposits follow as BATCHED, or, when only one
     * passes, as that plain {@code deposit} (cheaper, and its revert names its reason). Returns the transactions signed.
     */
    private int signDeposits(List<ChainTransaction> deposits, Nonces nonces, BigInteger price,
            List<ChainTransactionSettled> told) {
        if (deposits.isEmpty()) {
            return 0;
        }
        var byId = new java.util.HashMap<Long, ChainTransaction>();
        var queued = new java.util.ArrayList<DepositBatches.Queued>();
        for (var deposit : deposits) {
            byId.put(deposit.id(), deposit);
            queued.add(new DepositBatches.Queued(deposit.id(), deposit.toAddress(), deposit.createdAt()));
        }
        int signed = 0;
        for (var group : DepositBatches.due(queued, settings.depositBatchSize(), settings.depositBatchWait(), clock.now())) {
            var passing = new java.util.ArrayList<ChainTransaction>();
            var refusals = preChecks(group.stream().map(queuedItem -> byId.get(queuedItem.id())).toList());
            for (var queuedItem : group) {
                var intent = byId.get(queuedItem.id());
                var refusal = refusals.get(intent.id());
                if (refusal.isPresent()) {
                    refuse(intent, refusal.get(), told);
                } else {
                    passing.add(intent);
                }
            }
            if (passing.isEmpty()) {
                continue;
            }
            if (passing.size() == 1 || passing.stream().anyMatch(d -> !DepositBatches.isDeposit(d.callData()))) {
                // one alone is cheaper as plain deposit; a call that is not deposit(Deposit) is never re-encoded
                for (var alone : passing) {
                    sign(alone, nonces, price);
                    signed++;
                }
                continue;
            }
            String escrow = passing.get(0).toAddress();
            String signer = passing.get(0).fromAddress();
            String callData = DepositBatches.batchCallData(passing.stream().map(ChainTransaction::callData).toList());
            var gas = DepositBatches.gasLimit(passing.size());
            var refusal = chain.wouldRevert(signer, escrow, callData, gas);
            if (refusal.isPresent()) {
                // a condition of the whole batch (the deadline passed, the relayer lost its role): each deposit alone
                // would be refused the same way
                for (var deposit : passing) {
                    refuse(deposit, refusal.get(), told);
                }
                continue;
            }
            // the batch's key names its escrow and its first deposit: a deposit is carried by one batch at most
            var carrier = new ChainTransaction(IntentKey.of(IntentKind.DEPOSIT_BATCH, escrow, passing.get(0).id()).value(),
                    IntentKind.DEPOSIT_BATCH.code(), signer, escrow, callData, gas, clock.now());
            em.persist(carrier);
            em.flush();
            for (var deposit : passing) {
                deposit.batchedIn(carrier, clock.now());
            }
            sign(carrier, nonces, price);
            counts.count("chain_deposit_batches_total");
            counts.count("chain_deposits_batched_total", passing.size());
            LOG.fine(() -> "Deposit batch " + carrier.businessKey() + " carries " + passing.size() + " deposits");
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

    /**
     * Broadcasts the stored bytes of signed transactions, lowest nonce first, all in one JSON-RPC batch request
     * (pipelined: consecutive nonces in flight at once, none waiting for another's receipt); returns how many went out.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int broadcastSigned(int limit) {
        var outgoing = takeSigned(limit);
        if (outgoing.isEmpty()) {
            return 0;
        }
        return sent(outgoing, chain.broadcastAll(outgoing.raw()));
    }

    /** Signed transactions whose stored bytes are to be broadcast, lowest nonce first. */
    public record Outgoing(List<Long> ids, List<String> raw, List<String> keys) {
        public boolean isEmpty() {
            return ids.isEmpty();
        }
    }

    /**
     * Up to {@code limit} signed transactions, lowest nonce first, with their stored bytes: what {@link
     * #broadcastSigned} sends. The dispatcher sends them itself when it overlaps a broadcast with its next steps,
     * then reports the node's answers with {@link #sent}.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @SuppressWarnings("unchecked")
    public Outgoing takeSigned(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        select t.id, a.raw_transaction, t.business_key from chain_transaction t
                        join chain_transaction_attempt a on a.tx_hash = t.tx_hash
                        where t.status = 'SIGNED' order by t.nonce limit ?1""")
                .setParameter(1, limit)
                .getResultList();
        return new Outgoing(rows.stream().map(row -> ((Number) row[0]).longValue()).toList(),
                rows.stream().map(row -> (String) row[1]).toList(), rows.stream().map(row -> (String) row[2]).toList());
    }

    /**
     * Judges the node's answer to each broadcast transaction ("already known" is success, "nonce too low" counts as
     * sent and its receipt decides, another refusal leaves the bytes stored for the next pass), marks those taken
     * SENT in one database transaction, and returns how many.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int sent(Outgoing outgoing, List<Optional<BroadcastRefusedException>> outcomes) {
        var sent = new java.util.LinkedHashSet<Long>();
        for (int i = 0; i < outgoing.ids().size(); i++) {
            long id = outgoing.ids().get(i);
            var refused = outcomes.get(i);
            if (refused.isPresent() && !refused.get().nonceTooLow()) {
                // e.g. underpriced or no gas money: the bytes stay stored, the next round tries again
                LOG.warning(() -> "Node refused chain transaction " + id + ": " + refused.get().getMessage());
                counts.count("chain_broadcast_refused_total");
                continue;
            }
            // taken; or its nonce is used: by this very transaction (then its receipt shows it) or by another one
            sent.add(id);
        }
        self().markSent(List.copyOf(sent));
        for (int i = 0; i < outgoing.ids().size(); i++) {
            String key = outgoing.keys().get(i);
            if (sent.contains(outgoing.ids().get(i))) {
                settings.haltAfterBroadcast().filter(key::startsWith).ifPresent(prefix -> {
                    LOG.severe(() -> "Fault injection: halting after broadcasting " + key + ", before its receipt");
                    Runtime.getRuntime().halt(137);
                });
            }
        }
        return sent.size();
    }

    /**
     * Marks the broadcast transactions SENT, in one database transaction and one statement (as {@link
     * ChainTransaction#sent}: only rows still SIGNED; a row a receipt has moved on meanwhile stays where it is).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        var now = clock.now();
        em.createNativeQuery("""
                        update chain_transaction set status = 'SENT', sent_at = :now, updated_at = :now
                        where id in (:ids) and status = 'SIGNED'""")
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate();
    }

    /**
     * Follows in-flight transactions: a receipt makes them MINED (or FAILED if reverted); MINED ones at the
     * confirmation depth (or at the node's finalized block) become CONFIRMED, and only then are the business components
     * told; a MINED one whose receipt vanished (reorganisation) goes back to SIGNED and its stored bytes are sent
     * again; one whose receipt moved to another block counts its finality from there. The rows move by their entities'
     * rules, detached: their new states are written with one set-based statement ({@link #writeStates}), then the
     * business components are told the pass's ends (and what entered or left a block) in one event each.
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
        // the rows stay locked; as detached objects, no flush before the statements below dirty-checks them, and
        // their states go out in one statement at the end instead of one entity update each
        em.clear();
        long finalBlock = chain.finalBlock();
        // every latest attempt's receipt in one JSON-RPC batch request; earlier attempts are asked only when needed
        Map<String, Chain.Receipt> receipts = chain.receipts(inFlight.stream().flatMap(t -> t.txHash().stream())
                .map(hash -> hash.toLowerCase(Locale.ROOT)).distinct().toList());
        int confirmed = 0;
        var changed = new java.util.LinkedHashSet<ChainTransaction>();
        // what to tell, in nonce order, once the rows' states are written: what entered or left a block, and the ends
        var minedNow = new java.util.LinkedHashMap<ChainTransaction, Boolean>();
        var ended = new ArrayList<ChainTransaction>();
        var endedBatches = new java.util.LinkedHashMap<ChainTransaction, Map<Long, BatchOutcome>>();
        for (var transaction : inFlight) {
            boolean justMined = false;
            var receipt = receiptOfAnyAttempt(transaction, receipts);
            if (transaction.status() == ChainTransactionStatus.SENT) {
                if (receipt.isEmpty()) {
                    continue;
                }
                if (!receipt.get().success()) {
                    var effect = effects.of(transaction.toAddress(), transaction.callData());
                    // the index's progress first, its events second: the indexer moves its cursor and writes a block's
                    // events in one transaction, so a carrier's event under the cursor read here is found below (read
                    // the other way round, a pass committing in between hides the event behind a cursor past it)
                    long indexed = effect.map(e -> indexedUpTo(e.contract())).orElse(Long.MAX_VALUE);
                    var carrier = effect.flatMap(this::indexed);
                    if (carrier.isPresent()) {
                        // someone carried the user's signature first: the action is done, as signed, once
                        transaction.carriedBy(carrier.get().txHash(), carrier.get().block(), receipt.get().gasUsed(),
                                clock.now());
                        counts.count("chain_transactions_carried_by_others_total");
                        LOG.info(() -> "Chain transaction " + transaction.id() + " (" + transaction.businessKey()
                                + ") was carried by " + carrier.get().txHash() + " before the relayer's own copy "
                                + receipt.get().txHash() + " reverted: counted as done");
                    } else if (indexed < receipt.get().blockNumber()) {
                        continue; // the index has not read the revert's block yet: the effect may be in it
                    } else {
                        String reason = chain.wouldRevert(transaction.fromAddress(), transaction.toAddress(),
                                transaction.callData(), transaction.gasLimit()).orElse("no reason on replay");
                        transaction.failed("reverted on chain in block " + receipt.get().blockNumber() + " (" + reason
                                + ")", clock.now());
                        counts.count("chain_transactions_reverted_total");
                        changed.add(transaction);
                        ended.add(transaction);
                        continue;
                    }
                } else {
                    transaction.mined(receipt.get().txHash(), receipt.get().blockNumber(), receipt.get().gasUsed(),
                            clock.now());
                }
                changed.add(transaction);
                justMined = true;
                minedNow.put(transaction, true);
            } else if (receipt.isEmpty() || !stillMined(transaction, receipt.get())) {
                transaction.unmined(latestAttempt(transaction.id()).orElse(null), clock.now());
                changed.add(transaction);
                minedNow.put(transaction, false);
                counts.count("chain_transactions_reorganised_total");
                LOG.warning(() -> "Chain transaction " + transaction.id() + " (" + transaction.businessKey()
                        + ") left the chain (reorganisation): re-sending its stored bytes");
                continue;
            } else if (receipt.get().blockNumber() != transaction.blockNumber().orElseThrow()) {
                long from = transaction.blockNumber().orElseThrow();
                transaction.movedTo(receipt.get().blockNumber(), clock.now());
                changed.add(transaction);
                LOG.warning(() -> "Chain transaction " + transaction.id() + " moved from block " + from + " to block "
                        + receipt.get().blockNumber() + " (reorganisation): final from there");
            }
            if (transaction.blockNumber().orElseThrow() <= finalBlock) {
                Optional<Map<Long, BatchOutcome>> outcomes = Optional.empty();
                if (transaction.isCarrier()) {
                    outcomes = batchOutcomes(transaction);
                    if (outcomes.isEmpty()) {
                        continue; // the index has not read the batch's final block yet: its items' events are there
                    }
                }
                if (justMined) {
                    // mined and final in this same transaction: its end tells everything "in a block" would (a
                    // wallet's hold ends rather than first stop counting)
                    minedNow.remove(transaction);
                }
                transaction.confirmed(clock.now());
                changed.add(transaction);
                transaction.latency().ifPresent(latency -> counts.time("chain_confirmation_latency", latency));
                if (outcomes.isPresent()) {
                    endedBatches.put(transaction, outcomes.get());
                }
                ended.add(transaction);
                confirmed++;
            }
        }
        writeStates(changed);
        var mined = new ArrayList<ChainTransactionMined>();
        minedNow.forEach((transaction, in) -> fireMined(transaction, in, mined));
        if (!mined.isEmpty()) {
            minedEvents.fire(new ChainTransactionsMined(mined));
        }
        var told = new ArrayList<ChainTransactionSettled>();
        for (var transaction : ended) {
            if (endedBatches.containsKey(transaction)) {
                settleBatched(transaction, endedBatches.get(transaction), told);
            } else {
                announce(transaction, told);
            }
        }
        tell(told);
        return confirmed;
    }

    /**
     * Writes the new states of rows this transaction holds locked (moved by their entities, detached) in one
     * statement: the columns a receipt pass changes, the version counted up as an entity update would.
     */
    private void writeStates(java.util.Collection<ChainTransaction> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        var ids = new Long[n];
        var statuses = new String[n];
        var hashes = new String[n];
        var blocks = new Long[n];
        var gasUsed = new java.math.BigDecimal[n];
        var failures = new String[n];
        var minedAt = new String[n];
        var confirmedAt = new String[n];
        var updatedAt = new String[n];
        int i = 0;
        for (var row : rows) {
            ids[i] = row.id();
            statuses[i] = row.status().name();
            hashes[i] = row.txHash().orElse(null);
            blocks[i] = row.blockNumber().orElse(null);
            gasUsed[i] = row.gasUsed().map(java.math.BigDecimal::new).orElse(null);
            failures[i] = row.failure().orElse(null);
            minedAt[i] = row.minedAt().map(java.time.Instant::toString).orElse(null);
            confirmedAt[i] = row.confirmedAt().map(java.time.Instant::toString).orElse(null);
            updatedAt[i] = row.updatedAt().toString();
            i++;
        }
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("""
                    update chain_transaction t set status = v.status, tx_hash = v.tx_hash, block_number = v.block_number,
                           gas_used = v.gas_used, failure = v.failure, mined_at = v.mined_at,
                           confirmed_at = v.confirmed_at, updated_at = v.updated_at, version = t.version + 1
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::numeric[], ?::text[],
                                ?::text[]::timestamptz[], ?::text[]::timestamptz[],
                                ?::text[]::timestamptz[])
                         as v(id, status, tx_hash, block_number, gas_used, failure, mined_at, confirmed_at, updated_at)
                    where t.id = v.id""")) {
                update.setArray(1, connection.createArrayOf("bigint", ids));
                update.setArray(2, connection.createArrayOf("text", statuses));
                update.setArray(3, connection.createArrayOf("text", hashes));
                update.setArray(4, connection.createArrayOf("bigint", blocks));
                update.setArray(5, connection.createArrayOf("numeric", gasUsed));
                update.setArray(6, connection.createArrayOf("text", failures));
                update.setArray(7, connection.createArrayOf("text", minedAt));
                update.setArray(8, connection.createArrayOf("text", confirmedAt));
                update.setArray(9, connection.createArrayOf("text", updatedAt));
                int updated = update.executeUpdate();
                if (updated != n) {
                    throw new IllegalStateException("wrote " + updated + " of " + n + " chain transaction states");
                }
            }
        });
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
        return receiptOfAnyAttempt(transaction, transaction.txHash().flatMap(chain::receipt)
                .map(r -> Map.of(transaction.txHash().orElseThrow().toLowerCase(Locale.ROOT), r)).orElse(Map.of()));
    }

    /** The receipt of the transaction's latest attempt as found in {@code latestReceipts}, else of an earlier one. */
    private Optional<Chain.Receipt> receiptOfAnyAttempt(ChainTransaction transaction,
            Map<String, Chain.Receipt> latestReceipts) {
        var latest = transaction.txHash().map(hash -> latestReceipts.get(hash.toLowerCase(Locale.ROOT)));
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
    public int repriceStuck(int limit) {
        var told = new ArrayList<ChainTransactionSettled>();
        int repriced = repriceStuck(limit, told);
        tell(told);
        return repriced;
    }

    @SuppressWarnings("unchecked")
    private int repriceStuck(int limit, List<ChainTransactionSettled> told) {
        leases.fence(ChainDispatcher.WORKER);
        Duration after = settings.stuckAfter();
        // waits for rows a receipt pass holds instead of skipping them: the receipt thread is woken at every tick just
        // before this pass, so skipping made a stuck row miss its re-pricing on many ticks (a receipt pass never
        // waits for these rows, so the two cannot deadlock; a row it moved on no longer matches and is left out)
        List<ChainTransaction> sent = em.createNativeQuery("""
                        select * from chain_transaction where status = 'SENT' and updated_at < ?1
                        order by nonce, id limit ?2 for update""", ChainTransaction.class)
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
                // its receipts asked again AFTER the nonce was read: one of its attempts mined between the first ask
                // and that read spent the nonce itself (failing it would refund a payment whose PKN were minted)
                if (receiptOfAnyAttempt(transaction).isPresent()) {
                    continue; // the receipt pass records it
                }
                transaction.failed("nonce " + nonce + " was spent by another transaction of " + signer, clock.now());
                counts.count("chain_transactions_lost_nonce_total");
                LOG.severe(() -> "Chain transaction " + transaction.id() + " lost its nonce " + nonce
                        + " to another transaction: it can never be mined");
                announce(transaction, told);
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
            counts.count("chain_transactions_repriced_total");
            LOG.log(Level.INFO, "Re-priced stuck chain transaction {0} (nonce {1}, pending nonce on chain {2}) to {3} wei",
                    new Object[]{transaction.id(), nonce, minedNonces, bumped.get()});
            repriced++;
        }
        return repriced;
    }

    /**
     * Tells the business components that the intent is in a block (or left it): for a deposit batch, each deposit it
     * carries (a wallet's hold stops counting once the balance read from the chain shows the movement).
     */
    private void fireMined(ChainTransaction transaction, boolean mined, List<ChainTransactionMined> told) {
        if (!transaction.isCarrier()) {
            told.add(new ChainTransactionMined(IntentKey.parse(transaction.businessKey()), mined));
            return;
        }
        for (var item : batched(transaction)) {
            told.add(new ChainTransactionMined(IntentKey.parse(item.businessKey()), mined));
        }
    }

    /** The deposits a batch carries that have no outcome yet, locked (the batch's own row is locked already). */
    private List<ChainTransaction> batched(ChainTransaction batch) {
        return em.createQuery("""
                        select t from ChainTransaction t where t.carrierId = :batch and t.status = :batched
                        order by t.id""", ChainTransaction.class)
                .setParameter("batch", batch.id())
                .setParameter("batched", ChainTransactionStatus.BATCHED)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** One batched deposit's outcome: delivered by a transaction's Deposited event, or skipped with a reason. */
    private record BatchOutcome(boolean delivered, String txHash, long block, String reason) {
    }

    /**
     * Each carried deposit's outcome from the indexed events of the batch's transaction: its {@code Deposited} (by
     * investor and consent nonce) or its {@code DepositSkipped} with the decoded error. A deposit skipped because its
     * nonce was used already counts as delivered when a {@code Deposited} of the very same signed deposit (investor,
     * nonce, amount, terms hash) is indexed in another transaction (it was carried before, e.g. by an earlier copy).
     * Empty while the index has not read the batch's block, or lacks an item's event (then the batch waits).
     */
    @SuppressWarnings("unchecked")
    private Optional<Map<Long, BatchOutcome>> batchOutcomes(ChainTransaction batch) {
        long block = batch.blockNumber().orElseThrow();
        if (indexedUpTo(batch.toAddress()) < block) {
            return Optional.empty();
        }
        String hash = batch.txHash().orElseThrow().toLowerCase(java.util.Locale.ROOT);
        List<Object[]> events = em.createNativeQuery("""
                        select event_name, args from chain_event
                        where contract = ?1 and lower(tx_hash) = ?2 and not removed
                          and event_name in ('Deposited', 'DepositSkipped')
                        order by log_index""")
                .setParameter(1, batch.toAddress())
                .setParameter(2, hash)
                .getResultList();
        var deposited = new java.util.HashSet<String>();
        var skipped = new java.util.HashMap<String, String>();
        for (Object[] event : events) {
            var args = io.picktartup.chain.control.EventDecoder.args((String) event[1]);
            String investor = args.getString("arg0", "").toLowerCase(java.util.Locale.ROOT);
            if ("Deposited".equals(event[0])) {
                deposited.add(investor + ":" + args.getString("arg3", ""));
            } else {
                skipped.put(investor + ":" + args.getString("arg1", ""), args.getString("arg2", ""));
            }
        }
        var outcomes = new java.util.HashMap<Long, BatchOutcome>();
        for (var item : batched(batch)) {
            var deposit = DepositBatches.item(item.callData());
            String id = deposit.investor() + ":" + deposit.nonce();
            if (deposited.contains(id)) {
                outcomes.put(item.id(), new BatchOutcome(true, hash, block, null));
            } else if (skipped.containsKey(id)) {
                String reason = reasons.describe(skipped.get(id), null);
                var earlier = depositedElsewhere(batch.toAddress(), deposit, hash);
                outcomes.put(item.id(), earlier.orElse(new BatchOutcome(false, hash, block, reason)));
            } else {
                LOG.warning(() -> "Deposit batch " + batch.businessKey() + " (" + hash + ") has no event of its deposit "
                        + item.businessKey() + " in the index yet: it waits");
                return Optional.empty();
            }
        }
        return Optional.of(outcomes);
    }

    /** Where the very same signed deposit was deposited by another transaction, if the index has it (not removed). */
    @SuppressWarnings("unchecked")
    private Optional<BatchOutcome> depositedElsewhere(String escrow, DepositBatches.Item deposit, String notHash) {
        List<Object[]> rows = em.createNativeQuery("""
                        select tx_hash, block_number, args from chain_event
                        where contract = ?1 and event_name = 'Deposited' and not removed and lower(tx_hash) <> ?2
                          and lower(args::json ->> 'arg0') = ?3 and args::json ->> 'arg3' = ?4
                        order by block_number, log_index""")
                .setParameter(1, escrow)
                .setParameter(2, notHash)
                .setParameter(3, deposit.investor())
                .setParameter(4, deposit.nonce().toString())
                .getResultList();
        for (Object[] row : rows) {
            var args = io.picktartup.chain.control.EventDecoder.args((String) row[2]);
            if (deposit.amount().toString().equals(args.getString("arg1", ""))
                    && deposit.termsHash().equalsIgnoreCase(args.getString("arg2", ""))) {
                return Optional.of(new BatchOutcome(true, ((String) row[0]).toLowerCase(java.util.Locale.ROOT),
                        ((Number) row[1]).longValue(), null));
            }
        }
        return Optional.empty();
    }

    /**
     * The batch reached its end: each deposit it carries ends with its own outcome (CONFIRMED by its Deposited event,
     * FAILED with its DepositSkipped reason), or, if the whole batch failed (reverted, refused, its nonce lost), FAILED
     * with the batch's reason; each is announced on its own, under its own key.
     */
    private void settleBatched(ChainTransaction batch, Map<Long, BatchOutcome> outcomes,
            List<ChainTransactionSettled> told) {
        for (var item : batched(batch)) {
            var outcome = outcomes.get(item.id());
            if (batch.status() == ChainTransactionStatus.CONFIRMED && outcome != null && outcome.delivered()) {
                item.deliveredBy(outcome.txHash(), outcome.block(), clock.now());
            } else if (batch.status() == ChainTransactionStatus.CONFIRMED && outcome != null) {
                item.failed("skipped in deposit batch " + outcome.txHash() + ": " + outcome.reason(), clock.now());
                counts.count("chain_deposits_skipped_total");
            } else if (batch.status() == ChainTransactionStatus.FAILED) {
                item.failed("deposit batch " + batch.businessKey() + " failed: " + batch.failure().orElse("unknown"),
                        clock.now());
            } else {
                throw new IllegalStateException("deposit batch " + batch.id() + " is " + batch.status()
                        + " and has no outcome for " + item.businessKey());
            }
            announce(item, told);
        }
    }

    /** Adds an intent's end to what this transaction tells the business components ({@link #tell}). */
    private void announce(ChainTransaction transaction, List<ChainTransactionSettled> told) {
        if (transaction.isCarrier()) {
            // nobody queued the batch itself: the deposits it carries are told, each under its own key
            settleBatched(transaction, Map.of(), told);
            return;
        }
        told.add(new ChainTransactionSettled(IntentKey.parse(transaction.businessKey()),
                transaction.status() == ChainTransactionStatus.CONFIRMED, transaction.txHash(), transaction.failure()));
    }

    /**
     * Tells the business components, in this transaction, the intents that reached their end in it: one event for
     * all of them, so each observer runs once per pass (set-based) instead of once per intent through the container.
     */
    private void tell(List<ChainTransactionSettled> told) {
        if (!told.isEmpty()) {
            settled.fire(new ChainTransactionsSettled(told));
        }
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
