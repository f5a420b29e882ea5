package io.picktartup.chain.control;

import io.picktartup.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns revert data into words: {@code Error(string)}, {@code Panic(uint256)}, and the platform contracts' custom
 * errors, whose selectors come from the ABIs packaged with the contracts (web3j 4.13 decodes none of them).
 */
@ApplicationScoped
public class RevertReasons {

    private static final String ERROR_SELECTOR = "0x08c379a0";
    private static final String PANIC_SELECTOR = "0x4e487b71";
    private static final List<String> ABIS = List.of("PicktartupToken", "FundingRound", "FundingRoundFactory");

    private final Map<String, String> customErrors = new HashMap<>();

    public RevertReasons() {
        for (String contract : ABIS) {
            try (InputStream in = RevertReasons.class.getClassLoader().getResourceAsStream("solidity/" + contract + ".abi")) {
                if (in == null) {
                    continue;
                }
                var abi = Jsons.PROVIDER.createReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))
                        .readArray();
                for (JsonValue item : abi) {
                    JsonObject entry = item.asJsonObject();
                    if ("error".equals(entry.getString("type", ""))) {
                        String signature = entry.getString("name") + "(" + entry.getJsonArray("inputs").stream()
                                .map(input -> canonicalType(input.asJsonObject()))
                                .collect(Collectors.joining(",")) + ")";
                        customErrors.put(Hash.sha3String(signature).substring(0, 10), signature);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String canonicalType(JsonObject input) {
        String type = input.getString("type");
        if (type.startsWith("tuple")) {
            return "(" + input.getJsonArray("components").stream().map(c -> canonicalType(c.asJsonObject()))
                    .collect(Collectors.joining(",")) + ")" + type.substring("tuple".length());
        }
        return type;
    }

    /** A readable reason for the revert data (0x-hex, possibly JSON-quoted as web3j returns it). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public String describe(String revertData, String fallbackMessage) {
        String data = revertData == null ? "" : revertData.replace("\"", "").trim();
        if (data.length() < 10 || !data.startsWith("0x")) {
            return fallbackMessage == null ? "reverted without a reason" : fallbackMessage;
        }
        String selector = data.substring(0, 10).toLowerCase(java.util.Locale.ROOT);
        String arguments = data.substring(10);
        if (selector.equals(ERROR_SELECTOR)) {
            List decoded = FunctionReturnDecoder.decode(arguments, (List) List.of(new TypeReference<Utf8String>() { }));
            return decoded.isEmpty() ? "Error()" : "Error(" + ((Utf8String) decoded.get(0)).getValue() + ")";
        }
        if (selector.equals(PANIC_SELECTOR)) {
            List decoded = FunctionReturnDecoder.decode(arguments, (List) List.of(new TypeReference<Uint256>() { }));
            return decoded.isEmpty() ? "Panic()" : "Panic(0x" + ((Uint256) decoded.get(0)).getValue().toString(16) + ")";
        }
        String custom = customErrors.get(selector);
        if (custom != null) {
            return custom.substring(0, custom.indexOf('(')) + (arguments.isEmpty() ? "" : " [" + Numeric.prependHexPrefix(arguments) + "]");
        }
        return "unknown error " + selector;
    }

    /** The error name for a selector, for tests and alerts. */
    public Map<String, String> knownErrors() {
        return Map.copyOf(customErrors);
    }
}
