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

    @EJB
    transient NightlyJobs nightly;

    /** Each job's daily start time, as configured. */
    public java.util.List<java.util.Map.Entry<String, String>> getSchedules() {
        return java.util.List.copyOf(nightly.schedules().entrySet());
    }

    public String getZone() {
        return nightly.zone();
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

    /** Stops a running execution (it can be restarted later). */
    public String stop(long id) {
        return operate(() -> jobs.stop(id).id(), "jobs.stopped");
    }

    /** Abandons a finished execution: it will never be restarted. */
    public String abandon(long id) {
        return operate(() -> jobs.abandon(id).id(), "jobs.abandoned");
    }

    /** Restarts a failed or stopped execution as a new execution. */
    public String restart(long id) {
        return operate(() -> jobs.restart(id), "jobs.restarted");
    }

    private String operate(java.util.function.LongSupplier operation, String messageKey) {
        var context = FacesContext.getCurrentInstance();
        var bundle = context.getApplication().getResourceBundle(context, "msg");
        try {
            long id = operation.getAsLong();
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    java.text.MessageFormat.format(bundle.getString(messageKey), Long.toString(id)), null));
        } catch (io.picktartup.platform.entity.BusinessException e) {
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    bundle.getString("problem." + e.code()), null));
        }
        context.getExternalContext().getFlash().setKeepMessages(true);
        return "/admin/jobs?faces-redirect=true";
    }
}
