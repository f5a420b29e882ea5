package io.picktartup.wallet.control;

import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.VelocityLimitException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Per-account daily limits on transfers off the platform: at most {@code picktartup.wallet.transfer-daily-max-pkn}
 * PKN and {@code picktartup.wallet.transfer-daily-max-count} transfers in any 24 hours (failed transfers do not
 * count). Checked under the wallet's lock, so two concurrent transfers cannot both slip under the limit.
 */
@Dependent
public class TransferVelocity implements OutflowRule {

    static final Duration DAY = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.transfer-daily-max-pkn", defaultValue = "2000")
    BigDecimal maxPkn;

    @Inject
    @ConfigProperty(name = "picktartup.wallet.transfer-daily-max-count", defaultValue = "10")
    int maxCount;

    @Override
    public void check(UUID accountId, Outflow outflow, TokenAmount amount, TokenAmount spendableAfter, Instant now) {
        if (outflow != Outflow.TRANSFER) {
            return;
        }
        var used = used(accountId, now);
        var limit = TokenAmount.ofTokens(maxPkn);
        if (used.count() + 1 > maxCount || used.amount().plus(amount).compareTo(limit) > 0) {
            throw new VelocityLimitException("wallet.transfer-limit", "transfers off the platform",
                    used.amount().tokens().toPlainString(), limit.tokens().toPlainString(), "PKN",
                    used.count(), maxCount);
        }
    }

    @Override
    public List<Standing> standing(UUID accountId, Instant now) {
        var used = used(accountId, now);
        return List.of(new Standing("wallet.limit.transfers", List.of(used.amount().plain(),
                TokenAmount.ofTokens(maxPkn).plain(), used.count(), maxCount)));
    }

    private record Used(TokenAmount amount, long count) {
    }

    private Used used(UUID accountId, Instant now) {
        var row = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(amount), 0), count(*) from wallet_transfer
                        where account_id = ?1 and created_at > ?2 and status <> 'FAILED'""")
                .setParameter(1, accountId)
                .setParameter(2, now.minus(DAY))
                .getSingleResult();
        var sum = row[0] instanceof BigDecimal d ? d.toBigInteger() : new BigInteger(row[0].toString());
        return new Used(new TokenAmount(sum), ((Number) row[1]).longValue());
    }
}
