package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.Relayer;
import io.picktartup.chain.control.TokenCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the chain node answers with the configured chain id, the relayer key is configured, and the token and
 * round factory have code at their configured addresses (a wrong address or a reset dev chain shows here), and the
 * factory may register the rounds it creates with the token.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    Relayer relayer;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("chain").withData("expectedChainId", settings.chainId());
        try {
            long chainId = chain.chainId();
            response.withData("chainId", chainId).withData("block", chain.latestBlock());
            String problem = null;
            if (chainId != settings.chainId()) {
                problem = "node is on chain " + chainId;
            } else if (!relayer.configured()) {
                problem = "no relayer key configured";
            } else if (settings.tokenAddress().isEmpty() || !chain.hasCode(settings.tokenAddress().get())) {
                problem = "no token contract at " + settings.tokenAddress().orElse("(not configured)");
            } else if (settings.factoryAddress().isEmpty() || !chain.hasCode(settings.factoryAddress().get())) {
                problem = "no round factory contract at " + settings.factoryAddress().orElse("(not configured)");
            } else if (TokenCalls.uint(chain.read(settings.tokenAddress().get(), TokenCalls.hasRole(
                    TokenCalls.ESCROW_REGISTRAR_ROLE, settings.factoryAddress().get()))).signum() == 0) {
                // without it every new round's creation reverts
                problem = "the round factory may not register escrows with the token (ESCROW_REGISTRAR_ROLE)";
            }
            if (problem != null) {
                return response.down().withData("problem", problem).build();
            }
            return response.up().withData("relayer", relayer.address()).build();
        } catch (RuntimeException e) {
            return response.down().withData("problem", "node unreachable").build();
        }
    }
}
