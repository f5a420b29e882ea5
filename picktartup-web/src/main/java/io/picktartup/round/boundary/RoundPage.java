package io.picktartup.round.boundary;

import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.UUID;

/** Backing bean of a round's page: progress, terms, and the way to invest. */
@Named
@ViewScoped
public class RoundPage implements Serializable {

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    private static final long serialVersionUID = 1L;

    @EJB
    transient Rounds rounds;

    private String id;
    private RoundView round;

    /** Loads the round named by the {@code id} parameter; an unknown one shows "not found". */
    public void load() {
        try {
            round = RoundView.of(rounds.view(UUID.fromString(String.valueOf(id))));
        } catch (IllegalArgumentException | NotFoundException e) {
            round = null;
        } catch (EJBException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                throw e;
            }
            round = null;
        }
    }

    public RoundView getRound() {
        return round;
    }

    public boolean isFound() {
        return round != null;
    }

    public boolean isOpen() {
        return round != null && RoundPages.open(round);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String pkn(String plain) {
        return RoundPages.pkn(plain);
    }

    public String won(long krw) {
        return RoundPages.won(krw);
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
}
