package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;

/** A transfer that cannot go now: not enough PKN, or another transfer of this wallet still on its way. */
public class TransferRefusedException extends BusinessException {

    public TransferRefusedException(String code, String message) {
        super(code, 409, message);
    }

    @Override
    public String title() {
        return "Transfer refused";
    }
}
