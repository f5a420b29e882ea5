package io.picktartup.chain.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A revert decoded from its 4-byte selector against the custom errors of the contracts and the OpenZeppelin
 * code they use. {@link #signature()} is e.g. {@code "HardCapExceeded(uint256,uint256)"}; {@link #args()} the
 * ABI-encoded arguments as hex.
 */
public record Reverted(String signature, String args, String message) {

    private static final List<String> KNOWN = List.of(
            // PicktartupToken
            "PaymentAlreadyProcessed(bytes32)", "CashOutAlreadyProcessed(address,bytes32)", "SignatureExpired(uint256)",
            "InvalidSigner(address,address)", "ZeroAmount()", "MintCapExceeded(uint256,uint256)",
            "MintCapTooLarge(uint256)", "NotEscrow(address)", "EscrowRegistrarFixed(address)",
            // FundingRound
            "NotRelayer(address)", "RoundClosed(uint256)", "RoundStillOpen(uint256)", "CancelPeriodOver(uint256)",
            "BelowMinimumInvestment(uint256,uint256)", "HardCapExceeded(uint256,uint256)",
            "InvalidNonce(address,uint256,uint256)", "NothingToCancel(address)", "NothingToRefund(address)",
            "AlreadyFinalized(uint8)", "WrongStatus(uint8,uint8)", "EmptyBatch()",
            "NotSettled(uint8)", "NothingToSweep()",
            // FundingRoundFactory
            "InvalidRoundParameters()", "RoundIdTaken(bytes32,address)", "InvalidStrayTokenRecipient()",
            // EligibilityRegistry, ShareToken, ShareTokenFactory
            "ZeroWallet()", "ZeroIdentity()", "LengthMismatch()", "NotAgent(address)", "LockedUp(uint256)",
            "NotEligible(address)", "WalletFrozen(address)", "InsufficientShares(address,uint256,uint256)",
            "ZeroShares()", "NothingToRecover(address)", "NoRecoveryRequest(address)",
            "RecoveryMismatch(address,address)", "SameAgent(address)", "IdentityMismatch(address,address)",
            "UnknownRound(address)", "RoundNotReleased(address)", "ShareTokenExists(address,address)",
            "InvalidPrice(uint256)",
            // OpenZeppelin
            "AccessControlUnauthorizedAccount(address,bytes32)", "AccessControlEnforcedDefaultAdminRules()",
            "AccessControlEnforcedDefaultAdminDelay(uint48)", "AccessControlInvalidDefaultAdmin(address)", "EnforcedPause()", "ExpectedPause()",
            "ERC20InsufficientBalance(address,uint256,uint256)", "ERC20InsufficientAllowance(address,uint256,uint256)",
            "ERC2612ExpiredSignature(uint256)", "ERC2612InvalidSigner(address,address)", "ECDSAInvalidSignature()",
            "ECDSAInvalidSignatureS(bytes32)", "ECDSAInvalidSignatureLength(uint256)",
            "ReentrancyGuardReentrantCall()", "FailedDeployment()", "Error(string)");

    private static final Map<String, String> BY_SELECTOR = new HashMap<>();

    static {
        for (String signature : KNOWN) {
            BY_SELECTOR.put(selector(signature), signature);
        }
    }

    static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
    }

    static Reverted of(String data, String message) {
        String clean = data.startsWith("0x") ? data : "0x" + data;
        if (clean.length() < 10) {
            return new Reverted("<no data>", "", message);
        }
        String selector = clean.substring(0, 10).toLowerCase();
        return new Reverted(BY_SELECTOR.getOrDefault(selector, "<unknown " + selector + ">"), clean.substring(10),
                message);
    }

    /** The error's name, e.g. {@code "HardCapExceeded"}. */
    public String name() {
        int paren = signature.indexOf('(');
        return paren < 0 ? signature : signature.substring(0, paren);
    }

    /** The {@code i}-th static argument as a 32-byte word (hex, no prefix). */
    public String word(int i) {
        return args.substring(64 * i, 64 * (i + 1));
    }

    public java.math.BigInteger uintArg(int i) {
        return new java.math.BigInteger(word(i), 16);
    }

    public String addressArg(int i) {
        return "0x" + word(i).substring(24);
    }
}
