package io.picktartup.round.entity;

import java.math.BigInteger;

/**
 * A round's escrow contract's own status, as {@code FundingRoundBase.Status} declares it in contracts/: the contract
 * answers its ordinal (a uint8), so the order here is the contract's (EscrowStatusTest holds them together).
 */
public enum EscrowStatus {
    /** Taking deposits, or past its deadline but not finalised yet. */
    FUNDING,
    /** Finalised with the goal met: the funds may be released to the startup. */
    SUCCEEDED,
    /** Finalised with the goal missed: every investor gets their deposit back. */
    FAILED,
    /** The funds reached the startup's wallet. */
    RELEASED;

    /** The status the contract answered. */
    public static EscrowStatus of(BigInteger ordinal) {
        if (ordinal.signum() < 0 || ordinal.compareTo(BigInteger.valueOf(values().length)) >= 0) {
            throw new IllegalArgumentException("the escrow answered status " + ordinal + ", which it does not declare");
        }
        return values()[ordinal.intValueExact()];
    }

    /** Finalised: the escrow decided whether the round met its goal. */
    public boolean isFinalised() {
        return this != FUNDING;
    }

    /** Finalised with the goal met (released since, or not yet). */
    public boolean metGoal() {
        return this == SUCCEEDED || this == RELEASED;
    }
}
