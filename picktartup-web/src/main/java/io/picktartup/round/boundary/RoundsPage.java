package io.picktartup.round.boundary;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;
import java.util.Optional;

/** Backing bean of the rounds list: open rounds first, with their progress. */
@Named
@RequestScoped
public class RoundsPage {

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    @EJB
    Rounds rounds;

    private List<RoundView> list;

    public List<RoundView> getRounds() {
        if (list == null) {
            list = rounds.list(Optional.empty(), 100).stream().map(RoundView::of).toList();
        }
        return list;
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
}
