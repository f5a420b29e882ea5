package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Reads from the chain whether the configured signing keys hold exactly their roles ({@link KeyRoles}): about twenty
 * {@code hasRole} and two {@code pendingDefaultAdmin} calls against the configured token and factory.
 */
@ApplicationScoped
public class SigningKeyCheck {

    private static final String PENDING_DEFAULT_ADMIN =
            FunctionEncoder.encode(new Function("pendingDefaultAdmin", List.of(), List.of()));

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    ChainKeys keys;

    /** What is wrong with the keys' roles, one sentence each; empty when all is right. */
    public List<String> problems() {
        if (settings.tokenAddress().isEmpty() || settings.factoryAddress().isEmpty()) {
            return List.of("the token and factory addresses are not configured");
        }
        if (settings.shareFactoryAddress().isEmpty()) {
            return List.of("the share factory address is not configured (the second agent's role is on it)");
        }
        return KeyRoles.problems(keys.addresses(), this::holds, this::pendingAdmin);
    }

    private String contract(KeyRoles.Contract contract) {
        return switch (contract) {
            case TOKEN -> settings.tokenAddress().orElseThrow();
            case FACTORY -> settings.factoryAddress().orElseThrow();
            case SHARE_FACTORY -> settings.shareFactoryAddress().orElseThrow();
        };
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
