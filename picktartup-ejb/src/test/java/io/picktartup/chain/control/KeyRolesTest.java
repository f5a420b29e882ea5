package io.picktartup.chain.control;

import io.picktartup.chain.entity.ChainRole;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness rule for the signing keys: each holds its own role and no other, and is nobody's coming admin. */
class KeyRolesTest {

    private static final String RELAYER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String MINTER = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    private static final String CREATOR = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
    private static final String AGENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final Map<ChainRole, String> KEYS = Map.of(ChainRole.RELAYER, RELAYER, ChainRole.MINTER, MINTER,
            ChainRole.ROUND_CREATOR, CREATOR, ChainRole.SECOND_AGENT, AGENT);

    /** Grants as "address|role" strings. */
    private static Set<String> intended() {
        var grants = new HashSet<String>();
        for (var key : ChainRole.values()) {
            grants.add(KEYS.get(key) + "|" + KeyRoles.of(key));
        }
        return grants;
    }

    private static java.util.List<String> problems(Map<ChainRole, String> keys, Set<String> grants,
                                                    Optional<String> pendingAdmin) {
        return KeyRoles.problems(keys, (role, address) -> grants.contains(address + "|" + role), c -> pendingAdmin);
    }

    @Test
    void eachKeyWithExactlyItsRoleIsRight() {
        assertThat(problems(KEYS, intended(), Optional.empty())).isEmpty();
    }

    @Test
    void eachKeyNeedsTheRoleItsIntentsUse() {
        assertThat(KeyRoles.of(ChainRole.MINTER)).hasToString("MINTER_ROLE on the token");
        assertThat(KeyRoles.of(ChainRole.RELAYER)).hasToString("RELAYER_ROLE on the round factory");
        assertThat(KeyRoles.of(ChainRole.ROUND_CREATOR)).hasToString("ROUND_CREATOR_ROLE on the round factory");
        assertThat(KeyRoles.of(ChainRole.SECOND_AGENT)).hasToString("AGENT_ROLE on the share factory");
        // the ids the contracts compute
        assertThat(KeyRoles.of(ChainRole.MINTER).id()).isEqualTo(Hash.sha3("MINTER_ROLE".getBytes(StandardCharsets.UTF_8)));
        assertThat(new KeyRoles.Role(KeyRoles.Contract.TOKEN, KeyRoles.DEFAULT_ADMIN).id()).isEqualTo(new byte[32]);
    }

    @Test
    void anExtraRoleIsNamedWithItsKey() {
        for (var role : KeyRoles.ALL) {
            for (var key : ChainRole.values()) {
                if (role.equals(KeyRoles.of(key))) {
                    continue;
                }
                var grants = intended();
                grants.add(KEYS.get(key) + "|" + role);
                assertThat(problems(KEYS, grants, Optional.empty()))
                        .as("%s holding %s", key, role)
                        .containsExactly("the " + key.code() + " key " + KEYS.get(key) + " holds " + role
                                + ", which is not its role");
            }
        }
    }

    @Test
    void aMissingRoleAMissingKeyAndASharedAccountAreNamed() {
        var grants = intended();
        grants.remove(MINTER + "|" + KeyRoles.of(ChainRole.MINTER));
        assertThat(problems(KEYS, grants, Optional.empty()))
                .containsExactly("the minter key " + MINTER + " lacks MINTER_ROLE on the token");

        assertThat(problems(Map.of(ChainRole.RELAYER, RELAYER, ChainRole.MINTER, MINTER, ChainRole.SECOND_AGENT, AGENT),
                intended(), Optional.empty()))
                .containsExactly("no round-creator key configured (picktartup.chain.round-creator-key)");
        assertThat(problems(Map.of(ChainRole.RELAYER, RELAYER, ChainRole.MINTER, MINTER, ChainRole.ROUND_CREATOR,
                CREATOR), intended(), Optional.empty()))
                .containsExactly("no second-agent key configured (picktartup.chain.second-agent-key)");
        // the second agent must be another account than the relayer (the first agent): two keys per recovery
        var oneAgent = new java.util.HashMap<>(KEYS);
        oneAgent.put(ChainRole.SECOND_AGENT, RELAYER);
        var oneAgentGrants = intended();
        oneAgentGrants.add(RELAYER + "|" + KeyRoles.of(ChainRole.SECOND_AGENT));
        assertThat(problems(oneAgent, oneAgentGrants, Optional.empty()))
                .anyMatch(p -> p.contains("keys are one account " + RELAYER));

        // one account for two keys: it holds the other's role too
        var shared = Map.of(ChainRole.RELAYER, RELAYER, ChainRole.MINTER, RELAYER, ChainRole.ROUND_CREATOR, CREATOR,
                ChainRole.SECOND_AGENT, AGENT);
        var sharedGrants = intended();
        sharedGrants.add(RELAYER + "|" + KeyRoles.of(ChainRole.MINTER));
        assertThat(problems(shared, sharedGrants, Optional.empty()))
                .contains("the relayer and minter keys are one account " + RELAYER)
                .contains("the relayer key " + RELAYER + " holds MINTER_ROLE on the token, which is not its role");
    }

    @Test
    void aKeyMustNotBeTheAdminToBe() {
        assertThat(problems(KEYS, intended(), Optional.of(MINTER.toUpperCase().replace("0X", "0x"))))
                .containsExactly("the minter key " + MINTER + " is the token's pending admin",
                        "the minter key " + MINTER + " is the round factory's pending admin",
                        "the minter key " + MINTER + " is the share factory's pending admin");
        assertThat(problems(KEYS, intended(), Optional.of("0x00000000000000000000000000000000000000aa"))).isEmpty();
    }
}
