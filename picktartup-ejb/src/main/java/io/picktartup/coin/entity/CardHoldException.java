package io.picktartup.coin.entity;

import io.picktartup.platform.entity.BusinessException;
import io.picktartup.wallet.entity.TokenAmount;

import java.time.Instant;
import java.util.Map;

/**
 * PKN bought by card are still in their hold: they may be invested, but not cashed out or sent off the platform
 * until the hold ends (a stolen card's charge-back comes within days). 409 {@code coin.card-hold}, saying how much
 * may leave now and when the hold ends; nothing changed.
 */
public class CardHoldException extends BusinessException {

    private final TokenAmount available;
    private final TokenAmount held;
    private final Instant until;

    public CardHoldException(TokenAmount available, TokenAmount held, Instant until) {
        super("coin.card-hold", 409, held + " bought by card are held until " + until
                + "; " + available + " may leave the platform now.");
        this.available = available;
        this.held = held;
        this.until = until;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("availablePkn", available.tokens().toPlainString(), "cardHeldPkn",
                held.tokens().toPlainString(), "heldUntil", until.toString());
    }

    @Override
    public String title() {
        return "Card-bought PKN are on hold";
    }
}
