package io.picktartup.account.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/** Who is logged in, for the layout (which links to show), and the logout action of every page. */
@Named
@RequestScoped
public class CurrentUser {

    @jakarta.ejb.EJB
    Authentication authentication;

    public boolean isLoggedIn() {
        return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal() != null;
    }

    /** Ends the page session: the container's login and the HTTP session (a new visit starts afresh). */
    public void logout() throws ServletException, IOException {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        var session = external.getSession(false);
        if (session instanceof jakarta.servlet.http.HttpSession http
                && http.getAttribute(AuthenticationMechanism.SESSION_ID_ATTRIBUTE) instanceof java.util.UUID sessionId) {
            authentication.endSession(sessionId);
        }
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/");
    }
}
