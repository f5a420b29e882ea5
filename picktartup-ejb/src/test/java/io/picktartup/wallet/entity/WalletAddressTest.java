package io.picktartup.wallet.entity;

import io.picktartup.platform.entity.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalletAddressTest {

    @Test
    void checksumsSingleCaseAddressesAndChecksMixedCaseOnes() {
        // EIP-55's own example
        String checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        assertThat(new WalletAddress(checksummed.toLowerCase()).value()).isEqualTo(checksummed);
        assertThat(new WalletAddress(checksummed).value()).isEqualTo(checksummed);
        assertThatThrownBy(() -> new WalletAddress("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new WalletAddress("0x1234")).isInstanceOf(InvalidInputException.class);
    }
}
