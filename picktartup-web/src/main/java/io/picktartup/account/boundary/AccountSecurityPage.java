package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;

/**
 * Backing bean of /my/account.xhtml: change the login password (the current one asked; the other sessions end, this
 * one goes on) and log out everywhere. Where a password that must be changed is changed.
 */
@Named
@ViewScoped
public class AccountSecurityPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    MyAccount myAccount;

    @Inject
    Language language;

    private AccountView account;
    private String currentPassword;
    private String newPassword;

    @PostConstruct
    void load() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        account = myAccount.profile(UUID.fromString(principal.getName()));
    }

    public void changePassword() {
        var context = FacesContext.getCurrentInstance();
        var request = (HttpServletRequest) context.getExternalContext().getRequest();
        UUID keep = request.getAttribute(AuthenticationMechanism.SESSION_ID_ATTRIBUTE) instanceof UUID sid ? sid : null;
        try {
            myAccount.changePassword(account.id(), currentPassword, newPassword, keep);
            account = myAccount.profile(account.id());
            Problems.done(context, "security:password-form", "security.password-changed", language.getLocale());
        } catch (BusinessException e) {
            Problems.show(context, "security:password-form", e, language.getLocale());
        } finally {
            currentPassword = null;
            newPassword = null;
        }
    }

    /** Ends every session (this one too), then on to the login page. */
    public void logoutEverywhere() throws IOException {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        myAccount.logoutEverywhere(account.id());
        ((HttpServletRequest) external.getRequest()).getSession().removeAttribute(AuthenticationMechanism.SESSION_ACCOUNT);
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/login.xhtml");
    }

    public AccountView getAccount() {
        return account;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
