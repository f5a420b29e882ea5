package io.picktartup.operations.entity;

import io.picktartup.platform.entity.BusinessException;

/** An operation the execution's state does not allow: stopping a finished one, abandoning a running one… */
public class JobStateException extends BusinessException {

    public JobStateException(long executionId, String operation, String state) {
        super("job.state", 409, "Execution " + executionId + " cannot be " + operation + " while it is " + state + ".");
    }

    @Override
    public String title() {
        return "Not in this state";
    }
}
