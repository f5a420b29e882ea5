package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.BusinessException;

/**
 * Another signed operation of the wallet is still on its way: a second signature now would reuse its nonce (the
 * token's permit nonce, a round's consent nonce) and be refused on chain.
 */
public class OperationInFlightException extends BusinessException {

    public OperationInFlightException() {
        super("wallet.operation-in-flight", 409,
                "Another signed operation of your wallet is still on its way; try again when it is done.");
    }

    @Override
    public String title() {
        return "Operation in flight";
    }
}
