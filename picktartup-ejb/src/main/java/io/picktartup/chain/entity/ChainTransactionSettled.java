package io.picktartup.chain.entity;

import java.util.Optional;

/**
 * A chain transaction reached its end: CONFIRMED (final on chain) or FAILED (refused or reverted, for good). Told
 * inside the transaction that records it, with the other ends of that transaction ({@link ChainTransactionsSettled}),
 * so an observer's change (an order completed, an investment confirmed) commits together with it, or not at all.
 */
public record ChainTransactionSettled(IntentKey key, boolean confirmed, Optional<String> txHash,
                                      Optional<String> failure) {

    public boolean is(IntentKind kind) {
        return key.is(kind);
    }
}
