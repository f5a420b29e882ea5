package io.picktartup.launcher.deploy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment should produce: the chain, the three signing keys' addresses (each gets its one role), the admin
 * the contracts are handed over to (empty: the deployer stays admin, as on the dev chain), the admin handover delay
 * and the daily mint cap.
 *
 * @param chainId      the chain id the node must report (BSC testnet 97, mainnet 56)
 * @param minter       the minter key's address: the token's MINTER_ROLE
 * @param relayer      the relayer key's address: the factory's RELAYER_ROLE
 * @param roundCreator the round creator key's address: the factory's ROUND_CREATOR_ROLE
 * @param admin        the final admin of both contracts (two-step handover), if not the deployer
 * @param adminDelay   seconds a new admin waits before accepting the handover
 * @param mintCap      base units of PKN the minter may mint per day
 * @param strayTokenRecipient where a settled round's stray PKN (sent to it by plain transfers) is swept; fixed in
 *                            the factory at deployment
 */
public record DeploymentPlan(long chainId, String minter, String relayer, String roundCreator, Optional<String> admin,
                             BigInteger adminDelay, BigInteger mintCap, String strayTokenRecipient) {

    /** uint48, the type of AccessControlDefaultAdminRules' delay. */
    private static final BigInteger MAX_DELAY = BigInteger.TWO.pow(48).subtract(BigInteger.ONE);

    public DeploymentPlan {
        if (chainId <= 0) {
            throw new IllegalArgumentException("--chain-id must be positive");
        }
        minter = address(minter, "--minter");
        relayer = address(relayer, "--relayer");
        roundCreator = address(roundCreator, "--round-creator");
        admin = admin.map(a -> address(a, "--admin"));
        strayTokenRecipient = address(strayTokenRecipient, "--stray-token-recipient");
        if (adminDelay == null || adminDelay.signum() < 0 || adminDelay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the admin delay must be 0 to 2^48-1 seconds");
        }
        if (mintCap == null || mintCap.signum() <= 0) {
            throw new IllegalArgumentException("the mint cap must be positive");
        }
        var accounts = new LinkedHashMap<String, String>();
        for (var entry : Map.of("--minter", minter, "--relayer", relayer, "--round-creator", roundCreator).entrySet()) {
            String other = accounts.putIfAbsent(entry.getValue(), entry.getKey());
            if (other != null) {
                throw new IllegalArgumentException(other + " and " + entry.getKey() + " are one account: each key "
                        + "must be its own account");
            }
        }
        if (admin.isPresent() && accounts.containsKey(admin.get())) {
            throw new IllegalArgumentException("--admin is also " + accounts.get(admin.get())
                    + ": no signing key may administer the contracts");
        }
    }

    /** The accounts that must hold exactly one role each, by name. */
    public Map<String, String> keys() {
        var keys = new LinkedHashMap<String, String>();
        keys.put("minter", minter);
        keys.put("relayer", relayer);
        keys.put("roundCreator", roundCreator);
        return keys;
    }

    static String address(String value, String name) {
        if (value == null || !value.trim().matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException(name + " must be an address (0x and 40 hex digits)");
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
