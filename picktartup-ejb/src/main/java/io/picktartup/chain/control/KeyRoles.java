package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainRole;
import org.web3j.crypto.Hash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The access-control roles of the platform's contracts and the rule for its signing keys: each key holds the one role
 * of its {@link ChainRole} and no other, above all not the admin role (nor is it the admin about to be). A key with
 * an extra role turns a leak of that key into a bigger one (a relayer that mints, a minter that opens rounds).
 */
public final class KeyRoles {

    private KeyRoles() {
    }

    /** The contracts with roles. */
    public enum Contract {
        TOKEN("token"), FACTORY("round factory"), SHARE_FACTORY("share factory");

        private final String label;

        Contract(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One role on one contract. */
    public record Role(Contract contract, String name) {

        /** The role's id: keccak-256 of its name, zero for the admin role (OpenZeppelin AccessControl). */
        public byte[] id() {
            return name.equals(DEFAULT_ADMIN) ? new byte[32] : Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + " on the " + contract.label();
        }
    }

    public static final String DEFAULT_ADMIN = "DEFAULT_ADMIN_ROLE";

    /** Every role the two contracts define. */
    public static final List<Role> ALL = List.of(
            new Role(Contract.TOKEN, DEFAULT_ADMIN),
            new Role(Contract.TOKEN, "MINTER_ROLE"),
            new Role(Contract.TOKEN, "PAUSER_ROLE"),
            new Role(Contract.TOKEN, "ESCROW_REGISTRAR_ROLE"),
            new Role(Contract.FACTORY, DEFAULT_ADMIN),
            new Role(Contract.FACTORY, "RELAYER_ROLE"),
            new Role(Contract.FACTORY, "ROUND_CREATOR_ROLE"));

    /** The one role {@code key} needs. */
    public static Role of(ChainRole key) {
        return switch (key) {
            case MINTER -> new Role(Contract.TOKEN, "MINTER_ROLE");
            case RELAYER -> new Role(Contract.FACTORY, "RELAYER_ROLE");
            case ROUND_CREATOR -> new Role(Contract.FACTORY, "ROUND_CREATOR_ROLE");
            // the relayer is the first agent; the second's AGENT_ROLE is not in ALL, as the relayer holds it too
            case SECOND_AGENT -> new Role(Contract.SHARE_FACTORY, "AGENT_ROLE");
        };
    }

    /**
     * What is wrong with the keys' roles, each as one sentence naming the key, its address and the role; empty when
     * every key is configured, distinct from the others, holds its own role and no other, and is no contract's
     * pending admin.
     *
     * @param keys         the configured keys' addresses
     * @param holds        whether an address holds a role (read from the chain)
     * @param pendingAdmin the account a contract's admin role is being handed over to, if any
     */
    public static List<String> problems(Map<ChainRole, String> keys, BiPredicate<Role, String> holds,
                                        Function<Contract, Optional<String>> pendingAdmin) {
        var problems = new ArrayList<String>();
        var seen = new EnumMap<ChainRole, String>(ChainRole.class);
        for (ChainRole key : ChainRole.values()) {
            String address = keys.get(key);
            if (address == null) {
                problems.add("no " + key.code() + " key configured (picktartup.chain." + key.code() + "-key)");
                continue;
            }
            seen.forEach((other, otherAddress) -> {
                if (otherAddress.equalsIgnoreCase(address)) {
                    problems.add("the " + other.code() + " and " + key.code() + " keys are one account " + address);
                }
            });
            seen.put(key, address);
            Role own = of(key);
            if (!holds.test(own, address)) {
                problems.add("the " + key.code() + " key " + address + " lacks " + own);
            }
            for (Role role : ALL) {
                if (!role.equals(own) && holds.test(role, address)) {
                    problems.add("the " + key.code() + " key " + address + " holds " + role + ", which is not its role");
                }
            }
        }
        for (Contract contract : Contract.values()) {
            pendingAdmin.apply(contract).ifPresent(pending -> seen.forEach((key, address) -> {
                if (address.toLowerCase(Locale.ROOT).equals(pending.toLowerCase(Locale.ROOT))) {
                    problems.add("the " + key.code() + " key " + address + " is the " + contract.label()
                            + "'s pending admin");
                }
            }));
        }
        return problems;
    }
}
