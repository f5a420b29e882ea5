package io.picktartup.round.boundary;

import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backing bean of a round's public audit page. */
@Named
@RequestScoped
public class RoundAuditPage {

    @Inject
    RoundAuditResource resource;

    private String id;
    private RoundAuditResource.AuditView audit;

    private boolean throttled;

    @jakarta.ejb.EJB
    Shares shares;

    private Shares.Audit sharesAudit;
    private boolean sharesRead;

    public void load() {
        try {
            audit = resource.audit(String.valueOf(id));
        } catch (NotFoundException e) {
            audit = null;
        } catch (io.picktartup.platform.entity.TooManyRequestsException e) {
            audit = null;
            throttled = true;
            var response = (jakarta.servlet.http.HttpServletResponse) jakarta.faces.context.FacesContext
                    .getCurrentInstance().getExternalContext().getResponse();
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        } catch (EJBException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                throw e;
            }
            audit = null;
        }
    }

    /** This address read too many audits this minute: the page says so (429). */
    public boolean isThrottled() {
        return throttled;
    }

    public RoundAuditResource.AuditView getAudit() {
        return audit;
    }

    /**
     * The round's shares beside its confirmed investments (issue 20): none for a round that is not released, or when
     * the chain cannot be read right now (the rest of the audit still shows).
     */
    public Shares.Audit getShares() {
        if (!sharesRead && audit != null) {
            sharesRead = true;
            try {
                sharesAudit = shares.audit(java.util.UUID.fromString(id));
            } catch (io.picktartup.platform.entity.BusinessException | IllegalArgumentException e) {
                sharesAudit = null;
            } catch (EJBException e) {
                if (!(e.getCause() instanceof io.picktartup.platform.entity.BusinessException)) {
                    throw e;
                }
                sharesAudit = null;
            }
        }
        return sharesAudit;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
