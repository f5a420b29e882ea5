package io.picktartup.round.entity;

import io.picktartup.wallet.entity.TokenAmount;

/** The mails a settled round sends: to its CEO, and to each investor (released, or refunded). Korean, then English. */
public record SettlementMail(String subject, String body) {

    public static SettlementMail toCeo(String startupName, FundingRound round, boolean released) {
        String raised = round.raised().tokens().toPlainString();
        return released
                ? new SettlementMail("[Picktartup] %s: 목표 달성, 투자금 지급 / goal met, funds released".formatted(round.name()),
                """
                %1$s 대표님,

                '%2$s' 라운드가 목표를 달성했습니다. 모집액 %3$s PKN이 회사 지갑으로 지급되었습니다.
                거래: %4$s

                ----

                '%2$s' met its goal: %3$s PKN were released to the company's wallet.
                Transaction: %4$s

                Picktartup
                """.formatted(startupName, round.name(), raised, round.settleTxHash().orElse("-")))
                : new SettlementMail("[Picktartup] %s: 목표 미달, 전액 환불 / goal missed, investors refunded".formatted(round.name()),
                """
                %1$s 대표님,

                '%2$s' 라운드는 목표에 도달하지 못해 모든 투자자에게 투자금이 환불되었습니다.

                ----

                '%2$s' did not reach its goal; every investor has been refunded.

                Picktartup
                """.formatted(startupName, round.name()));
    }

    public static SettlementMail toInvestor(String startupName, FundingRound round, String investorName,
                                            TokenAmount amount, boolean released) {
        String pkn = amount.tokens().toPlainString();
        return released
                ? new SettlementMail("[Picktartup] %s %s: 투자 성사 / your investment is in".formatted(startupName, round.name()),
                """
                %1$s님,

                %2$s의 '%3$s' 라운드가 목표를 달성해 투자(%4$s PKN)가 성사되었습니다.

                ----

                %2$s's round '%3$s' met its goal: your investment of %4$s PKN is in.

                Picktartup
                """.formatted(investorName, startupName, round.name(), pkn))
                : new SettlementMail("[Picktartup] %s %s: 환불 완료 / refunded".formatted(startupName, round.name()),
                """
                %1$s님,

                %2$s의 '%3$s' 라운드가 목표에 도달하지 못해 투자금 %4$s PKN이 지갑으로 환불되었습니다.

                ----

                %2$s's round '%3$s' missed its goal: your %4$s PKN are back in your wallet.

                Picktartup
                """.formatted(investorName, startupName, round.name(), pkn));
    }
}
