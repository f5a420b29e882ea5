package io.picktartup.chain.control;

import io.picktartup.chain.contract.FundingRound;
import io.picktartup.chain.contract.PicktartupToken;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The effect a relayed call leaves must be found among the events exactly as the indexer decodes and stores them:
 * the same argument names and spellings (lower-case hex, decimal numbers), including an id with a leading zero byte.
 */
class SignedEffectsTest {

    private static final String TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String ROUND = "0xA51c1fc2f0D1a1b8494Ed1FE312d7C3a78Ed91C0";
    private static final String HOLDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private final SignedEffects effects = new SignedEffects();
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void aCashOutIsFoundByItsHolderAmountAndIdInTheIndexedEvent() {
        byte[] id = new byte[32];
        id[1] = (byte) 0xab;
        id[31] = 7;
        BigInteger amount = new BigInteger("4500000000000000000");
        String call = new TokenCalls().cashOut(HOLDER, amount, id, BigInteger.valueOf(1_900_000_000L), 27,
                new byte[32], new byte[32]);

        var effect = effects.of(TOKEN, call).orElseThrow();

        assertThat(effect.contract()).isEqualTo(TOKEN.toLowerCase());
        assertThat(effect.event()).isEqualTo("CashedOut");
        var decoded = decoder.decode(List.of(EventEncoder.encode(PicktartupToken.CASHEDOUT_EVENT), topic(HOLDER),
                Numeric.toHexString(id)), "0x" + TypeEncoder.encode(new Uint256(amount)));
        assertThat(decoded.name()).isEqualTo(effect.event());
        assertMatches(effect, decoded.args());
    }

    @Test
    void aCancelIsFoundByItsInvestorAndConsentNonceInTheIndexedEvent() {
        String call = new RoundCalls().cancel(HOLDER, BigInteger.valueOf(3), BigInteger.valueOf(1_900_000_000L), 28,
                new byte[32], new byte[32]);

        var effect = effects.of(ROUND, call).orElseThrow();

        assertThat(effect.event()).isEqualTo("Cancelled");
        var decoded = decoder.decode(List.of(EventEncoder.encode(FundingRound.CANCELLED_EVENT), topic(HOLDER)),
                "0x" + TypeEncoder.encode(new Uint256(BigInteger.TEN.pow(19))) + TypeEncoder.encode(new Uint256(3)));
        assertThat(decoded.name()).isEqualTo(effect.event());
        assertMatches(effect, decoded.args());
        assertThat(effect.args()).containsEntry("arg2", "3");
    }

    @Test
    void callsOnlyTheRelayerCanCarryHaveNoEffectToLookFor() {
        assertThat(effects.of(TOKEN, new TokenCalls().mint(HOLDER, BigInteger.ONE, "payment-1"))).isEmpty();
        assertThat(effects.of(TOKEN, new TokenCalls().transferWithPermit(HOLDER, ROUND, BigInteger.ONE,
                BigInteger.TEN, 27, new byte[32], new byte[32]))).isEmpty();
        assertThat(effects.of(ROUND, new RoundCalls().release())).isEmpty();
        assertThat(effects.of(ROUND, "0x")).isEmpty();
    }

    private static void assertMatches(SignedEffects.Effect effect, String argsJson) {
        try (var reader = Json.createReader(new StringReader(argsJson))) {
            var args = reader.readObject();
            effect.args().forEach((name, value) ->
                    assertThat(args.getString(name).toLowerCase()).as(name).isEqualTo(value.toLowerCase()));
        }
    }

    private static String topic(String address) {
        return "0x" + TypeEncoder.encode(new Address(address));
    }
}
