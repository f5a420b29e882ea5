package io.picktartup.operations.boundary;

import io.picktartup.round.boundary.RoundAudit;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Reads the settled rounds that have no verdict since their settlement; the checkpoint is the position read. */
@Named("reconcileReader")
@Dependent
public class ReconcileReader extends AbstractItemReader {

    @EJB
    RoundAudit audits;

    private List<UUID> rounds;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        rounds = audits.settledButNotReconciled(1_000);
        next = 0; // a restart reads the rounds still without a verdict again: those already done are not among them
    }

    @Override
    public Object readItem() {
        return next < rounds.size() ? rounds.get(next++) : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
