package io.picktartup.coin.control;

import io.picktartup.coin.entity.BankAccount;
import io.picktartup.wallet.entity.Won;

import java.util.Optional;

/**
 * A bank-transfer (firm banking) API, in the shape of KFTC Open Banking's two calls: the receiving account inquiry
 * (who holds this account, and can it receive) and the deposit transfer, idempotent on the request id the platform
 * gives ({@code bank_tran_id}): the same request id twice pays once. Both throw
 * {@link PayoutProviderUnavailableException} when nothing is known (unreachable, timed out, a 5xx, credentials
 * refused): the caller tries again later with the same request id.
 */
public interface PayoutProvider {

    /** The result of one transfer request. */
    record Transfer(boolean done, String reference, String code, String message) {
        public static Transfer done(String reference) {
            return new Transfer(true, reference, "000", "paid");
        }

        public static Transfer refused(String code, String message) {
            return new Transfer(false, null, code, message);
        }
    }

    /**
     * The holder's name as the bank has it, or empty when the account cannot receive (no such account, closed).
     *
     * @param requesterName the platform's customer asking (the name the platform verified)
     */
    Optional<String> holderName(BankAccount account, Won amount, String requesterName);

    /** Pays {@code amount} to the account under {@code requestId}; a refusal is final for that request id. */
    Transfer transfer(String requestId, BankAccount account, Won amount, String requesterName);
}
