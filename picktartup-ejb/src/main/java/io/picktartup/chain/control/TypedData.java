package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EIP-712 messages users sign for the contracts, as the JSON that web3j's {@code Sign.signTypedData} takes.
 * The domains match the contracts byte for byte (name, version "1", chain id, contract); bytes32 values are written
 * as full 64-hex strings, never through a number (which would drop leading zeros).
 */
@ApplicationScoped
public class TypedData {

    public static final String TOKEN_NAME = "Picktartup Token";

    @Inject
    ChainSettings settings;

    /** EIP-2612: {@code owner} lets {@code spender} move {@code value} base units, once, until {@code deadline}. */
    public Map<String, Object> permit(String token, String owner, String spender, BigInteger value, BigInteger nonce,
                                      BigInteger deadline) {
        return message(domain(TOKEN_NAME, token), "Permit",
                List.of(field("owner", "address"), field("spender", "address"), field("value", "uint256"),
                        field("nonce", "uint256"), field("deadline", "uint256")),
                ordered("owner", owner, "spender", spender, "value", value.toString(), "nonce", nonce.toString(),
                        "deadline", deadline.toString()));
    }

    /** The token's cash-out: {@code holder} has {@code amount} burned for the platform's cash-out {@code cashOutId}. */
    public Map<String, Object> cashOut(String token, String holder, BigInteger amount, byte[] cashOutId,
                                       BigInteger deadline) {
        return message(domain(TOKEN_NAME, token), "CashOut",
                List.of(field("holder", "address"), field("amount", "uint256"), field("cashOutId", "bytes32"),
                        field("deadline", "uint256")),
                ordered("holder", holder, "amount", amount.toString(), "cashOutId", Numeric.toHexString(cashOutId),
                        "deadline", deadline.toString()));
    }

    public static final String ROUND_NAME = "Picktartup Funding Round";

    /** The escrow's consent: {@code investor} invests {@code amount} under the document hashed to {@code termsHash}. */
    public Map<String, Object> investment(String round, String investor, BigInteger amount, byte[] termsHash,
                                          BigInteger nonce, BigInteger deadline) {
        return message(domain(ROUND_NAME, round), "Investment",
                List.of(field("investor", "address"), field("round", "address"), field("amount", "uint256"),
                        field("termsHash", "bytes32"), field("nonce", "uint256"), field("deadline", "uint256")),
                ordered("investor", investor, "round", round, "amount", amount.toString(),
                        "termsHash", Numeric.toHexString(termsHash), "nonce", nonce.toString(),
                        "deadline", deadline.toString()));
    }

    /** The escrow's cancel: {@code investor} takes their whole position in {@code round} back. */
    public Map<String, Object> cancel(String round, String investor, BigInteger nonce, BigInteger deadline) {
        return message(domain(ROUND_NAME, round), "Cancel",
                List.of(field("investor", "address"), field("round", "address"), field("nonce", "uint256"),
                        field("deadline", "uint256")),
                ordered("investor", investor, "round", round, "nonce", nonce.toString(), "deadline", deadline.toString()));
    }

    public static final String SHARES_NAME = "Picktartup Shares";

    /** A holder's consent to move {@code amount} shares of a round's share token to {@code to} (transferBySig). */
    public Map<String, Object> shareTransfer(String shareToken, String from, String to, BigInteger amount,
                                             BigInteger nonce, BigInteger deadline) {
        return message(domain(SHARES_NAME, shareToken), "ShareTransfer",
                List.of(field("from", "address"), field("to", "address"), field("amount", "uint256"),
                        field("nonce", "uint256"), field("deadline", "uint256")),
                ordered("from", from, "to", to, "amount", amount.toString(), "nonce", nonce.toString(),
                        "deadline", deadline.toString()));
    }

    private Map<String, Object> domain(String name, String verifyingContract) {
        return ordered("name", name, "version", "1", "chainId", settings.chainId(), "verifyingContract",
                verifyingContract);
    }

    private static Map<String, Object> message(Map<String, Object> domain, String primaryType,
                                               List<Map<String, String>> fields, Map<String, Object> values) {
        var types = new LinkedHashMap<String, Object>();
        types.put("EIP712Domain", List.of(field("name", "string"), field("version", "string"),
                field("chainId", "uint256"), field("verifyingContract", "address")));
        types.put(primaryType, fields);
        return ordered("types", types, "primaryType", primaryType, "domain", domain, "message", values);
    }

    private static Map<String, String> field(String name, String type) {
        var field = new LinkedHashMap<String, String>();
        field.put("name", name);
        field.put("type", type);
        return field;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
