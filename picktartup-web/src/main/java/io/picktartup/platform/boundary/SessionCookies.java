package io.picktartup.platform.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;

/**
 * The session cookie's {@code Secure} flag, from {@code picktartup.http.secure-cookie} (on by default: production
 * is served over TLS; the dev launcher, on plain HTTP on this machine, turns it off). HttpOnly and SameSite are in
 * web.xml.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean secure = ConfigProvider.getConfig().getOptionalValue("picktartup.http.secure-cookie", Boolean.class)
                .orElse(true);
        event.getServletContext().getSessionCookieConfig().setSecure(secure);
        if (!secure) {
            LOG.warning("Session cookies are sent without the Secure flag (picktartup.http.secure-cookie=false): "
                    + "only for plain HTTP on a developer's machine");
        }
    }
}
