package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the PKN token's calls the platform sends through the outbox. */
@ApplicationScoped
public class TokenCalls {

    /** Gas for a mint: 97.7 k measured for the very first holder, with a margin. */
    public static final BigInteger MINT_GAS = BigInteger.valueOf(150_000);

    /** {@code mint(to, amount, paymentId)}; the token refuses a payment id it has seen. */
    public String mint(String to, BigInteger baseUnits, String paymentId) {
        return FunctionEncoder.encode(new Function("mint",
                List.of(new Address(to), new Uint256(baseUnits), new Bytes32(businessId(paymentId))), List.of()));
    }

    /** EIP-2612 {@code permit(owner, spender, value, deadline, v, r, s)}, carried by the relayer. */
    public String permit(String owner, String spender, BigInteger value, BigInteger deadline, int v, byte[] r, byte[] s) {
        return FunctionEncoder.encode(new Function("permit", List.of(new Address(owner), new Address(spender),
                new Uint256(value), new Uint256(deadline), new org.web3j.abi.datatypes.generated.Uint8(v),
                new Bytes32(r), new Bytes32(s)), List.of()));
    }

    /**
     * {@code transferWithPermit(owner, to, value, deadline, v, r, s)}: the owner's EIP-2612 permit for the relayer and
     * the transfer in one call, so a permit lifted from the pending transaction and carried on its own cannot stop it.
     */
    public String transferWithPermit(String owner, String to, BigInteger value, BigInteger deadline, int v, byte[] r,
                                     byte[] s) {
        return FunctionEncoder.encode(new Function("transferWithPermit", List.of(new Address(owner), new Address(to),
                new Uint256(value), new Uint256(deadline), new org.web3j.abi.datatypes.generated.Uint8(v),
                new Bytes32(r), new Bytes32(s)), List.of()));
    }

    /** {@code transferFrom(from, to, value)} by the relayer, within the allowance a permit gave it. */
    public String transferFrom(String from, String to, BigInteger value) {
        return FunctionEncoder.encode(new Function("transferFrom",
                List.of(new Address(from), new Address(to), new Uint256(value)), List.of()));
    }

    /** {@code nonces(owner)}: the owner's next EIP-2612 permit nonce, to be read with {@link Chain#read}. */
    public String nonces(String owner) {
        return FunctionEncoder.encode(new Function("nonces", List.of(new Address(owner)), List.of()));
    }

    /** Gas for a transferWithPermit (82 k measured to a new holder), a permit or a transferFrom, with a margin. */
    public static final BigInteger TRANSFER_GAS = BigInteger.valueOf(120_000);

    /** The token's {@code cashOut(holder, amount, cashOutId, deadline, v, r, s)}: burns with the holder's signature. */
    public String cashOut(String holder, BigInteger amount, byte[] cashOutId, BigInteger deadline, int v, byte[] r,
                          byte[] s) {
        return FunctionEncoder.encode(new Function("cashOut", List.of(new Address(holder), new Uint256(amount),
                new Bytes32(cashOutId), new Uint256(deadline), new org.web3j.abi.datatypes.generated.Uint8(v),
                new Bytes32(r), new Bytes32(s)), List.of()));
    }

    /** The token role the round factory needs to register the rounds it creates as escrows. */
    public static final byte[] ESCROW_REGISTRAR_ROLE = Hash.sha3("ESCROW_REGISTRAR_ROLE".getBytes(StandardCharsets.UTF_8));

    /** {@code hasRole(role, account)} (OpenZeppelin AccessControl), to be read with {@link Chain#read}. */
    public static String hasRole(byte[] role, String account) {
        return FunctionEncoder.encode(new Function("hasRole", List.of(new Bytes32(role), new Address(account)),
                List.of()));
    }

    /** {@code balanceOf(address)}'s selector, hashed once (a batch of reservations reads one balance per investor). */
    private static final String BALANCE_OF = FunctionEncoder.encode(new Function("balanceOf",
            List.of(Address.DEFAULT), List.of())).substring(0, 10);

    /** {@code balanceOf(holder)}, to be read with {@link Chain#read}: as {@link FunctionEncoder#encode} writes it. */
    public String balanceOf(String holder) {
        return BALANCE_OF + org.web3j.abi.TypeEncoder.encode(new Address(holder));
    }

    /** The uint256 a view function returned. */
    public static BigInteger uint(String result) {
        return result == null || result.length() <= 2 ? BigInteger.ZERO : new BigInteger(result.substring(2), 16);
    }

    /** A platform id as the bytes32 the contracts take: keccak-256 of its UTF-8 text. */
    public static byte[] businessId(String id) {
        return Hash.sha3(id.getBytes(StandardCharsets.UTF_8));
    }
}
