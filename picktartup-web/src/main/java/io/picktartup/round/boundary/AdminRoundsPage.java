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
import java.util.Optional;
import java.util.UUID;

/**
 * Backing bean of the admins' rounds page: every round (drafts aside) with its status, progress, deadline and the
 * latest reconciliation verdict with its findings; "reconcile now" makes the same call as the REST reconcile.
 */
@Named
@ViewScoped
public class AdminRoundsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A round and its stored verdict. */
    public record Row(RoundView round, RoundAudit.Reconciliation verdict) {
    }

    @EJB
    Rounds rounds;

    @EJB
    RoundAudit audits;

    @Inject
    Language language;

    private transient List<Row> rows;

    public List<Row> getRows() {
        if (rows == null) {
            rows = rounds.list(Optional.empty(), 200).stream().map(RoundView::of)
                    .map(r -> new Row(r, audits.verdict(UUID.fromString(r.id())))).toList();
        }
        return rows;
    }

    public void reconcile(String roundId) {
        var context = FacesContext.getCurrentInstance();
        try {
            audits.reconcile(UUID.fromString(roundId));
            PageProblems.done(context, null, "admin-rounds.reconciled", language.getLocale());
        } catch (RuntimeException e) {
            if (!PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
        }
        rows = null;
    }

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public int bar(int percent) {
        return RoundPages.bar(percent);
    }
}
