package io.picktartup.wallet.control;

import io.picktartup.wallet.entity.TokenAmount;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rule on PKN leaving the platform (a cash-out to a bank, a transfer to another address), as opposed to PKN that
 * stay in it (an investment). Every CDI bean implementing it is asked by {@code Spending} for every such movement,
 * under the wallet's row lock and after the movement's own hold is taken, so concurrent movements of one wallet are
 * checked one after the other. Components other than the wallet's own (the coin component's card hold and cash-out
 * limits) plug in here without the wallet depending on them.
 */
public interface OutflowRule {

    /** Which way PKN leave. */
    enum Outflow { CASH_OUT, TRANSFER }

    /** A line for the wallet page: a message key of the web bundle and its arguments. */
    record Standing(String messageKey, List<Object> arguments) {
    }

    /**
     * Refuses the movement with a {@code BusinessException} when it breaks the rule; the spending transaction then
     * rolls back (hold included).
     *
     * @param amount         the PKN leaving with this movement
     * @param spendableAfter what the wallet may still spend once this movement's hold is counted
     */
    void check(UUID accountId, Outflow outflow, TokenAmount amount, TokenAmount spendableAfter, Instant now);

    /** Where the account stands under this rule now (limits used, PKN held until…), for the wallet page. */
    List<Standing> standing(UUID accountId, Instant now);
}
