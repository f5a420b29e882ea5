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

    private transient List<BatchJobs.Execution> executions;

    public List<BatchJobs.Execution> getExecutions() {
        if (executions != null) {
            return executions;
        }
        return executions = loadExecutions();
    }

    private List<BatchJobs.Execution> loadExecutions() {
        return AdminJobResource.JOBS.stream().sorted().flatMap(job -> jobs.recent(job, 10).stream())
                .sorted((a, b) -> Long.compare(b.id(), a.id())).toList();
    }

    @EJB
    transient io.picktartup.platform.boundary.JobSchedules schedules;

    @jakarta.inject.Inject
    io.picktartup.platform.boundary.Language language;

    private transient List<io.picktartup.platform.entity.JobSchedule> scheduleList;

    /** The time typed for each job, keyed by job. */
    private final java.util.Map<String, String> times = new java.util.HashMap<>();

    /** Each job's schedule as stored (what every instance follows). */
    public List<io.picktartup.platform.entity.JobSchedule> getSchedules() {
        if (scheduleList == null) {
            scheduleList = schedules.list();
            scheduleList.forEach(s -> times.putIfAbsent(s.job(), s.dailyAt()));
        }
        return scheduleList;
    }

    public java.util.Map<String, String> getTimes() {
        return times;
    }

    /** Changes one job's daily time ("HH:mm" or "off"); every instance follows from its next tick. */
    public String reschedule(String job) {
        var context = FacesContext.getCurrentInstance();
        try {
            schedules.change(job, times.get(job));
        } catch (RuntimeException e) {
            if (!io.picktartup.platform.boundary.PageProblems.show(context, null, e, language.getLocale())) {
                throw e;
            }
            return null;
        }
        io.picktartup.platform.boundary.PageProblems.done(context, null, "jobs.rescheduled", language.getLocale());
        return "/admin/jobs?faces-redirect=true";
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
