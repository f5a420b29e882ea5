package io.picktartup.chain.control;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token's calls encoded as the ABI says. */
class TokenCallsTest {

    @Test
    void balanceOfIsEncodedAsTheAbiEncoderWritesItWithItsSelectorHashedOnce() {
        var calls = new TokenCalls();
        for (String holder : List.of("0x0000000000000000000000000000000000000000",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
                "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")) {
            assertThat(calls.balanceOf(holder))
                    .isEqualTo(FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(holder)), List.of())))
                    .startsWith("0x70a08231")
                    .hasSize(2 + 8 + 64);
        }
    }

    @Test
    void aHolderThatIsNoAddressIsRefusedAsBefore() {
        assertThatThrownBy(() -> new TokenCalls().balanceOf("0x" + "1".repeat(42)))
                .isInstanceOf(RuntimeException.class);
    }
}
