package io.picktartup.coin.control;

import io.picktartup.wallet.control.OutflowRule;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.VelocityLimitException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Per-account daily limits on cash-outs: at most {@code picktartup.coin.cash-out-daily-max-krw} won and
 * {@code picktartup.coin.cash-out-daily-max-count} cash-outs in any 24 hours (a cash-out whose burn failed does not
 * count; a returned one does). Checked under the wallet's lock.
 */
@Dependent
public class CashOutVelocity implements OutflowRule {

    private static final Duration DAY = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    PayoutSettings settings;

    @Inject
    CoinSettings coins;

    @Override
    public void check(UUID accountId, Outflow outflow, TokenAmount amount, TokenAmount spendableAfter, Instant now) {
        if (outflow != Outflow.CASH_OUT) {
            return;
        }
        var used = used(accountId, now);
        long won = amount.inWon(coins.wonPerToken()).value();
        long limit = settings.cashOutDailyMaxKrw().value();
        if (used[1] + 1 > settings.cashOutDailyMaxCount() || used[0] + won > limit) {
            throw new VelocityLimitException("coin.cash-out-limit", "cash-outs", Long.toString(used[0]),
                    Long.toString(limit), "KRW", used[1], settings.cashOutDailyMaxCount());
        }
    }

    @Override
    public List<Standing> standing(UUID accountId, Instant now) {
        var used = used(accountId, now);
        return List.of(new Standing("wallet.limit.cash-outs", List.of(used[0], settings.cashOutDailyMaxKrw().value(),
                used[1], settings.cashOutDailyMaxCount())));
    }

    /** Won cashed out and how many cash-outs, in the 24 hours before {@code now}. */
    private long[] used(UUID accountId, Instant now) {
        var row = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(krw_amount), 0), count(*) from cash_out
                        where account_id = ?1 and created_at > ?2 and status <> 'FAILED'""")
                .setParameter(1, accountId)
                .setParameter(2, now.minus(DAY))
                .getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }
}
