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

    /** A platform id as the bytes32 the contracts take: keccak-256 of its UTF-8 text. */
    public static byte[] businessId(String id) {
        return Hash.sha3(id.getBytes(StandardCharsets.UTF_8));
    }
}
