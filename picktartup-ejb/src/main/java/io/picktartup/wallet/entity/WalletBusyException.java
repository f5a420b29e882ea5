package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.RetryLater;

/** Every key-derivation slot stayed busy for too long: the request was not started; try again shortly. */
public class WalletBusyException extends BusinessException implements RetryLater {

    public WalletBusyException() {
        super("wallet.busy", 503, "Wallet operations are busy right now; nothing was done. Try again in a few seconds.");
    }

    @Override
    public long retryAfterSeconds() {
        return 5;
    }

    @Override
    public String title() {
        return "Busy";
    }
}
