package io.picktartup.coin.control;

import io.picktartup.coin.entity.CardHoldException;
import io.picktartup.wallet.control.OutflowRule;
import io.picktartup.wallet.entity.TokenAmount;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * PKN bought by card stay on the platform for {@code picktartup.coin.card-hold-hours} after the payment: they may be
 * invested, but a cash-out or a transfer off the platform must leave at least that many PKN spendable in the wallet.
 * So investing draws on the free PKN first (the safe side: a charge-back can still take what was bought).
 */
@Dependent
public class CardHold implements OutflowRule {

    @PersistenceContext
    EntityManager em;

    @Inject
    PayoutSettings settings;

    private record Held(TokenAmount amount, Instant until) {
    }

    @Override
    public void check(UUID accountId, Outflow outflow, TokenAmount amount, TokenAmount spendableAfter, Instant now) {
        var held = held(accountId, now);
        if (held.amount().isZero() || spendableAfter.compareTo(held.amount()) >= 0) {
            return;
        }
        var before = spendableAfter.plus(amount);
        var available = before.compareTo(held.amount()) > 0 ? before.minus(held.amount()) : TokenAmount.ZERO;
        throw new CardHoldException(available, held.amount(), held.until());
    }

    @Override
    public List<Standing> standing(UUID accountId, Instant now) {
        var held = held(accountId, now);
        if (held.amount().isZero()) {
            return List.of();
        }
        return List.of(new Standing("wallet.limit.card-hold", List.of(held.amount().plain(),
                java.util.Date.from(held.until()))));
    }

    private Held held(UUID accountId, Instant now) {
        var hold = settings.cardHold();
        var row = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(token_amount), 0), max(paid_at) from coin_order
                        where account_id = ?1 and paid_at > ?2 and status in ('PAID', 'MINTING', 'COMPLETED')""")
                .setParameter(1, accountId)
                .setParameter(2, now.minus(hold))
                .getSingleResult();
        var sum = row[0] instanceof BigDecimal d ? d.toBigInteger() : new BigInteger(row[0].toString());
        Instant last = now;
        if (row[1] instanceof Instant i) {
            last = i;
        } else if (row[1] instanceof Timestamp t) {
            last = t.toInstant();
        } else if (row[1] instanceof OffsetDateTime o) {
            last = o.toInstant();
        }
        return new Held(new TokenAmount(sum), last.plus(hold));
    }
}
