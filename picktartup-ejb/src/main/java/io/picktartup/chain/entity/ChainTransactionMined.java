package io.picktartup.chain.entity;

/**
 * A chain intent's transaction was included in a block ({@code mined}), or left the chain again in a reorganisation
 * (not {@code mined}; it will be sent again). Balances read from the chain include a mined movement already, long
 * before it is final; told in the transaction that records it, with the pass's others ({@link ChainTransactionsMined}).
 */
public record ChainTransactionMined(IntentKey key, boolean mined) {
}
