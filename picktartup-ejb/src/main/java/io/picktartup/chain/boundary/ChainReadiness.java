package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.KeyRoles;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.chain.entity.ChainRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ready when the chain node answers with the configured chain id, the token and round factory have code at their
 * configured addresses (a wrong address or a reset dev chain shows here), the factory may register the rounds it
 * creates with the token, and each signing key (relayer, minter, round creator) is configured, holds its own role and
 * no other (above all not an admin role). Names the failed checks in {@code problem}. The role reads (about twenty
 * {@code eth_call}s) are repeated at most every {@code picktartup.chain.roles-check-seconds} while they pass, and on
 * every probe while they fail.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {

    private static final String PENDING_DEFAULT_ADMIN =
            FunctionEncoder.encode(new Function("pendingDefaultAdmin", List.of(), List.of()));

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ChainKeys keys;

    /** When the keys' roles last passed. */
    private volatile Instant rolesPassedAt = Instant.EPOCH;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("chain").withData("expectedChainId", settings.chainId());
        keys.addresses().forEach((role, address) -> response.withData(role.code(), address));
        try {
            long chainId = chain.chainId();
            response.withData("chainId", chainId).withData("block", chain.latestBlock());
            String problem = null;
            if (chainId != settings.chainId()) {
                problem = "node is on chain " + chainId;
            } else if (settings.tokenAddress().isEmpty() || !chain.hasCode(settings.tokenAddress().get())) {
                problem = "no token contract at " + settings.tokenAddress().orElse("(not configured)");
            } else if (settings.factoryAddress().isEmpty() || !chain.hasCode(settings.factoryAddress().get())) {
                problem = "no round factory contract at " + settings.factoryAddress().orElse("(not configured)");
            } else if (TokenCalls.uint(chain.read(settings.tokenAddress().get(), TokenCalls.hasRole(
                    TokenCalls.ESCROW_REGISTRAR_ROLE, settings.factoryAddress().get()))).signum() == 0) {
                // without it every new round's creation reverts
                problem = "the round factory may not register escrows with the token (ESCROW_REGISTRAR_ROLE)";
            } else if (rolesPassedAt.plus(settings.rolesCheckInterval()).isBefore(Instant.now())) {
                var problems = KeyRoles.problems(keys.addresses(), this::holds, this::pendingAdmin);
                if (problems.isEmpty()) {
                    rolesPassedAt = Instant.now();
                } else {
                    problem = String.join("; ", problems);
                }
            }
            if (problem != null) {
                return response.down().withData("problem", problem).build();
            }
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("problem", "node unreachable").build();
        }
    }

    private String contract(KeyRoles.Contract contract) {
        return contract == KeyRoles.Contract.TOKEN ? settings.tokenAddress().orElseThrow()
                : settings.factoryAddress().orElseThrow();
    }

    private boolean holds(KeyRoles.Role role, String account) {
        return TokenCalls.uint(chain.read(contract(role.contract()), TokenCalls.hasRole(role.id(), account))).signum() != 0;
    }

    /** AccessControlDefaultAdminRules' {@code pendingDefaultAdmin()}: (newAdmin, schedule); none is address zero. */
    private Optional<String> pendingAdmin(KeyRoles.Contract contract) {
        String result = chain.read(contract(contract), PENDING_DEFAULT_ADMIN);
        if (result == null || result.length() < 66) {
            return Optional.empty();
        }
        BigInteger address = new BigInteger(result.substring(2, 66), 16);
        return address.signum() == 0 ? Optional.empty()
                : Optional.of("0x" + String.format("%40s", address.toString(16)).replace(' ', '0'));
    }
}
