package io.picktartup.account.boundary;

import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;

/**
 * Backing bean of /verify.xhtml, the page of the link mailed at signup. Opening the link changes nothing (a mail
 * scanner that follows links must not use the single-use token up); the owner confirms with a button.
 */
@Named
@ViewScoped
public class VerifyPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AccountRegistry registry;

    @Inject
    Language language;

    private String token;
    private boolean verified;

    public void verify() {
        var context = FacesContext.getCurrentInstance();
        try {
            registry.verifyEmail(token);
            verified = true;
            Problems.done(context, null, "verify.done", language.getLocale());
        } catch (BusinessException e) {
            Problems.show(context, null, e, language.getLocale());
        }
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public boolean isVerified() {
        return verified;
    }
}
