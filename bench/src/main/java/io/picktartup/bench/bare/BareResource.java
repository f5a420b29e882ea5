package io.picktartup.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One resource answering a small JSON document through JSON-B, as the platform's {@code GET /api/platform} does. */
@Path("platform")
public class BareResource {

    /** About the size and shape of the platform's answer. */
    public record About(String name, String version, String token, long chainId, boolean investmentsOpen) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public About about() {
        return new About("bare", "0.1.0", "PKN", 31337, true);
    }
}
