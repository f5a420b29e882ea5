package io.picktartup.round.entity;

/**
 * The mail a startup's CEO receives on every confirmed investment: who (name masked: the CEO learns that someone
 * invested, not who), how much, and where the round stands. Korean first, English under it.
 */
public record InvestmentMail(String subject, String body) {

    public static InvestmentMail toCeo(String startupName, FundingRound round, Investment investment,
                                       String investorName, long investors) {
        String masked = mask(investorName);
        String amount = investment.amount().tokens().toPlainString();
        String raised = round.raised().tokens().toPlainString();
        String goal = round.goal().tokens().toPlainString();
        String subject = "[Picktartup] %s: 새 투자 확정 / new investment confirmed (%s PKN)".formatted(round.name(), amount);
        String body = """
                %1$s 대표님,

                '%2$s' 라운드에 새 투자가 확정되었습니다.
                투자자: %3$s
                금액: %4$s PKN (₩%5$,d), %6$,d주
                현재 모집액: %7$s / 목표 %8$s PKN (%9$d%%), 투자자 %10$d명
                마감: %11$s

                ----

                A new investment into '%2$s' is confirmed on chain.
                Investor: %3$s
                Amount: %4$s PKN (₩%5$,d), %6$,d shares
                Raised so far: %7$s of %8$s PKN (%9$d%% of the goal), %10$d investors
                Deadline: %11$s
                Deposit transaction: %12$s

                Picktartup
                """.formatted(startupName, round.name(), masked, amount, investment.amountKrw(), investment.shares(),
                raised, goal, round.percentOfGoal(), investors, round.deadline(),
                investment.depositTxHash().orElse("-"));
        return new InvestmentMail(subject, body);
    }

    /** 김철수 → 김*수, Alice → A***e, 이나 → 이*: enough for the CEO to tell investors apart, not to identify them. */
    public static String mask(String name) {
        String n = name == null ? "" : name.strip();
        int[] cps = n.codePoints().toArray();
        if (cps.length <= 1) {
            return "*";
        }
        var out = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return out.append('*').toString();
        }
        out.append("*".repeat(cps.length - 2));
        return out.appendCodePoint(cps[cps.length - 1]).toString();
    }
}
