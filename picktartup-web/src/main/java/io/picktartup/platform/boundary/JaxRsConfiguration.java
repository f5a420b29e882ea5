package io.picktartup.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/** The REST API lives under {@code /api}; its OpenAPI description is served at {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "Picktartup API", version = "1",
                description = "Invest in fractions of unlisted startups with the PKN token. Every error is an "
                        + "RFC 9457 application/problem+json document with a stable `code`.",
                license = @License(name = "Proprietary")),
        servers = @Server(url = "/", description = "this server"))
public class JaxRsConfiguration extends Application {
}
