package io.picktartup.chain.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainKeys;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.KeyRoles;
import io.picktartup.chain.control.SigningKeyCheck;
import io.picktartup.chain.entity.ChainRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For operators: the platform's signing keys as the chain sees them: each key's address, the role it needs, its gas
 * money, and what is wrong with their roles (the same check as readiness).
 */
@Stateless
@RolesAllowed("ADMIN")
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainKeyStatus {

    /** One key: its role's code, its address (empty when not configured), the role it needs, its native balance. */
    public record Key(String role, Optional<String> address, String neededRole, Optional<BigDecimal> balance,
                      boolean right) implements Serializable {
    }

    /** The keys and the problems found, empty when every key holds exactly its role. */
    public record Status(long chainId, List<Key> keys, List<String> problems) implements Serializable {
    }

    @Inject
    ChainKeys keys;

    @Inject
    SigningKeyCheck check;

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    public Status status() {
        List<String> problems;
        try {
            problems = check.problems();
        } catch (RuntimeException e) {
            problems = List.of("the chain node cannot be reached");
        }
        var list = new ArrayList<Key>();
        for (ChainRole role : ChainRole.values()) {
            Optional<String> address = keys.configured(role) ? Optional.of(keys.address(role)) : Optional.empty();
            Optional<BigDecimal> balance = address.flatMap(this::balance);
            final List<String> found = problems;
            boolean right = address.isPresent() && found.stream().noneMatch(p -> p.contains(address.get())
                    || p.contains(" " + role.code() + " "));
            list.add(new Key(role.code(), address, KeyRoles.of(role).toString(), balance, right));
        }
        return new Status(settings.chainId(), list, problems);
    }

    private Optional<BigDecimal> balance(String address) {
        try {
            return Optional.of(new BigDecimal(chain.balance(address)).movePointLeft(18).stripTrailingZeros());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
