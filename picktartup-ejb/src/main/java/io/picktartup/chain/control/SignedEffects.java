package io.picktartup.chain.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a relayed call leaves on chain when it carries a user's signature that anyone may carry (a cash-out's burn, a
 * cancel): the event its effect emits, whoever sends it. Someone who copies the relayer's pending transaction and
 * gets it mined first makes the relayer's own copy revert, yet the user's action is done, exactly as signed; the
 * dispatcher then takes that event as the intent's outcome instead of a failure. Calls only the relayer may carry
 * (mint, deposit, transfer with permit) have no such effect: nobody else can carry them.
 */
@ApplicationScoped
public class SignedEffects {

    /**
     * An event the effect emits: its contract, its name and the decoded arguments that identify it (as the indexer
     * stores them: {@code arg<i>} in declaration order, addresses and bytes as lower-case 0x-hex, numbers in decimal).
     */
    public record Effect(String contract, String event, Map<String, String> args) {
        public Effect {
            contract = contract.toLowerCase(Locale.ROOT);
            args = Map.copyOf(args);
        }
    }

    static final String CASH_OUT = selector("cashOut(address,uint256,bytes32,uint256,uint8,bytes32,bytes32)");
    static final String CANCEL = selector("cancel(address,uint256,uint256,uint8,bytes32,bytes32)");

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** The effect of sending {@code callData} to {@code to}, if others may carry the same call. */
    public Optional<Effect> of(String to, String callData) {
        if (callData == null || callData.length() < 10) {
            return Optional.empty();
        }
        String selector = callData.substring(0, 10).toLowerCase(Locale.ROOT);
        var args = new LinkedHashMap<String, String>();
        if (selector.equals(CASH_OUT) && words(callData) >= 7) {
            // CashedOut(address indexed holder, uint256 amount, bytes32 indexed cashOutId): the id is the holder's own
            args.put("arg0", address(callData, 0));
            args.put("arg1", uint(callData, 1));
            args.put("arg2", bytes32(callData, 2));
            return Optional.of(new Effect(to, "CashedOut", args));
        }
        if (selector.equals(CANCEL) && words(callData) >= 6) {
            // Cancelled(address indexed investor, uint256 amount, uint256 nonce): one consent nonce, one signature
            args.put("arg0", address(callData, 0));
            args.put("arg2", uint(callData, 1));
            return Optional.of(new Effect(to, "Cancelled", args));
        }
        return Optional.empty();
    }

    private static int words(String callData) {
        return (callData.length() - 10) / 64;
    }

    private static String word(String callData, int i) {
        return callData.substring(10 + 64 * i, 10 + 64 * (i + 1)).toLowerCase(Locale.ROOT);
    }

    private static String address(String callData, int i) {
        return "0x" + word(callData, i).substring(24);
    }

    private static String uint(String callData, int i) {
        return new BigInteger(word(callData, i), 16).toString();
    }

    private static String bytes32(String callData, int i) {
        return "0x" + word(callData, i);
    }
}
