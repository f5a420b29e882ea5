package io.picktartup.wallet.boundary;

import io.picktartup.chain.control.Chain;
import io.picktartup.chain.control.ChainSettings;
import io.picktartup.chain.control.ChainUnavailableException;
import io.picktartup.chain.control.TokenCalls;
import io.picktartup.platform.entity.UnavailableException;
import io.picktartup.wallet.entity.WalletAddress;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.math.BigInteger;

/**
 * The single spot that says how many PKN a wallet holds: the token's {@code balanceOf}, read live from the chain
 * (the chain is the ledger; the database only mirrors it). Every page and endpoint that shows a balance asks here.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class WalletBalances {

    public static final int DECIMALS = 18;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(WalletBalances.class.getName());

    @Inject
    Chain chain;

    @Inject
    ChainSettings settings;

    @Inject
    TokenCalls tokenCalls;

    /** The wallet's PKN balance in base units (18 decimals). */
    public BigInteger pkn(WalletAddress address) {
        String token = settings.tokenAddress()
                .orElseThrow(() -> new UnavailableException("chain.unavailable", "The token address is not configured."));
        try {
            return TokenCalls.uint(chain.read(token, tokenCalls.balanceOf(address.toString())));
        } catch (ChainUnavailableException e) {
            LOG.warning(() -> "Balance of " + address + " unreadable: " + e.getMessage());
            throw new UnavailableException("chain.unavailable", "The balance cannot be read from the chain right now.");
        }
    }

    /**
     * The PKN balances (base units) of many wallets, read in one JSON-RPC batch request; in the given order, null
     * where the node answered that one call with an error (unread, never zero).
     */
    public java.util.List<BigInteger> pknAll(java.util.List<WalletAddress> addresses) {
        String token = settings.tokenAddress()
                .orElseThrow(() -> new UnavailableException("chain.unavailable", "The token address is not configured."));
        var calls = new java.util.ArrayList<String[]>(addresses.size());
        for (var address : addresses) {
            calls.add(new String[]{token, tokenCalls.balanceOf(address.toString())});
        }
        try {
            return chain.readAll(calls).stream().map(result -> result == null ? null : TokenCalls.uint(result)).toList();
        } catch (ChainUnavailableException e) {
            LOG.warning(() -> addresses.size() + " balances unreadable: " + e.getMessage());
            throw new UnavailableException("chain.unavailable", "The balances cannot be read from the chain right now.");
        }
    }
}
