package io.picktartup.chain.control;

/** The node answered and refused the signed transaction (e.g. nonce too low, underpriced replacement). */
public class BroadcastRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BroadcastRefusedException(String message) {
        super(message);
    }

    public boolean nonceTooLow() {
        return getMessage() != null && getMessage().toLowerCase(java.util.Locale.ROOT).contains("nonce too low");
    }
}
