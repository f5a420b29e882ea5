package io.picktartup.chain.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which key signs which intent, and how a queued intent follows its role's key. */
class IntentKindTest {

    @Test
    void onlyMintsUseTheMinterAndOnlyNewRoundsTheRoundCreator() {
        assertThat(IntentKind.MINT.signer()).isEqualTo(ChainRole.MINTER);
        // a failed payout's PKN minted back to its holder is a mint too
        assertThat(IntentKind.PAYOUT_RETURN.signer()).isEqualTo(ChainRole.MINTER);
        assertThat(IntentKind.ROUND_OPEN.signer()).isEqualTo(ChainRole.ROUND_CREATOR);
        // a recovery's second approval comes from the second agent's key, never the relayer's (the first agent)
        assertThat(IntentKind.RECOVERY_APPROVE.signer()).isEqualTo(ChainRole.SECOND_AGENT);
        assertThat(IntentKind.RECOVERY_REQUEST.signer()).isEqualTo(ChainRole.RELAYER);
        var relayed = EnumSet.complementOf(EnumSet.of(IntentKind.MINT, IntentKind.PAYOUT_RETURN, IntentKind.ROUND_OPEN,
                IntentKind.RECOVERY_APPROVE));
        assertThat(relayed).allSatisfy(kind -> assertThat(kind.signer()).isEqualTo(ChainRole.RELAYER));
        assertThat(Arrays.stream(IntentKind.values()).map(IntentKind::signer)).containsAll(EnumSet.allOf(ChainRole.class));
    }

    @Test
    void aQueuedIntentMovesToTheCurrentKeyUntilItIsSigned() {
        var now = Instant.parse("2026-01-01T00:00:00Z");
        var mint = new ChainTransaction("mint:p1", "mint", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x1234", java.math.BigInteger.TEN, now);
        assertThat(mint.signer()).isEqualTo(ChainRole.MINTER);
        mint.assignSigner("0x15D34AAF54267DB7D7C367839AAF71A00A2C6A65", now);
        assertThat(mint.fromAddress()).isEqualTo("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
        mint.signed(java.math.BigInteger.ZERO, java.math.BigInteger.ONE, "0x" + "ab".repeat(32), now);
        assertThatThrownBy(() -> mint.assignSigner("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", now))
                .isInstanceOf(IllegalStateException.class);
    }
}
