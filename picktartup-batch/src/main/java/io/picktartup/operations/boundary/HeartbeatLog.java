package io.picktartup.operations.boundary;

import io.picktartup.platform.control.AuditTrail;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Records that the batch runtime ran a job end to end, in its own transaction. */
@Stateless
public class HeartbeatLog {

    @Inject
    AuditTrail audit;

    public void beat(long executionId, String trigger) {
        audit.record("system", "batch.heartbeat", "job_execution", Long.toString(executionId), null, trigger);
    }
}
