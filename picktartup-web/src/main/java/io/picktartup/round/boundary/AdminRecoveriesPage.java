package io.picktartup.round.boundary;

import io.picktartup.platform.entity.BusinessException;
import io.picktartup.platform.entity.InvalidInputException;
import io.picktartup.round.entity.ShareFreeze;
import io.picktartup.round.entity.ShareRecovery;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Backing bean of the admins' share recoveries and frozen wallets: every recovery with its state and the buttons of
 * its next step (request, approve by another admin, cancel), and the freeze form with the reason.
 */
@Named
@ViewScoped
public class AdminRecoveriesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ShareRecoveries recoveries;

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    private List<ShareRecovery> all;
    private List<ShareFreeze> freezes;
    private String address;
    private String reason;

    public List<ShareRecovery> getRecoveries() {
        if (all == null) {
            all = recoveries.list(Optional.empty(), 200);
        }
        return all;
    }

    public List<ShareFreeze> getFreezes() {
        if (freezes == null) {
            freezes = recoveries.freezes();
        }
        return freezes;
    }

    public String request(String id) {
        return step(id, recoveries::request);
    }

    public String approve(String id) {
        return step(id, recoveries::approve);
    }

    public String cancel(String id) {
        return step(id, recoveries::cancel);
    }

    public String freeze() {
        return changeFreeze(true);
    }

    public String unfreeze() {
        return changeFreeze(false);
    }

    private String changeFreeze(boolean frozen) {
        var context = FacesContext.getCurrentInstance();
        try {
            recoveries.freeze(address, frozen, reason);
            return done("freeze.done");
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> context.addMessage("freeze:" + v.field(),
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, v.message(), null)));
        } catch (BusinessException e) {
            refused(e);
        }
        return null;
    }

    private String step(String id, Consumer<UUID> action) {
        try {
            action.accept(UUID.fromString(id));
            return done("recovery.done");
        } catch (BusinessException e) {
            refused(e);
        } catch (IllegalArgumentException | NullPointerException e) {
            FacesContext.getCurrentInstance().addMessage(null,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, text("recovery.choose"), null));
        }
        return null;
    }

    private String done(String key) {
        var context = FacesContext.getCurrentInstance();
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key), null));
        context.getExternalContext().getFlash().setKeepMessages(true);
        return "/admin/recoveries?faces-redirect=true";
    }

    private void refused(BusinessException e) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                io.picktartup.platform.boundary.ProblemMessages.of(e, language.getLocale()), null));
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }

    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
