package io.picktartup.chain.control;

/** The node could not be reached or gave no usable answer; nothing was decided, the caller retries later. */
public class ChainUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
