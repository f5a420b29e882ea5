package io.picktartup.wallet.boundary;

import io.picktartup.wallet.entity.WalletAddress;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.math.BigInteger;

/**
 * THE single spot that says how many PKN a wallet holds. PLACEHOLDER: always zero until the chain gateway (the
 * token ledger read from the chain, plus the pending amounts of the outbox) is wired in here; every page and
 * endpoint that shows a balance asks this class, so wiring the chain is a change of this class alone.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class WalletBalances {

    public static final int DECIMALS = 18;

    /** The wallet's PKN balance in base units (18 decimals). */
    public BigInteger pkn(WalletAddress address) {
        return BigInteger.ZERO;
    }
}
