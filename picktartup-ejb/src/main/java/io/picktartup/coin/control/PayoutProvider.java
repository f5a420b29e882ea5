package io.picktartup.coin.control;

import io.picktartup.coin.entity.BankAccount;
import io.picktartup.wallet.entity.Won;

/**
 * Pays won to a bank account (a firm-banking or payout API in production). Idempotent on the reference the platform
 * gives: paying the same cash-out twice pays once. Returns the provider's reference of the transfer.
 */
public interface PayoutProvider {

    String pay(String idempotencyKey, BankAccount account, Won amount);
}
