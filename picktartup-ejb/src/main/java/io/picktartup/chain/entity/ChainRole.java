package io.picktartup.chain.entity;

/**
 * The platform's signing keys, one per on-chain role, so that a leaked key can do only its own part: the minter
 * mints (capped per day by the token), the round creator opens rounds, the relayer carries users' signed actions
 * (deposits, cash-outs, cancels, transfers) and the calls anyone may make (finalise, release, refunds); the second
 * agent approves share recoveries. None of them administers the contracts.
 */
public enum ChainRole {
    /** Carries users' signed actions and the calls anyone may make; the factory's RELAYER_ROLE. */
    RELAYER("relayer"),
    /** Mints bought PKN; the token's MINTER_ROLE. */
    MINTER("minter"),
    /** Opens funding rounds; the factory's ROUND_CREATOR_ROLE. */
    ROUND_CREATOR("round-creator"),
    /**
     * The second recovery agent (the share-token factory's AGENT_ROLE, beside the relayer): approves a lost wallet's
     * recovery that the first agent requested, so a recovery needs two keys and two people.
     */
    SECOND_AGENT("second-agent");

    private final String code;

    ChainRole(String code) {
        this.code = code;
    }

    /** The key's name in settings ({@code picktartup.chain.<code>-key}) and in health data. */
    public String code() {
        return code;
    }
}
