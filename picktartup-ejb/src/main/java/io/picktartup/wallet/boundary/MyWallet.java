package io.picktartup.wallet.boundary;

import io.picktartup.platform.entity.FieldRule;
import io.picktartup.platform.boundary.Attempts;
import io.picktartup.platform.entity.Caller;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.platform.entity.NotFoundException;
import io.picktartup.platform.entity.PasswordPolicy;
import io.picktartup.platform.entity.ThrottlePolicy;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.Wallet;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;

/**
 * The owner's wallet: its address, a new wallet password (the old one required), and the keystore export (the
 * wallet password required: the file is only as strong as that password, so it is not handed to whoever holds a
 * session). Only the owner (404 for anyone else). Wrong wallet passwords are throttled per wallet (5 per 15
 * minutes). Key derivations run outside any transaction; the writes after them are short ({@link WalletStore}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MyWallet {

    static final ThrottlePolicy WALLET_PASSWORD = new ThrottlePolicy(5, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(15));

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Keystores keystores;

    @EJB
    Attempts attempts;

    @EJB
    WalletStore store;

    public WalletView wallet(UUID accountId) {
        var wallet = own(accountId);
        return new WalletView(accountId, wallet.address().value(), "Web3 Secret Storage v3, scrypt n=262144 r=8 p=1");
    }

    public void changePassword(UUID accountId, String currentWalletPassword, String newWalletPassword) {
        var wallet = own(accountId);
        var violations = new ArrayList<InvalidInputException.Violation>();
        if (currentWalletPassword == null || currentWalletPassword.isEmpty()) {
            violations.add(InvalidInputException.Violation.of("currentWalletPassword", FieldRule.REQUIRED));
        }
        PasswordPolicy.violation("newWalletPassword", newWalletPassword).ifPresent(violations::add);
        if (newWalletPassword != null && newWalletPassword.equals(currentWalletPassword)) {
            violations.add(InvalidInputException.Violation.of("newWalletPassword", FieldRule.DIFFERS_FROM_CURRENT));
        }
        InvalidInputException.refuseIfAny(violations);
        String key = throttleKey(accountId);
        attempts.attempt(key, WALLET_PASSWORD);
        // counted before the check: a wrong password leaves its attempt counted
        Keystores.Created rekeyed = keystores.reencrypt(wallet.keystore(), currentWalletPassword, newWalletPassword);
        store.rekey(accountId, wallet.version(), rekeyed);
        attempts.succeeded(key);
    }

    /** The keystore JSON, after checking the wallet password against it. */
    public String exportKeystore(UUID accountId, String walletPassword) {
        var wallet = own(accountId);
        String key = throttleKey(accountId);
        attempts.attempt(key, WALLET_PASSWORD);
        keystores.check(wallet.keystore(), walletPassword);
        attempts.succeeded(key);
        store.exported(accountId, wallet.address().value());
        return wallet.keystore();
    }

    static String throttleKey(UUID accountId) {
        return "wallet:" + accountId;
    }

    private Wallet own(UUID accountId) {
        Caller.requireOwner(context.getCallerPrincipal(), "Wallet", accountId);
        var wallet = em.find(Wallet.class, accountId);
        if (wallet == null) {
            throw new NotFoundException("Wallet", accountId);
        }
        return wallet;
    }
}
