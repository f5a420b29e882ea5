package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint248;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Encodes the calls of the share contracts (issue 20): the share-token factory, a round's share token and the
 * eligibility registry. Gas figures from the contracts' ShareGasTest, with margins.
 */
@ApplicationScoped
public class ShareCalls {

    /** createShareToken: 154 k measured. */
    public static final BigInteger CREATE_GAS = BigInteger.valueOf(300_000);
    /** transferBySig: 54 k measured to a holder, ~66 k to a new one. */
    public static final BigInteger TRANSFER_GAS = BigInteger.valueOf(150_000);
    /** setLevel: a new entry ~50 k. */
    public static final BigInteger SET_LEVEL_GAS = BigInteger.valueOf(120_000);
    /** setFrozen, requestRecovery, cancelRecovery: ~30-55 k. */
    public static final BigInteger AGENT_GAS = BigInteger.valueOf(150_000);
    /** approveRecovery: two registry reads and two balances, ~60 k. */
    public static final BigInteger RECOVERY_GAS = BigInteger.valueOf(200_000);
    /** Investors per issueNext transaction. */
    public static final int ISSUE_CHUNK = 100;

    /** issueNext of {@code count} investors: 32 k each measured, with a margin. */
    public static BigInteger issueGas(int count) {
        return BigInteger.valueOf(80_000L + 50_000L * count);
    }

    public String createShareToken(String escrow, BigInteger pricePerShare) {
        return FunctionEncoder.encode(new Function("createShareToken",
                List.of(new Address(escrow), new Uint256(pricePerShare)), List.of()));
    }

    public String shareTokenOf(String escrow) {
        return FunctionEncoder.encode(new Function("shareTokenOf", List.of(new Address(escrow)), List.of()));
    }

    public String issueNext(int maxCount) {
        return FunctionEncoder.encode(new Function("issueNext", List.of(new Uint256(maxCount)), List.of()));
    }

    public String issueCursor() {
        return FunctionEncoder.encode(new Function("issueCursor", List.of(), List.of()));
    }

    public String lockupEnd() {
        return FunctionEncoder.encode(new Function("lockupEnd", List.of(), List.of()));
    }

    public String totalSupply() {
        return FunctionEncoder.encode(new Function("totalSupply", List.of(), List.of()));
    }

    public String balanceOf(String holder) {
        return FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(holder)), List.of()));
    }

    public String nonces(String holder) {
        return FunctionEncoder.encode(new Function("nonces", List.of(new Address(holder)), List.of()));
    }

    public String isFrozen(String holder) {
        return FunctionEncoder.encode(new Function("isFrozen", List.of(new Address(holder)), List.of()));
    }

    public String transferBySig(String from, String to, BigInteger amount, BigInteger nonce, BigInteger deadline,
                                int v, byte[] r, byte[] s) {
        return FunctionEncoder.encode(new Function("transferBySig", List.of(new Address(from), new Address(to),
                new Uint256(amount), new Uint256(nonce), new Uint256(deadline), new Uint8(v), new Bytes32(r),
                new Bytes32(s)), List.of()));
    }

    public String setFrozen(String holder, boolean frozen) {
        return FunctionEncoder.encode(new Function("setFrozen", List.of(new Address(holder), new Bool(frozen)),
                List.of()));
    }

    public String requestRecovery(String lost, String newWallet) {
        return FunctionEncoder.encode(new Function("requestRecovery", List.of(new Address(lost), new Address(newWallet)),
                List.of()));
    }

    public String approveRecovery(String lost, String newWallet) {
        return FunctionEncoder.encode(new Function("approveRecovery", List.of(new Address(lost), new Address(newWallet)),
                List.of()));
    }

    public String cancelRecovery(String lost) {
        return FunctionEncoder.encode(new Function("cancelRecovery", List.of(new Address(lost)), List.of()));
    }

    /** Registry: the identity key beside a wallet's level (0: none). */
    public String identityOf(String wallet) {
        return FunctionEncoder.encode(new Function("identityOf", List.of(new Address(wallet)), List.of()));
    }

    /** Registry: {@code setLevel(wallet, identity, level)}. */
    public String setLevel(String wallet, BigInteger identity, int level) {
        return FunctionEncoder.encode(new Function("setLevel",
                List.of(new Address(wallet), new Uint248(identity), new Uint8(level)), List.of()));
    }

    public String levelOf(String wallet) {
        return FunctionEncoder.encode(new Function("levelOf", List.of(new Address(wallet)), List.of()));
    }

    /**
     * The identity key written beside a wallet's level: keccak-256 of the account id, cut to 248 bits. It names no
     * one; it only lets the share tokens see that two wallets belong to the same account (recovery).
     */
    public static BigInteger identity(UUID accountId) {
        byte[] hash = org.web3j.crypto.Hash.sha3(("picktartup-account:" + accountId).getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, hash).shiftRight(8);
    }

    /** A uint256 (or smaller) a view function returned. */
    public static BigInteger uint(String result) {
        String hex = result == null ? "" : result.startsWith("0x") ? result.substring(2) : result;
        return hex.isEmpty() ? BigInteger.ZERO : new BigInteger(hex.substring(0, Math.min(64, hex.length())), 16);
    }

    public static boolean bool(String result) {
        return uint(result).signum() != 0;
    }
}
