package io.picktartup.platform.boundary;

import io.picktartup.platform.control.DatabaseProbe;
import io.picktartup.platform.control.Settings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the platform tells anyone about itself: version, the token, the network, whether it takes investments. */
@Stateless
public class PlatformInfo {

    public static final String INVESTMENTS_OPEN = "platform.investments-open";

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

    public About about() {
        return new About("Picktartup", version, database.schemaVersion().orElse("unknown"), tokenSymbol, krwPerToken,
                chainId, settings.flag(INVESTMENTS_OPEN));
    }
}
