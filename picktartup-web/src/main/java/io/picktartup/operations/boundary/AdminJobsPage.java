package io.picktartup.operations.boundary;

import io.picktartup.round.boundary.RoundAudit;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Properties;

/** Backing bean of the operators' jobs page: executions with their step metrics, starting a job, the round alert. */
@Named
@ViewScoped
public class AdminJobsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    transient BatchJobs jobs;

    @EJB
    transient RoundAudit audits;

    public List<BatchJobs.Execution> getExecutions() {
        return AdminJobResource.JOBS.stream().sorted().flatMap(job -> jobs.recent(job, 10).stream())
                .sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    public long getMismatches() {
        return audits.mismatches();
    }

    /** Starts the round settlement now (it is also started nightly). */
    public String settle() {
        var parameters = new Properties();
        parameters.setProperty("trigger", "admin-page");
        long id = jobs.start("round-settlement", parameters);
        var context = FacesContext.getCurrentInstance();
        var bundle = context.getApplication().getResourceBundle(context, "msg");
        context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                java.text.MessageFormat.format(bundle.getString("jobs.started-execution"), Long.toString(id)), null));
        context.getExternalContext().getFlash().setKeepMessages(true);
        return "/admin/jobs?faces-redirect=true";
    }
}
