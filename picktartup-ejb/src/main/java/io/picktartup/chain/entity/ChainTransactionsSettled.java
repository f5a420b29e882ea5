package io.picktartup.chain.entity;

import java.util.List;

/**
 * Chain transactions that reached their end in one database transaction (a receipt pass, a signing pass's
 * refusals, a re-pricing pass), told to the business components at once, in nonce order: each observer is called
 * once per pass and handles its own kinds together (one statement for a pass's holds, one locked read for its coin
 * orders), rather than once per transaction through the container. Fired synchronously inside the transaction that
 * records the ends, so what the observers change commits with them, or not at all. Each intent appears at most once.
 */
public record ChainTransactionsSettled(List<ChainTransactionSettled> all) {

    public ChainTransactionsSettled {
        all = List.copyOf(all);
    }

    /** The ends of intents of {@code kinds}, in the order they were recorded. */
    public List<ChainTransactionSettled> of(IntentKind... kinds) {
        return all.stream().filter(settled -> java.util.Arrays.stream(kinds).anyMatch(settled::is)).toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
