package io.picktartup.chain.entity;

import java.util.List;

/**
 * The intents whose transactions entered a block (or left it in a reorganisation) in one receipt pass, told at once:
 * see {@link ChainTransactionMined} for one, {@link ChainTransactionsSettled} for why a pass is told together.
 */
public record ChainTransactionsMined(List<ChainTransactionMined> all) {

    public ChainTransactionsMined {
        all = List.copyOf(all);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
