package io.picktartup.platform.boundary;

import io.picktartup.platform.control.DatabaseProbe;
import io.picktartup.platform.control.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the platform tells anyone about itself: version, the token, the network, whether it takes investments. The
 * answer is read at most once a second ({@link #FRESH_NANOS}) and shared by every caller meanwhile: it is the cheapest
 * public call, polled by pages and load balancers, and its two database reads were nearly all its cost (bench/request.sh).
 * A change of the investments flag or of the schema shows within that second.
 */
@Stateless
public class PlatformInfo {

    public static final String INVESTMENTS_OPEN = "platform.investments-open";
    static final long FRESH_NANOS = 1_000_000_000L;

    /** The last answer and when it stops being fresh (System.nanoTime); shared by every instance of the pool. */
    private record Cached(About about, long freshUntil) {
    }

    private static volatile Cached cached;

    /** The public facts of this deployment. */
    public record About(String name, String version, String schemaVersion, String tokenSymbol, long krwPerToken,
                        long chainId, boolean investmentsOpen) {
    }

    @Inject
    DatabaseProbe database;

    @Inject
    Settings settings;

    @Inject
    @ConfigProperty(name = "picktartup.version", defaultValue = "dev")
    String version;

    @Inject
    @ConfigProperty(name = "picktartup.token.symbol")
    String tokenSymbol;

    @Inject
    @ConfigProperty(name = "picktartup.token.krw-per-token")
    long krwPerToken;

    @Inject
    @ConfigProperty(name = "picktartup.chain.id")
    long chainId;

    /**
     * The shared answer while it is fresh, else null (then call {@link #about()}): for the resource, which thereby
     * skips the container's call into this bean on all but one request a second.
     */
    public static About fresh() {
        var last = cached;
        return last != null && System.nanoTime() - last.freshUntil() < 0 ? last.about() : null;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public About about() {
        var last = cached;
        long now = System.nanoTime();
        if (last != null && now - last.freshUntil() < 0) {
            return last.about();
        }
        var about = read();
        cached = new Cached(about, now + FRESH_NANOS);
        return about;
    }

    private About read() {
        return new About("Picktartup", version, database.schemaVersion().orElse("unknown"), tokenSymbol, krwPerToken,
                chainId, settings.flag(INVESTMENTS_OPEN));
    }
}
