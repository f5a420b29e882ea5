package io.picktartup.round.entity;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the investment contract document states, fixed at the moment the investor is asked to sign: the
 * document rendered from equal terms is byte for byte equal, so its SHA-256 (the {@code termsHash} of the EIP-712
 * consent) can be recomputed later from the stored terms.
 *
 * @param investmentId         the investment this contract is for (also the document's identity)
 * @param date                 the contract date (Asia/Seoul calendar day)
 * @param investorName         the investor's name
 * @param investorEmail        the investor's email (the document is the investor's own copy)
 * @param investorAddress      the investor's wallet address (the EIP-712 signer)
 * @param startupName          the company's registered name
 * @param ceoName              the company's representative director
 * @param startupWallet        the wallet that receives the funds when the round succeeds
 * @param roundName            the funding round's name
 * @param roundAddress         the round's escrow contract address
 * @param chainId              the EVM chain id of that contract
 * @param amount               the investment in PKN base units (18 decimals)
 * @param amountKrw            the same amount in KRW
 * @param shares               shares allotted for the amount
 * @param pricePerShareKrw     price of one share in KRW
 * @param preMoneyValuationKrw the company's pre-money valuation in KRW
 * @param deadline             the round's deadline
 * @param cancelCutoff         the last moment the investor may cancel (48 h before the deadline)
 * @param terms                the round's own terms (free text, may be long and multi-paragraph)
 */
public record InvestmentContractTerms(UUID investmentId, LocalDate date, String investorName, String investorEmail,
                                      String investorAddress, String startupName, String ceoName,
                                      String startupWallet, String roundName, String roundAddress, long chainId,
                                      BigInteger amount, long amountKrw, long shares, long pricePerShareKrw,
                                      long preMoneyValuationKrw, Instant deadline, Instant cancelCutoff,
                                      String terms) {

    public InvestmentContractTerms {
        Objects.requireNonNull(investmentId, "investmentId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(investorName, "investorName");
        Objects.requireNonNull(investorEmail, "investorEmail");
        Objects.requireNonNull(investorAddress, "investorAddress");
        Objects.requireNonNull(startupName, "startupName");
        Objects.requireNonNull(ceoName, "ceoName");
        Objects.requireNonNull(startupWallet, "startupWallet");
        Objects.requireNonNull(roundName, "roundName");
        Objects.requireNonNull(roundAddress, "roundAddress");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(cancelCutoff, "cancelCutoff");
        terms = terms == null ? "" : terms;
        if (amount.signum() < 0 || amountKrw < 0 || shares < 0 || pricePerShareKrw < 0 || preMoneyValuationKrw < 0) {
            throw new IllegalArgumentException("amounts, shares and prices must not be negative");
        }
        if (cancelCutoff.isAfter(deadline)) {
            throw new IllegalArgumentException("the cancellation cut-off must not be after the deadline");
        }
    }
}
