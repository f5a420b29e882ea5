package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.boundary.PageProblems;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Backing bean of /ceo/round: one round as its CEO follows it: open a draft (its status while the escrow is mined),
 * progress (live, like the public round page), its investors (names masked as in the mails) and the mails it sent.
 */
@Named
@ViewScoped
public class CeoRoundPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient Rounds rounds;

    @EJB
    transient Investments investments;

    @Inject
    Language language;

    private String id;
    private transient RoundView round;
    private transient List<Investments.InvestorLine> investors;
    private transient List<Investments.RoundMail> mails;

    public void load() {
        try {
            var roundId = UUID.fromString(String.valueOf(id));
            var view = rounds.view(roundId);
            // the round's own CEO only (an admin too): anyone else sees "not found", as for a draft
            investors = investments.investorsOf(roundId);
            mails = investments.mailsOf(roundId);
            round = RoundView.of(view);
        } catch (RuntimeException e) {
            round = null;
        }
    }

    public String open() {
        var context = FacesContext.getCurrentInstance();
        try {
            rounds.open(UUID.fromString(id));
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        PageProblems.done(context, null, "ceo.round-opening", language.getLocale());
        return "/ceo/round?faces-redirect=true&id=" + id;
    }

    public RoundView getRound() {
        return round;
    }

    public boolean isFound() {
        return round != null;
    }

    public boolean isDraft() {
        return round != null && "DRAFT".equals(round.status());
    }

    /** The page follows the round live while it is being opened or takes investments. */
    public boolean isLive() {
        return round != null && ("OPENING".equals(round.status()) || "OPEN".equals(round.status()));
    }

    public List<Investments.InvestorLine> getInvestors() {
        return investors;
    }

    public List<Investments.RoundMail> getMails() {
        return mails;
    }

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public String pknOf(io.picktartup.wallet.entity.TokenAmount amount) {
        return RoundPages.pkn(amount.tokens().toPlainString());
    }

    public String won(long krw) {
        return RoundPages.wonFor(krw, language.getCode());
    }

    /** What an amount of PKN is worth in won at the round's rate. */
    public String wonOfPkn(String plain) {
        return won(new java.math.BigDecimal(plain).multiply(java.math.BigDecimal.valueOf(round.wonPerToken()))
                .setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    }

    public String seoul(java.time.Instant instant) {
        return RoundPages.seoul(instant);
    }

    public String left(long seconds) {
        return RoundPages.left(seconds, language.getCode());
    }

    public int bar(int percent) {
        return RoundPages.bar(percent);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
}
