package io.picktartup.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("platform")
@ApplicationScoped
@Tag(name = "Platform", description = "What this deployment is")
public class PlatformResource {

    @Inject
    PlatformInfo info;

    @SecurityRequirementsSet // public: an empty requirement set, no token needed
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Version, token, network, and whether investments are open")
    public PlatformInfo.About about() {
        var fresh = PlatformInfo.fresh();
        return fresh != null ? fresh : info.about();
    }
}
