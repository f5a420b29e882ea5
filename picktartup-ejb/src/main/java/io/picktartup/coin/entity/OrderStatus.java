package io.picktartup.coin.entity;

/**
 * What the buyer sees of an order: PENDING (waiting for the card payment) → PAID (the gateway confirmed the exact
 * amount) → MINTING (the mint is on its way to the chain) → COMPLETED (minted and final). FAILED: the payment was
 * declined, or the mint failed for good; CANCELLED: after a failed mint, the card payment was cancelled.
 */
public enum OrderStatus {
    PENDING, PAID, MINTING, COMPLETED, FAILED, CANCELLED;

    /** Paid, with its PKN not yet final on chain. */
    public static final java.util.Set<OrderStatus> MINT_ON_ITS_WAY = java.util.EnumSet.of(PAID, MINTING);
}
