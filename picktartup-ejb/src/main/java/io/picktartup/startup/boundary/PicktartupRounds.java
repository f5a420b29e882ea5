package io.picktartup.startup.boundary;

import java.util.List;
import java.util.UUID;

/**
 * A startup's own rounds for its funding history, as the round component tells them. Declared here and implemented
 * there: the round component depends on startup, so startup asks through this instead of reading the round's tables,
 * and the round's own rules decide each round's status as of now and whether it is open.
 */
public interface PicktartupRounds {

    /** The startup's rounds whose escrow exists (never a draft), in any order. */
    List<StartupDetail.Funding> of(UUID startupId);
}
