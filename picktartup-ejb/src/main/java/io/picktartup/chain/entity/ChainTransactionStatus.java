package io.picktartup.chain.entity;

/**
 * Lifecycle of a chain transaction: QUEUED (intent committed) → SIGNED (nonce taken, raw bytes stored) → SENT
 * (broadcast) → MINED (in a block) → CONFIRMED (at the confirmation depth: final). FAILED: refused by the
 * pre-check or reverted on chain with no trace of its effect; never retried blindly. A transaction whose effect another
 * sender carried first (the same user signature, copied from the mempool) is MINED by that sender's transaction. A
 * MINED transaction whose block is reorganised away goes back to SIGNED and its stored bytes are broadcast again.
 * BATCHED: a deposit intent carried by a {@code depositBatch} transaction of its own row (its carrier); it follows the
 * carrier and ends when the carrier does: CONFIRMED by its {@code Deposited} event in the final carrier, FAILED by its
 * {@code DepositSkipped} event (or with the carrier, if the whole batch failed).
 * CONFIRMED means its block is final (the node's {@code finalized} block or the confirmation depth): only then do
 * the business components act on it (a payout, a completed order, a release mail).
 */
public enum ChainTransactionStatus {
    QUEUED, BATCHED, SIGNED, SENT, MINED, CONFIRMED, FAILED;

    public boolean isOpen() {
        return this != CONFIRMED && this != FAILED;
    }
}
