package io.picktartup.round.entity;

import io.picktartup.platform.entity.BusinessException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The investor's legal limit (per startup or per year, by category) has too little room left for this amount. */
public class InvestmentLimitExceededException extends BusinessException {

    private final String limit;
    private final long limitKrw;
    private final long remainingKrw;

    public InvestmentLimitExceededException(String limit, long limitKrw, long remainingKrw, long requestedKrw) {
        super("investment.limit-exceeded", 409, String.format(
                "This investment (₩%,d) exceeds your %s limit of ₩%,d: ₩%,d of room is left.",
                requestedKrw, limit.replace('-', ' '), limitKrw, remainingKrw));
        this.limit = limit;
        this.limitKrw = limitKrw;
        this.remainingKrw = remainingKrw;
    }

    public String limit() {
        return limit;
    }

    public long remainingKrw() {
        return remainingKrw;
    }

    @Override
    public Map<String, Object> extensions() {
        var facts = new LinkedHashMap<String, Object>();
        facts.put("limit", limit);
        facts.put("limitKrw", limitKrw);
        facts.put("remainingKrw", remainingKrw);
        return facts;
    }

    @Override
    public String title() {
        return "Investment limit exceeded";
    }
}
