package io.picktartup.round.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/**
 * A recovery or freeze step refused: the same admin approving their own request ({@code shares.recovery-same-admin}),
 * a step out of order ({@code shares.recovery-state}), a new wallet whose identity is not verified on chain yet
 * ({@code shares.recovery-identity-unverified}), nothing to recover ({@code shares.nothing-to-recover}), a recovery
 * already open ({@code shares.recovery-open}). Nothing changes.
 */
public class ShareRecoveryRefusedException extends BusinessException {

    private final Map<String, Object> facts;

    public ShareRecoveryRefusedException(String code, int status, String message, Map<String, Object> facts) {
        super(code, status, message);
        this.facts = Map.copyOf(facts);
    }

    @Override
    public Map<String, Object> extensions() {
        return facts;
    }

    @Override
    public String title() {
        return "Share recovery refused";
    }
}
