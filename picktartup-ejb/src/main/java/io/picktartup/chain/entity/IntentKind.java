package io.picktartup.chain.entity;

/**
 * What a chain intent does, for the component that queued it. The code is stored in {@code chain_transaction.kind}
 * and starts the intent's business key ({@code <code>:<reference>}).
 */
public enum IntentKind {
    /** {@code token.mint}: MINTER_ROLE only. */
    MINT("mint", ChainRole.MINTER),
    /** {@code token.cashOut} with the holder's signature: anyone may carry it. */
    CASH_OUT("cash-out", ChainRole.RELAYER),
    /** {@code token.permit} naming the relayer as spender. */
    TRANSFER_PERMIT("transfer-permit", ChainRole.RELAYER),
    /** {@code token.transferWithPermit}/{@code transferFrom}: the permit's spender, the relayer, must send it. */
    TRANSFER("transfer", ChainRole.RELAYER),
    /** {@code factory.createRound}: ROUND_CREATOR_ROLE only. */
    ROUND_OPEN("round-open", ChainRole.ROUND_CREATOR),
    /** {@code round.deposit}/{@code depositBatch}: the factory's RELAYER_ROLE only. */
    DEPOSIT("round-deposit", ChainRole.RELAYER),
    /**
     * {@code round.depositBatch} carrying several queued deposits of one escrow: written by the dispatcher, not by a
     * business component; nobody is told of its end, each deposit it carries is (see {@link ChainTransactionStatus#BATCHED}).
     */
    DEPOSIT_BATCH("round-deposit-batch", ChainRole.RELAYER),
    /** {@code round.cancel} with the investor's signature: anyone may carry it. */
    CANCEL("round-cancel", ChainRole.RELAYER),
    /** {@code round.finalizeRound}: anyone, after the deadline. */
    FINALIZE("round-finalize", ChainRole.RELAYER),
    /** {@code round.release}: anyone, once the round succeeded (pays the fixed startup wallet only). */
    RELEASE("round-release", ChainRole.RELAYER),
    /** {@code round.refundBatch}: anyone, once the round failed (pays investors only). */
    REFUND("round-refund", ChainRole.RELAYER),
    /** {@code shareFactory.createShareToken}: the share factory's ISSUER (the relayer on the dev chain). */
    SHARE_CREATE("share-create", ChainRole.RELAYER),
    /** {@code shareToken.issueNext}: anyone, once the share token exists. */
    SHARE_ISSUE("share-issue", ChainRole.RELAYER),
    /** {@code shareToken.transferBySig} with the holder's signature: anyone may carry it. */
    SHARE_TRANSFER("share-transfer", ChainRole.RELAYER),
    /** {@code registry.setLevel}: the registry's COMPLIANCE_AGENT (the relayer on the dev chain). */
    ELIGIBILITY("eligibility", ChainRole.RELAYER),
    /** {@code token.mint} of PKN back to a holder whose cash-out could not be paid out: MINTER_ROLE only. */
    PAYOUT_RETURN("payout-return", ChainRole.MINTER),
    /** {@code shareToken.setFrozen}: the share factory's AGENT (the relayer, first agent). */
    SHARE_FREEZE("share-freeze", ChainRole.RELAYER),
    /** {@code shareToken.requestRecovery}: the first approval of a recovery, by the first agent (the relayer). */
    RECOVERY_REQUEST("recovery-request", ChainRole.RELAYER),
    /** {@code shareToken.cancelRecovery}: the first agent withdraws a requested recovery. */
    RECOVERY_CANCEL("recovery-cancel", ChainRole.RELAYER),
    /** {@code shareToken.approveRecovery}: the second approval, by the other agent's key. */
    RECOVERY_APPROVE("recovery-approve", ChainRole.SECOND_AGENT);

    private final String code;
    private final ChainRole signer;

    IntentKind(String code, ChainRole signer) {
        this.code = code;
        this.signer = signer;
    }

    /** The key that signs (and pays gas for) this kind of intent. */
    public ChainRole signer() {
        return signer;
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
