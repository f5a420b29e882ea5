package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.ClientAddress;
import io.picktartup.platform.boundary.Language;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** Backing bean of the login page: hands email and password to the container's authentication. */
@Named
@ViewScoped
public class LoginPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SecurityContext securityContext;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Language language;

    private String email;
    private String password;

    public void logIn() throws IOException {
        var context = FacesContext.getCurrentInstance();
        var external = context.getExternalContext();
        var request = (HttpServletRequest) external.getRequest();
        var credential = new AddressedCredential(email, password, clientAddress.of(request));
        password = null;
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        switch (status) {
            case SUCCESS -> external.redirect(returnTo(request, external.getRequestContextPath()));
            case SEND_CONTINUE -> context.responseComplete();
            default -> {
                var bundle = ResourceBundle.getBundle("io.picktartup.web.messages", language.getLocale());
                String text = credential.retryAfterSeconds() > 0
                        ? MessageFormat.format(bundle.getString("login.throttled"), credential.retryAfterSeconds())
                        : credential.refusal() != null ? bundle.getString("problem." + credential.refusal())
                        : bundle.getString("login.failed");
                context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
            }
        }
    }

    /** The page the login interrupted, if it is one of ours; else my page. Never an open redirect. */
    private static String returnTo(HttpServletRequest request, String contextPath) {
        var session = request.getSession(false);
        Object target = session == null ? null : session.getAttribute(AuthenticationMechanism.RETURN_TO);
        if (session != null) {
            session.removeAttribute(AuthenticationMechanism.RETURN_TO);
        }
        if (target instanceof String path && path.startsWith(contextPath + "/") && !path.startsWith("//")
                && !path.contains("\\") && !path.contains("\r") && !path.contains("\n")) {
            return path;
        }
        return contextPath + "/my/index.xhtml";
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
