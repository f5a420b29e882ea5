package io.picktartup.operations.boundary;

import io.picktartup.chain.control.ChainProgress;
import io.picktartup.round.boundary.Settlement;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Drives every due round through its settlement, one idempotent step per call (each its own transaction: a batchlet
 * runs outside any), waiting for the chain between steps, until every round is settled or the time is up (then the
 * job fails and a restart carries on where the chain and the database stand).
 */
@Named("roundSettlementBatchlet")
@Dependent
public class RoundSettlementBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(RoundSettlementBatchlet.class.getName());

    @EJB
    Settlement settlement;

    /** Ends a wait for the chain as soon as the ledger moved (a confirmation, an indexed step), not after a tick. */
    @Inject
    ChainProgress chainProgress;

    /** This execution's lease: a member that lost it stops (another member took the settlement over). */
    @EJB
    JobWatchdog watchdog;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty(name = "timeoutSeconds")
    String timeoutSeconds;

    private volatile boolean stopping;

    /** The longest wait between two looks at a round that waits for the chain. */
    private static final Duration WAIT = Duration.ofMillis(100);

    @Override
    public String process() throws Exception {
        var until = Instant.now().plus(Duration.ofSeconds(Long.parseLong(timeoutSeconds == null || timeoutSeconds.isBlank()
                ? "900" : timeoutSeconds)));
        var settled = new HashSet<UUID>();
        var seen = new HashSet<UUID>();
        int steps = 0;
        while (!stopping) {
            if (watchdog.takenOver(job.getExecutionId())) {
                throw new IllegalStateException("execution " + job.getExecutionId() + " lost its lease: another member"
                        + " took the settlement over");
            }
            // read before the steps look at the database: a move while they do ends the wait below at once
            long seenMoves = chainProgress.seen();
            var due = settlement.due(200);
            if (due.isEmpty()) {
                break;
            }
            boolean moved = false;
            for (UUID round : due) {
                if (watchdog.takenOver(job.getExecutionId())) {
                    throw new IllegalStateException("execution " + job.getExecutionId() + " lost its lease: another"
                            + " member took the settlement over");
                }
                seen.add(round);
                var progress = settlement.advance(round);
                if (progress == Settlement.Progress.SETTLED) {
                    settled.add(round);
                }
                if (progress != Settlement.Progress.WAITING) {
                    moved = true;
                    steps++;
                }
            }
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("rounds still unsettled after " + timeoutSeconds + " s: "
                        + settlement.due(200) + "; restart the job once the chain confirms");
            }
            if (!moved) {
                // waiting for the chain (a confirmation takes a block or two, the index a step): the next look comes
                // when this instance's dispatcher or indexer committed something, at the latest after 100 ms
                chainProgress.awaitAfter(seenMoves, WAIT);
            }
        }
        String summary = "SETTLED " + settled.size() + " of " + seen.size() + " round(s) in " + steps + " step(s)";
        LOG.info(() -> "Execution " + job.getExecutionId() + ": " + summary);
        job.setExitStatus(summary);
        return summary;
    }

    @Override
    public void stop() {
        stopping = true;
    }
}
