package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/**
 * A movement would spend more PKN than the wallet has free: its balance less what movements on their way hold
 * (reserved and pending investments, cash-outs burning, transfers sending). Says how much is free.
 */
public class InsufficientPknException extends BusinessException {

    private final TokenAmount free;
    private final TokenAmount held;

    public InsufficientPknException(TokenAmount free, TokenAmount held) {
        super("wallet.insufficient-balance", 409, "The wallet has " + free + " free"
                + (held.isZero() ? "." : " (" + held + " are held by movements on their way)."));
        this.free = free;
        this.held = held;
    }

    public TokenAmount free() {
        return free;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("availablePkn", free.tokens().toPlainString(), "heldPkn", held.tokens().toPlainString());
    }

    @Override
    public String title() {
        return "Not enough PKN";
    }
}
