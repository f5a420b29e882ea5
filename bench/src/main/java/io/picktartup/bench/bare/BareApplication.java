package io.picktartup.bench.bare;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The floor of a request: a bare JAX-RS application (no filters, no security, no CDI beans of its own, no database)
 * that {@code RequestFloor} packs into a WAR at run time and deploys on the same Payara Micro as the platform.
 */
@ApplicationPath("api")
public class BareApplication extends Application {
}
