package io.picktartup.activity.boundary;

import io.picktartup.coin.entity.OrderStatus;
import io.picktartup.platform.entity.Caller;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A user's money history in one list, newest first: card purchases (coin orders), cash-outs, transfers sent (from the
 * outbox-backed transfer records), and PKN received from others (Transfer events indexed from the chain, excluding
 * mints and the user's own transfers). Read straight from the components' tables: this view owns no data.
 */
@Stateless
public class Activity {

    /** One movement: what, how much (PKN, decimal string; won for purchases), its status, when, and its transaction. */
    public record Entry(String kind, String direction, String pkn, Long krw, String status, Instant at, String txHash,
                        String counterparty, String reference) {
    }

    @PersistenceContext
    EntityManager em;

    /**
     * PKN on their way in: paid purchases whose mint is not final yet (not in the on-chain balance yet). What is on
     * its way out is the wallet's holds ({@code Spending.funds}).
     */
    public BigInteger pendingIncoming(UUID account) {
        Caller.requireOwner(context.getCallerPrincipal(), "Account", account);
        return units(em.createNativeQuery("""
                        select coalesce(sum(token_amount), 0) from coin_order where account_id = ?1 and status in (?2)""")
                .setParameter(1, account)
                .setParameter(2, OrderStatus.MINT_ON_ITS_WAY.stream().map(Enum::name).toList())
                .getSingleResult());
    }

    private static BigInteger units(Object value) {
        return value instanceof BigDecimal d ? d.toBigInteger() : new BigInteger(String.valueOf(value));
    }

    @Resource
    SessionContext context;

    @SuppressWarnings("unchecked")
    public List<Entry> of(UUID account, int max) {
        Caller.requireOwner(context.getCallerPrincipal(), "Account", account);
        List<Object[]> rows = em.createNativeQuery("""
                        select * from (
                          select 'PURCHASE' kind, 'IN' direction, o.token_amount amount, o.krw_amount krw, o.status,
                                 o.created_at at, o.tx_hash, null counterparty, o.payment_id reference
                          from coin_order o where o.account_id = ?1
                          union all
                          select 'TRANSFER', 'OUT', t.amount, null, t.status, t.created_at, t.tx_hash, t.to_address,
                                 cast(t.id as varchar)
                          from wallet_transfer t where t.account_id = ?1
                          union all
                          select 'CASH_OUT', 'OUT', c.amount, c.krw_amount, c.status, c.created_at, c.burn_tx_hash,
                                 c.account_masked, cast(c.id as varchar)
                          from cash_out c where c.account_id = ?1
                          union all
                          select 'TRANSFER', 'IN', cast(e.args::json ->> 'arg2' as numeric), null, 'CONFIRMED',
                                 e.indexed_at, e.tx_hash, e.args::json ->> 'arg0', cast(e.id as varchar)
                          from chain_event e join wallet_address w on lower(e.args::json ->> 'arg1') = w.address
                          where w.account_id = ?1 and e.event_name = 'Transfer' and not e.removed and e.is_final
                            and e.args::json ->> 'arg0' <> '0x0000000000000000000000000000000000000000'
                        ) movements order by at desc limit ?2""")
                .setParameter(1, account)
                .setParameter(2, max)
                .getResultList();
        return rows.stream().map(r -> new Entry((String) r[0], (String) r[1], pkn(r[2]),
                r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], instant(r[5]), (String) r[6],
                (String) r[7], (String) r[8])).toList();
    }

    private static String pkn(Object baseUnits) {
        BigInteger units = baseUnits instanceof BigDecimal d ? d.toBigInteger() : new BigInteger(String.valueOf(baseUnits));
        return new io.picktartup.wallet.entity.TokenAmount(units).plain();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(String.valueOf(value));
    }
}
