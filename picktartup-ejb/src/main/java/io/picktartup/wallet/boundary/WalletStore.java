package io.picktartup.wallet.boundary;

import io.picktartup.platform.control.AuditTrail;
import io.picktartup.platform.control.Clock;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.wallet.control.Keystores;
import io.picktartup.wallet.entity.Wallet;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.UUID;

/** The transactional half of {@link MyWallet}: short writes after the slow key derivations, which run outside. */
@Stateless
public class WalletStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Stores a re-encrypted keystore, unless the wallet changed since it was read (then 409, nothing stored). */
    public void rekey(UUID accountId, long readVersion, Keystores.Created keystore) {
        var wallet = em.find(Wallet.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (wallet.version() != readVersion) {
            throw new ChangedMeanwhile();
        }
        wallet.rekey(keystore.address(), keystore.keystore(), clock.now());
        audit.record(accountId.toString(), "wallet.password-changed", "wallet", wallet.address().value(), null, null);
    }

    /**
     * Gives the account the new wallet in place of the lost one, unless the wallet changed since it was read; returns
     * the lost address. Runs in the caller's transaction (the share recovery that needs it records itself with it).
     */
    public io.picktartup.wallet.entity.WalletAddress replaceLost(UUID accountId, long readVersion,
                                                                 Keystores.Created keystore) {
        var wallet = em.find(Wallet.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        if (wallet.version() != readVersion) {
            throw new ChangedMeanwhile();
        }
        var lost = wallet.replaceLost(keystore.address(), keystore.keystore(), clock.now());
        audit.record(accountId.toString(), "wallet.replaced-lost", "wallet", keystore.address().value(), lost.value(),
                keystore.address().value());
        return lost;
    }

    public void exported(UUID accountId, String address) {
        audit.record(accountId.toString(), "wallet.keystore-exported", "wallet", address, null, null);
    }

    /** Two wallet-password changes overlapped; the other one won. */
    public static class ChangedMeanwhile extends BusinessException {
        public ChangedMeanwhile() {
            super("wallet.changed-meanwhile", 409, "The wallet changed while this request ran; nothing was changed.");
        }

        @Override
        public String title() {
            return "Changed meanwhile";
        }
    }
}
