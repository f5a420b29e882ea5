package io.picktartup.platform.boundary;

import io.picktartup.platform.control.JsonLogFile;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the JSON log ({@link JsonLogFile}) to the root logger while the application runs, so every event of the
 * server and the application (and the access log) is also one JSON line in {@code picktartup.log.json-file}
 * (default: {@code logs/picktartup.json.log} under the server's instance root; {@code off} turns it off), at
 * {@code picktartup.log.json-level} (INFO) and above. Removed again when the application stops.
 * <p>
 * The access log (logger {@code io.picktartup.access}, a line per request) goes to the JSON log only, not also to the
 * server's console log: Payara's console handler writes and flushes each line under one lock, and on a busy server
 * the requests queued on it (bench/request.sh's profile). Without the JSON log it stays with the server's handlers.
 */
@WebListener
public class JsonLogging implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(JsonLogging.class.getName());
    /** Held strongly: a logger only referenced by name may be collected, and its settings with it. */
    private static final Logger ACCESS = Logger.getLogger("io.picktartup.access");
    private JsonLogFile handler;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var config = ConfigProvider.getConfig();
        String file = config.getOptionalValue("picktartup.log.json-file", String.class).orElseGet(() ->
                Path.of(System.getProperty("com.sun.aas.instanceRoot", "."), "logs", "picktartup.json.log").toString());
        if (file.isBlank() || "off".equalsIgnoreCase(file.trim())) {
            LOG.info("JSON log off (picktartup.log.json-file=off)");
            return;
        }
        var level = Level.parse(config.getOptionalValue("picktartup.log.json-level", String.class).orElse("INFO"));
        handler = new JsonLogFile(Path.of(file.trim()), level);
        Logger.getLogger("").addHandler(handler);
        ACCESS.addHandler(handler);
        ACCESS.setUseParentHandlers(false);
        LOG.info(() -> "JSON log at " + handler.file());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (handler != null) {
            Logger.getLogger("").removeHandler(handler);
            ACCESS.removeHandler(handler);
            ACCESS.setUseParentHandlers(true);
            handler.close();
        }
    }
}
