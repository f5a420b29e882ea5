package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.SigningKeyCheck;
import io.picktartup.chain.control.TokenCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

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

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ChainKeys keys;

    @Inject
    SigningKeyCheck keyCheck;

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
                var problems = keyCheck.problems();
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

}
