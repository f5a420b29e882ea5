package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;

/** The wallet password does not open the wallet's keystore. Nothing was done. */
public class WrongWalletPasswordException extends BusinessException {

    public WrongWalletPasswordException() {
        super("wallet.password-wrong", 403, "The wallet password is wrong; nothing was done.");
    }

    @Override
    public String title() {
        return "Wrong wallet password";
    }
}
