package io.picktartup.chain.entity;

/**
 * What a chain intent does, for the component that queued it. The code is stored in {@code chain_transaction.kind}
 * and starts the intent's business key ({@code <code>:<reference>}).
 */
public enum IntentKind {
    MINT("mint"),
    CASH_OUT("cash-out"),
    TRANSFER_PERMIT("transfer-permit"),
    TRANSFER("transfer"),
    ROUND_OPEN("round-open"),
    DEPOSIT("round-deposit"),
    CANCEL("round-cancel"),
    FINALIZE("round-finalize"),
    RELEASE("round-release"),
    REFUND("round-refund"),
    /** PKN minted back to a holder whose cash-out could not be paid out (the coin component). */
    PAYOUT_RETURN("payout-return");

    private final String code;

    IntentKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static IntentKind ofCode(String code) {
        for (var kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown intent kind " + code);
    }
}
