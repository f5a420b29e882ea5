package io.picktartup.round.entity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscrowStatusTest {

    /** The escrow's source (tests run in picktartup-ejb's folder). */
    private static final Path ESCROW = Path.of("..", "contracts", "src", "main", "solidity", "FundingRoundBase.sol");

    @Test
    void theNamesAreTheContractsInItsOrder() throws IOException {
        var matcher = Pattern.compile("enum\\s+Status\\s*\\{([^}]*)}").matcher(Files.readString(ESCROW));
        assertThat(matcher.find()).as("FundingRoundBase.sol declares enum Status").isTrue();
        var declared = Arrays.stream(matcher.group(1).split(",")).map(String::strip)
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
        assertThat(Arrays.stream(EscrowStatus.values()).map(Enum::name).toList()).isEqualTo(declared);
    }

    @Test
    void anOrdinalIsAStatusOrRefused() {
        assertThat(EscrowStatus.of(BigInteger.ZERO)).isEqualTo(EscrowStatus.FUNDING);
        assertThat(EscrowStatus.of(BigInteger.TWO)).isEqualTo(EscrowStatus.FAILED);
        assertThat(EscrowStatus.of(BigInteger.valueOf(3)).metGoal()).isTrue();
        assertThat(EscrowStatus.FAILED.isFinalised()).isTrue();
        assertThat(EscrowStatus.FAILED.metGoal()).isFalse();
        assertThatThrownBy(() -> EscrowStatus.of(BigInteger.valueOf(4))).isInstanceOf(IllegalArgumentException.class);
    }
}
