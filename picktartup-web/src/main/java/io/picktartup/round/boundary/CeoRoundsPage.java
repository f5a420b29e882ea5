package io.picktartup.round.boundary;

import io.picktartup.coin.control.CoinSettings;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.wallet.entity.TokenAmount;
import io.picktartup.wallet.entity.Won;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Backing bean of /ceo/rounds: the startup's rounds (drafts too) and the form to draft one, every field checked by
 * {@link Rounds#draft} as the API's, amounts shown in PKN and in won (the Korean way on Korean pages).
 */
@Named
@ViewScoped
public class CeoRoundsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @EJB
    transient Rounds rounds;

    @Inject
    transient CoinSettings coin;

    @Inject
    Language language;

    private String startup;
    private transient List<RoundView> list;
    private boolean found;
    private String name;
    private String goal;
    private String hardCap;
    private String minInvestment;
    private String pricePerShareKrw;
    private String preMoneyValuationKrw;
    private String deadline;
    private String terms;

    public void load() {
        try {
            list = rounds.ofStartup(UUID.fromString(String.valueOf(startup))).stream().map(RoundView::of).toList();
            found = true;
        } catch (RuntimeException e) {
            // not a startup of the caller's (or no id): nothing to show, as for anyone else
            list = List.of();
            found = false;
        }
    }

    public List<RoundView> getRounds() {
        if (list == null) {
            load();
        }
        return list;
    }

    public boolean isFound() {
        getRounds();
        return found;
    }

    public String draft() {
        var context = FacesContext.getCurrentInstance();
        FundingRound drafted;
        try {
            var problems = new ArrayList<InvalidInputException.Violation>();
            var draft = new FundingRound.Draft(name, pkn(problems, "goal", goal), pkn(problems, "hardCap", hardCap),
                    pkn(problems, "minInvestment", minInvestment), won(problems, "pricePerShareKrw", pricePerShareKrw),
                    won(problems, "preMoneyValuationKrw", preMoneyValuationKrw), instant(problems, deadline), terms);
            if (!problems.isEmpty()) {
                // what did not parse is named; the draft's own rules name every other field in the same answer
                draft.problems(java.time.Instant.now(), coin.wonPerToken()).stream()
                        .filter(p -> problems.stream().noneMatch(q -> q.field().equals(p.field())))
                        .forEach(problems::add);
                InvalidInputException.refuseIfAny(problems);
            }
            drafted = rounds.draft(UUID.fromString(startup), draft);
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, "ceo.round-drafted", language.getLocale());
        return "/ceo/round?faces-redirect=true&id=" + drafted.id();
    }

    /** "100 PKN (₩100,000)": an amount of PKN with its worth in won at the platform's rate. */
    public String pknAndWon(String plain) {
        return RoundPages.pkn(plain) + " · " + RoundPages.wonFor(wonOf(plain), language.getCode());
    }

    /** The won a typed amount of PKN is worth, for the form's preview (empty when it is not an amount). */
    public String preview(String plain) {
        try {
            return RoundPages.wonFor(wonOf(plain), language.getCode());
        } catch (RuntimeException e) {
            return "";
        }
    }

    public String won(long krw) {
        return RoundPages.wonFor(krw, language.getCode());
    }

    public long getWonPerToken() {
        return coin.wonPerToken();
    }

    public String seoul(java.time.Instant instant) {
        return RoundPages.seoul(instant);
    }

    private long wonOf(String plain) {
        return new BigDecimal(plain.strip()).multiply(BigDecimal.valueOf(coin.wonPerToken()))
                .setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    private static TokenAmount pkn(List<InvalidInputException.Violation> problems, String field, String text) {
        try {
            return TokenAmount.parse(field, text == null ? null : text.strip());
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
            return null;
        }
    }

    private static Long won(List<InvalidInputException.Violation> problems, String field, String text) {
        try {
            return Won.parse(field, text == null ? null : text.strip().replace(",", "")).value();
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
            return null;
        }
    }

    /** A datetime-local value ("2026-12-24T18:00"), in Seoul. */
    private static java.time.Instant instant(List<InvalidInputException.Violation> problems, String text) {
        try {
            return LocalDateTime.parse(String.valueOf(text).strip()).atZone(SEOUL).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new InvalidInputException.Violation("deadline", "must be a date and time (Seoul)"));
            return null;
        }
    }

    public String getStartup() { return startup; }
    public void setStartup(String startup) { this.startup = startup; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getGoal() { return goal; }
    public void setGoal(String goal) { this.goal = goal; }
    public String getHardCap() { return hardCap; }
    public void setHardCap(String hardCap) { this.hardCap = hardCap; }
    public String getMinInvestment() { return minInvestment; }
    public void setMinInvestment(String minInvestment) { this.minInvestment = minInvestment; }
    public String getPricePerShareKrw() { return pricePerShareKrw; }
    public void setPricePerShareKrw(String pricePerShareKrw) { this.pricePerShareKrw = pricePerShareKrw; }
    public String getPreMoneyValuationKrw() { return preMoneyValuationKrw; }
    public void setPreMoneyValuationKrw(String preMoneyValuationKrw) { this.preMoneyValuationKrw = preMoneyValuationKrw; }
    public String getDeadline() { return deadline; }
    public void setDeadline(String deadline) { this.deadline = deadline; }
    public String getTerms() { return terms; }
    public void setTerms(String terms) { this.terms = terms; }
}
