package io.picktartup.platform.boundary;

import io.picktartup.coin.entity.CashOut;
import io.picktartup.coin.entity.OrderStatus;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.round.entity.Investment;
import io.picktartup.round.entity.RoundLedger;
import io.picktartup.wallet.entity.WalletTransfer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every status a page shows has a label in Korean and in English, taken from the enums themselves. */
class LabelsTest {

    private static final Map<String, List<String>> SHOWN = Map.ofEntries(
            Map.entry("investment", names(Investment.Status.values())),
            Map.entry("round", names(FundingRound.Status.values())),
            Map.entry("order", names(OrderStatus.values())),
            Map.entry("transfer", names(WalletTransfer.Status.values())),
            Map.entry("cash-out", names(CashOut.Status.values())),
            Map.entry("audit", names(RoundLedger.Kind.values())),
            Map.entry("movement", List.of("PURCHASE", "TRANSFER", "CASH_OUT")),
            Map.entry("direction", List.of("IN", "OUT")),
            Map.entry("verdict", List.of("OK", "MISMATCH", "PENDING")),
            Map.entry("batch", names(jakarta.batch.runtime.BatchStatus.values())),
            Map.entry("mail", names(io.picktartup.mail.entity.MailMessage.Status.values())),
            Map.entry("notice", names(io.picktartup.coin.entity.PaymentNotice.Outcome.values())),
            Map.entry("payout", names(io.picktartup.coin.entity.Payout.Status.values())));

    @Test
    void everyShownStatusHasAKoreanAndAnEnglishLabel() {
        SHOWN.forEach((group, values) -> values.forEach(value -> {
            String korean = Labels.of(group, value, Locale.KOREAN);
            String english = Labels.of(group, value, Locale.ENGLISH);
            assertThat(korean).as("ko status." + group + "." + value).isNotEqualTo(value).containsPattern("[가-힣]");
            assertThat(english).as("en status." + group + "." + value).isNotEqualTo(value).isNotBlank();
        }));
    }

    @Test
    void everySsiReasonIsSaidInKoreanAndEnglishWithItsFacts() {
        for (var reason : io.picktartup.ssi.entity.SsiReason.values()) {
            for (var locale : List.of(Locale.KOREAN, Locale.ENGLISH)) {
                String text = java.util.ResourceBundle.getBundle(ProblemMessages.BUNDLE, locale)
                        .getString("ssi.reason." + reason.name());
                long facts = reason.say("x", "y").chars().filter(c -> c == 'x' || c == 'y').count()
                        - reason.say("", "").chars().filter(c -> c == 'x' || c == 'y').count();
                for (int i = 0; i < facts; i++) {
                    assertThat(text).as(locale + " ssi.reason." + reason.name()).contains("{" + i + "}");
                }
                if (locale == Locale.KOREAN) {
                    assertThat(text).containsPattern("[가-힣]");
                }
            }
        }
    }

    @Test
    void anUnknownStatusShowsItsCodeRatherThanNothing() {
        assertThat(Labels.of("investment", "SOMETHING_NEW", Locale.KOREAN)).isEqualTo("SOMETHING_NEW");
        assertThat(Labels.of("investment", null, Locale.KOREAN)).isEmpty();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void theListingAndMailStatusesTheCeoPagesShowHaveKoreanAndEnglishLabels() {
        Map.of("listing", names(io.picktartup.startup.entity.StartupListing.Status.values()),
                "mail", names(io.picktartup.mail.entity.MailMessage.Status.values())).forEach((group, values) ->
                values.forEach(value -> {
                    assertThat(Labels.of(group, value, Locale.KOREAN)).as("ko status." + group + "." + value)
                            .isNotEqualTo(value).containsPattern("[가-힣]");
                    assertThat(Labels.of(group, value, Locale.ENGLISH)).as("en status." + group + "." + value)
                            .isNotEqualTo(value).isNotBlank();
                }));
    }
}
