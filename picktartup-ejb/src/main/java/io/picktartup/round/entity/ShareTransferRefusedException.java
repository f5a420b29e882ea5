package io.picktartup.round.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.Map;

/**
 * A share transfer the token would refuse: still locked up ({@code shares.locked-up}), a recipient without KYC
 * ({@code shares.recipient-not-eligible}), a sender without it ({@code shares.sender-not-eligible}), a frozen wallet
 * ({@code shares.frozen}), more shares than held ({@code shares.insufficient}), or no shares issued yet
 * ({@code shares.not-issued}). Refused before anything is signed or queued.
 */
public class ShareTransferRefusedException extends BusinessException {

    private final Map<String, Object> facts;

    public ShareTransferRefusedException(String code, int status, String message, Map<String, Object> facts) {
        super(code, status, message);
        this.facts = Map.copyOf(facts);
    }

    @Override
    public Map<String, Object> extensions() {
        return facts;
    }

    @Override
    public String title() {
        return "Share transfer refused";
    }
}
