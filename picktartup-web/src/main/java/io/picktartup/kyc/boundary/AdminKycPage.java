package io.picktartup.kyc.boundary;

import io.picktartup.kyc.entity.KycReview;
import io.picktartup.platform.entity.BusinessException;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Backing bean of the admins' KYC reviews: the open ones, approve at a level or reject with a reason. */
@Named
@ViewScoped
public class AdminKycPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient KycReviews reviews;

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    private List<KycReview> open;
    private String reviewId;
    private int level = 1;
    private String reason;

    public List<KycReview> getOpen() {
        if (open == null) {
            open = reviews.list(Optional.of(KycReview.Status.SUBMITTED), 200);
        }
        return open;
    }

    public String approve() {
        return decide(() -> reviews.approve(UUID.fromString(reviewId), level));
    }

    public String reject() {
        return decide(() -> reviews.reject(UUID.fromString(reviewId), reason));
    }

    private String decide(Runnable decision) {
        var context = FacesContext.getCurrentInstance();
        try {
            decision.run();
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("kyc.decided"), null));
            context.getExternalContext().getFlash().setKeepMessages(true);
            return "/admin/kyc?faces-redirect=true";
        } catch (BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    io.picktartup.platform.boundary.ProblemMessages.of(e, language.getLocale()), null));
        } catch (IllegalArgumentException | NullPointerException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("kyc.choose"), null));
        }
        return null;
    }

    private static String text(String key) {
        var context = FacesContext.getCurrentInstance();
        return context.getApplication().getResourceBundle(context, "msg").getString(key);
    }

    public String getReviewId() { return reviewId; }
    public void setReviewId(String reviewId) { this.reviewId = reviewId; }
    public int getLevel() { return level; }
    public void setLevel(int level) { this.level = level; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
