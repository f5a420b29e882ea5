package io.picktartup.round.boundary;

import io.picktartup.platform.boundary.Language;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;

/**
 * The landing page's live part: the rounds open now (soonest deadline first, at most three) and the platform's
 * totals. Once any round exists the page stops speaking of a waitlist ("the first rounds open soon").
 */
@Named
@RequestScoped
public class FrontDoorPage {

    static final int SHOWN = 3;

    @EJB
    Rounds rounds;

    @Inject
    Language language;

    private List<RoundView> open;
    private List<RoundView> all;
    private Rounds.Totals totals;

    /** Up to three rounds taking investments now. */
    public List<RoundView> getOpenRounds() {
        if (open == null) {
            open = visible().stream().filter(RoundPages::open).filter(r -> r.secondsLeft() > 0).limit(SHOWN).toList();
        }
        return open;
    }

    /** Whether any round was ever shown to the public: then the page no longer speaks of the first rounds to come. */
    public boolean isRoundsExist() {
        return !visible().isEmpty();
    }

    public Rounds.Totals getTotals() {
        if (totals == null) {
            totals = rounds.totals();
        }
        return totals;
    }

    /** The PKN invested, as a figure ("12,345.5 PKN"). */
    public String getInvestedPkn() {
        return String.format(language.getLocale(), "%,f", getTotals().investedPkn().tokens())
                .replaceAll("\\.?0+$", "") + " PKN";
    }

    /** Its won value at the platform's rate, written the Korean way beside the full figure on Korean pages. */
    public String getInvestedWon() {
        return RoundPages.wonFor(getTotals().investedWon(), language.getCode());
    }

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public String left(long seconds) {
        return RoundPages.left(seconds, language.getCode());
    }

    public int bar(int percent) {
        return RoundPages.bar(percent);
    }

    private List<RoundView> visible() {
        if (all == null) {
            all = rounds.list(Optional.empty(), 20).stream().map(RoundView::of).toList();
        }
        return all;
    }
}
