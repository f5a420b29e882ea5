package io.picktartup.chain.entity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A pass's ends told together: each observer picks its own kinds, in the order they were recorded. */
class ChainTransactionsSettledTest {

    private static ChainTransactionSettled end(IntentKind kind, String reference, boolean confirmed) {
        return new ChainTransactionSettled(IntentKey.of(kind, reference), confirmed, Optional.of("0x" + reference),
                confirmed ? Optional.empty() : Optional.of("reverted"));
    }

    @Test
    void anObserverGetsItsKindsInRecordedOrder() {
        var pass = new ChainTransactionsSettled(List.of(end(IntentKind.MINT, "b", true),
                end(IntentKind.CASH_OUT, "11111111-1111-1111-1111-111111111111", true), end(IntentKind.MINT, "a", false),
                end(IntentKind.TRANSFER, "22222222-2222-2222-2222-222222222222", true)));

        assertThat(pass.of(IntentKind.MINT)).extracting(s -> s.key().reference()).containsExactly("b", "a");
        assertThat(pass.of(IntentKind.MINT).get(1).confirmed()).isFalse();
        assertThat(pass.of(IntentKind.CASH_OUT, IntentKind.TRANSFER)).extracting(s -> s.key().kind())
                .containsExactly(IntentKind.CASH_OUT, IntentKind.TRANSFER);
        assertThat(pass.of(IntentKind.ROUND_OPEN)).isEmpty();
        assertThat(pass.all()).hasSize(4);
    }

    @Test
    void whatWasToldCannotChangeAfterwards() {
        var ends = new ArrayList<>(List.of(end(IntentKind.MINT, "a", true)));
        var pass = new ChainTransactionsSettled(ends);
        ends.add(end(IntentKind.MINT, "b", true));

        assertThat(pass.all()).hasSize(1);
        assertThat(new ChainTransactionsSettled(List.of()).isEmpty()).isTrue();
    }
}
