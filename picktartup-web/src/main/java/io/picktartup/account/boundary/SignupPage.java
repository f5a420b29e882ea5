package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.ViolationMessages;
import io.picktartup.platform.boundary.ProblemMessages;
import io.picktartup.account.entity.Registration;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.Serializable;
import java.util.ResourceBundle;

/** Backing bean of the signup page: one call to {@link Signup}, then on to the login page ("check your mail"). */
@Named
@ViewScoped
public class SignupPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Signup signup;

    @Inject
    io.picktartup.platform.boundary.ClientAddress clientAddress;

    @Inject
    Language language;

    private String email;
    private String name;
    private String password;
    private String walletPassword;

    public void signUp() throws IOException {
        var context = FacesContext.getCurrentInstance();
        try {
            signup.signUp(new Registration(email, password, name, walletPassword), clientAddress.of(
                    (jakarta.servlet.http.HttpServletRequest) context.getExternalContext().getRequest()));
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("signup:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, ViolationMessages.message(v, language.getLocale()), null)));
            return;
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    ProblemMessages.of(e, language.getLocale()), null));
            return;
        } finally {
            password = null;
            walletPassword = null;
        }
        var bundle = ResourceBundle.getBundle("io.picktartup.web.messages", language.getLocale());
        var external = context.getExternalContext();
        external.getFlash().setKeepMessages(true);
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, bundle.getString("signup.done"), null));
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getWalletPassword() {
        return walletPassword;
    }

    public void setWalletPassword(String walletPassword) {
        this.walletPassword = walletPassword;
    }
}
