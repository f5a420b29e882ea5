package io.picktartup.coin.control;

import io.picktartup.coin.entity.BankAccount;
import io.picktartup.wallet.entity.Won;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The sandbox payout provider (the default until a bank's payout API is contracted): no money leaves; it answers
 * like a provider would, idempotently on the key, and logs the payout without the account number.
 */
@ApplicationScoped
public class SandboxPayoutProvider implements PayoutProvider {

    private static final Logger LOG = Logger.getLogger(SandboxPayoutProvider.class.getName());
    private final Map<String, String> paid = new ConcurrentHashMap<>();

    @Override
    public String pay(String idempotencyKey, BankAccount account, Won amount) {
        return paid.computeIfAbsent(idempotencyKey, key -> {
            String reference = "sandbox-payout-" + key;
            LOG.info(() -> "Sandbox payout " + reference + ": " + amount + " to bank " + account.bankCode() + " "
                    + account.masked());
            return reference;
        });
    }
}
