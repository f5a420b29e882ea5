package io.picktartup.waitlist.boundary;

import io.picktartup.platform.boundary.ProblemMessages;
import io.picktartup.platform.boundary.Language;
import io.picktartup.platform.entity.BusinessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ResourceBundle;

/** Backing bean of the landing page: joining the waitlist. */
@Named
@ViewScoped
public class LandingPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Waitlist waitlist;

    @Inject
    Language language;

    private String email;
    private boolean joined;

    public void join() {
        var context = FacesContext.getCurrentInstance();
        var bundle = ResourceBundle.getBundle("io.picktartup.web.messages", language.getLocale());
        try {
            waitlist.join(email, language.getCode());
            joined = true;
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, bundle.getString("waitlist.joined"), null));
        } catch (BusinessException e) {
            context.addMessage("waitlist:email", new FacesMessage(FacesMessage.SEVERITY_ERROR, ProblemMessages.of(e, language.getLocale()), null));
        }
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isJoined() {
        return joined;
    }
}
