package io.picktartup.operations.boundary;

import io.picktartup.round.boundary.RoundAudit;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reconciles each settled round with its escrow once the indexer has read its last movement (PENDING until then,
 * waited for up to a minute), and adds the verdicts to the job's exit status. A mismatch is recorded and alerted by
 * the reconciliation itself; the job goes on with the next round. A round whose escrow cannot be read is skipped
 * (the step's skip count) and reconciled by the next run.
 */
@Named("reconcileWriter")
@Dependent
public class ReconcileWriter extends AbstractItemWriter {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @EJB
    RoundAudit audits;

    @Inject
    JobContext job;

    private int ok;
    private int mismatch;
    private int pending;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        for (Object item : items) {
            UUID round = (UUID) item;
            var until = Instant.now().plus(PATIENCE);
            var verdict = audits.reconcile(round);
            while ("PENDING".equals(verdict.verdict()) && Instant.now().isBefore(until)) {
                Thread.sleep(250);
                verdict = audits.reconcile(round);
            }
            switch (verdict.verdict()) {
                case "OK" -> ok++;
                case "MISMATCH" -> mismatch++;
                default -> pending++;
            }
        }
    }

    @Override
    public void close() {
        String settled = job.getExitStatus() == null ? "" : job.getExitStatus() + "; ";
        job.setExitStatus(settled + "reconciled " + ok + " OK, " + mismatch + " MISMATCH"
                + (pending > 0 ? ", " + pending + " not yet indexed" : ""));
    }
}
