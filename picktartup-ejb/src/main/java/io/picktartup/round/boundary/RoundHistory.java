package io.picktartup.round.boundary;

import io.picktartup.platform.control.Clock;
import io.picktartup.round.entity.FundingRound;
import io.picktartup.startup.boundary.PicktartupRounds;
import io.picktartup.startup.boundary.StartupDetail;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.UUID;

/**
 * The round component's answer to a startup's funding history ({@link PicktartupRounds}): every round whose escrow
 * exists, with its status as of business time, so a round past its deadline reads CLOSED and is not open even
 * before the settlement has run.
 */
@Stateless
@PermitAll
public class RoundHistory implements PicktartupRounds {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Override
    public List<StartupDetail.Funding> of(UUID startupId) {
        var now = clock.now();
        return em.createQuery("select r from FundingRound r where r.startupId = :startup and r.status in :opened",
                        FundingRound.class)
                .setParameter("startup", startupId)
                .setParameter("opened", FundingRound.Status.OPENED)
                .getResultList().stream()
                .map(r -> StartupDetail.picktartup(r.id().toString(), r.name(), r.openedAt().orElse(r.createdAt()),
                        r.raised().baseUnits(), r.wonPerToken(), r.statusAt(now).name(), r.isOpenAt(now),
                        r.percentOfGoal(), r.deadline()))
                .toList();
    }
}
