package io.picktartup.chain.entity;

/**
 * The platform's signing keys, one per on-chain role, so that a leaked key can do only its own part: the minter
 * mints (capped per day by the token), the round creator opens rounds, the relayer carries users' signed actions
 * (deposits, cash-outs, cancels, transfers) and the calls anyone may make (finalise, release, refunds). None of them
 * administers the contracts.
 */
public enum ChainRole {
    /** Carries users' signed actions and the calls anyone may make; the factory's RELAYER_ROLE. */
    RELAYER("relayer"),
    /** Mints bought PKN; the token's MINTER_ROLE. */
    MINTER("minter"),
    /** Opens funding rounds; the factory's ROUND_CREATOR_ROLE. */
    ROUND_CREATOR("round-creator");

    private final String code;

    ChainRole(String code) {
        this.code = code;
    }

    /** The key's name in settings ({@code picktartup.chain.<code>-key}) and in health data. */
    public String code() {
        return code;
    }
}
