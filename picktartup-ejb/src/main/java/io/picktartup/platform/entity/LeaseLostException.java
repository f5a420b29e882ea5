package io.picktartup.platform.entity;

/** This instance no longer holds a worker's lease (another took it over): the work it was about to do is refused. */
public class LeaseLostException extends UnavailableException {

    public LeaseLostException(String worker) {
        super("worker.lease-lost", "This instance no longer holds the lease of " + worker);
    }
}
