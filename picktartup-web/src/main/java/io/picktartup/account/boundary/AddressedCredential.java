package io.picktartup.account.boundary;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/**
 * Email and password as the login page hands them to the container, with the client address (for throttling) and,
 * back from the identity store, whether the attempt was refused for throttling and for how long.
 */
public class AddressedCredential extends UsernamePasswordCredential {

    private final String clientAddress;
    private volatile long retryAfterSeconds;
    private volatile String refusal;

    public AddressedCredential(String email, String password, String clientAddress) {
        super(email == null ? "" : email, password == null ? "" : password);
        this.clientAddress = clientAddress;
    }

    public String clientAddress() {
        return clientAddress;
    }

    void throttled(long seconds) {
        retryAfterSeconds = seconds;
    }

    void refused(String code) {
        refusal = code;
    }

    /** The code of a refusal after a right password (account.email-unverified, account.disabled); null otherwise. */
    public String refusal() {
        return refusal;
    }

    /** Seconds to wait when the attempt was throttled; zero otherwise. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
