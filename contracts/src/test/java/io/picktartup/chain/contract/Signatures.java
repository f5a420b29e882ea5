package io.picktartup.chain.contract;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The EIP-712 signatures a user gives, made the way the platform makes them: web3j {@code Sign.signTypedData}. */
final class Signatures {

    static final String TOKEN_NAME = "Picktartup Token";
    static final String ROUND_NAME = "Picktartup Funding Round";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Signatures() {
    }

    static Sign.SignatureData permit(Credentials owner, long chainId, String token, String spender, BigInteger value,
            BigInteger nonce, BigInteger deadline) {
        return sign(owner, domain(TOKEN_NAME, chainId, token), "Permit",
                List.of(field("owner", "address"), field("spender", "address"), field("value", "uint256"),
                        field("nonce", "uint256"), field("deadline", "uint256")),
                Map.of("owner", owner.getAddress(), "spender", spender, "value", value.toString(),
                        "nonce", nonce.toString(), "deadline", deadline.toString()));
    }

    static Sign.SignatureData investment(Credentials investor, long chainId, String round, BigInteger amount,
            byte[] termsHash, BigInteger nonce, BigInteger deadline) {
        return sign(investor, domain(ROUND_NAME, chainId, round), "Investment",
                List.of(field("investor", "address"), field("round", "address"), field("amount", "uint256"),
                        field("termsHash", "bytes32"), field("nonce", "uint256"), field("deadline", "uint256")),
                Map.of("investor", investor.getAddress(), "round", round, "amount", amount.toString(),
                        // bytes32 as a full 64-hex string: a BigInteger would drop leading zeros
                        "termsHash", Numeric.toHexString(termsHash), "nonce", nonce.toString(),
                        "deadline", deadline.toString()));
    }

    static Sign.SignatureData cancel(Credentials investor, long chainId, String round, BigInteger nonce,
            BigInteger deadline) {
        return sign(investor, domain(ROUND_NAME, chainId, round), "Cancel",
                List.of(field("investor", "address"), field("round", "address"), field("nonce", "uint256"),
                        field("deadline", "uint256")),
                Map.of("investor", investor.getAddress(), "round", round, "nonce", nonce.toString(),
                        "deadline", deadline.toString()));
    }

    static Sign.SignatureData cashOut(Credentials signer, String holder, long chainId, String token,
            BigInteger amount, byte[] cashOutId, BigInteger deadline) {
        return sign(signer, domain(TOKEN_NAME, chainId, token), "CashOut",
                List.of(field("holder", "address"), field("amount", "uint256"), field("cashOutId", "bytes32"),
                        field("deadline", "uint256")),
                Map.of("holder", holder, "amount", amount.toString(),
                        "cashOutId", Numeric.toHexString(cashOutId), "deadline", deadline.toString()));
    }

    /** The curve order of secp256k1. */
    static final BigInteger SECP256K1_N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    /**
     * The same signature in its other, malleable form (s' = n − s, the other recovery id): it recovers the same
     * signer under plain ecrecover, and OpenZeppelin's ECDSA refuses it (s must be in the lower half).
     */
    static Sign.SignatureData highS(Sign.SignatureData signature) {
        BigInteger s = new BigInteger(1, signature.getS());
        byte v = (byte) (signature.getV()[0] == 27 ? 28 : 27);
        return new Sign.SignatureData(v, signature.getR(),
                org.web3j.utils.Numeric.toBytesPadded(SECP256K1_N.subtract(s), 32));
    }

    static BigInteger v(Sign.SignatureData signature) {
        return BigInteger.valueOf(Byte.toUnsignedInt(signature.getV()[0]));
    }

    private static Map<String, Object> domain(String name, long chainId, String verifyingContract) {
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", name);
        domain.put("version", "1");
        domain.put("chainId", chainId);
        domain.put("verifyingContract", verifyingContract);
        return domain;
    }

    private static Map<String, String> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private static Sign.SignatureData sign(Credentials signer, Map<String, Object> domain, String primaryType,
            List<Map<String, String>> fields, Map<String, Object> message) {
        Map<String, Object> types = new LinkedHashMap<>();
        types.put("EIP712Domain", List.of(field("name", "string"), field("version", "string"),
                field("chainId", "uint256"), field("verifyingContract", "address")));
        types.put(primaryType, fields);
        Map<String, Object> typedData = new LinkedHashMap<>();
        typedData.put("types", types);
        typedData.put("primaryType", primaryType);
        typedData.put("domain", domain);
        typedData.put("message", message);
        try {
            return Sign.signTypedData(JSON.writeValueAsString(typedData), signer.getEcKeyPair());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
