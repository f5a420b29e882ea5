package io.picktartup.chain.control;

import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.FundingRoundFactory;
import io.picktartup.chain.contract.PicktartupToken;
import io.picktartup.chain.contract.ShareToken;
import io.picktartup.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names and decodes the platform contracts' events from their topic0, with the generated wrappers' event
 * definitions. Arguments become a JSON object keyed {@code arg0, arg1, …} in declaration order (indexed and not),
 * numbers as decimal strings, bytes as 0x-hex; unknown events keep their raw topics and data only.
 */
@ApplicationScoped
public class EventDecoder {

    /** A decoded event: its name and its arguments as JSON. */
    public record Decoded(String name, String args) {
    }

    private final Map<String, Map.Entry<String, Event>> events = new HashMap<>();

    public EventDecoder() {
        register("Transfer", PicktartupToken.TRANSFER_EVENT);
        register("Approval", PicktartupToken.APPROVAL_EVENT);
        register("Minted", PicktartupToken.MINTED_EVENT);
        register("CashedOut", PicktartupToken.CASHEDOUT_EVENT);
        register("Paused", PicktartupToken.PAUSED_EVENT);
        register("Unpaused", PicktartupToken.UNPAUSED_EVENT);
        register("EscrowRegistered", PicktartupToken.ESCROWREGISTERED_EVENT);
        register("RoleGranted", PicktartupToken.ROLEGRANTED_EVENT);
        register("RoleRevoked", PicktartupToken.ROLEREVOKED_EVENT);
        register("RoundCreated", FundingRoundFactory.ROUNDCREATED_EVENT);
        register("Deposited", FundingRound.DEPOSITED_EVENT);
        register("DepositSkipped", FundingRound.DEPOSITSKIPPED_EVENT);
        register("Cancelled", FundingRound.CANCELLED_EVENT);
        register("Finalized", FundingRound.FINALIZED_EVENT);
        register("Refunded", FundingRound.REFUNDED_EVENT);
        register("Released", FundingRound.RELEASED_EVENT);
        // share tokens (issue 20); their Transfer has the ERC-20 signature and is named apart by the indexer
        register("Frozen", ShareToken.FROZEN_EVENT);
        register("RecoveryRequested", ShareToken.RECOVERYREQUESTED_EVENT);
        register("RecoveryCancelled", ShareToken.RECOVERYCANCELLED_EVENT);
        register("WalletRecovered", ShareToken.WALLETRECOVERED_EVENT);
    }

    private void register(String name, Event event) {
        events.put(EventEncoder.encode(event), Map.entry(name, event));
    }

    public Decoded decode(List<String> topics, String data) {
        if (topics.isEmpty() || !events.containsKey(topics.get(0))) {
            return new Decoded(topics.isEmpty() ? "anonymous" : "unknown", "{}");
        }
        var entry = events.get(topics.get(0));
        Event event = entry.getValue();
        JsonObjectBuilder args = Jsons.PROVIDER.createObjectBuilder();
        List<Type> plain = FunctionReturnDecoder.decode(data, event.getNonIndexedParameters());
        int topic = 1;
        int value = 0;
        int position = 0;
        for (TypeReference<Type> parameter : event.getParameters()) {
            Object decoded;
            if (parameter.isIndexed()) {
                decoded = topic < topics.size()
                        ? FunctionReturnDecoder.decodeIndexedValue(topics.get(topic++), parameter).getValue() : null;
            } else {
                decoded = value < plain.size() ? plain.get(value++).getValue() : null;
            }
            args.add("arg" + position++, text(decoded));
        }
        return new Decoded(entry.getKey(), args.build().toString());
    }

    /** An indexed event's arguments ({@link Decoded#args}, as stored) read back as a JSON object. */
    public static JsonObject args(String json) {
        return Jsons.object(json);
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return Numeric.toHexString(bytes);
        }
        if (value instanceof BigInteger number) {
            return number.toString();
        }
        return String.valueOf(value);
    }
}
