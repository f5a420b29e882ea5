package io.picktartup.operations.boundary;

import io.picktartup.platform.entity.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Properties;
import java.util.Set;

/** The batch jobs on demand (role ADMIN): start one, list its executions with step metrics, stop, abandon or restart one. */
@Path("admin/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: jobs", description = "Batch jobs (ADMIN only)")
@SecurityRequirement(name = "bearer")
public class AdminJobResource {

    static final Set<String> JOBS = Set.of("heartbeat", "round-settlement", "news-crawl", "ssi-scoring",
            JobHistory.JOB);

    @EJB
    BatchJobs jobs;

    @EJB
    io.picktartup.platform.boundary.JobSchedules schedules;

    /** A job's schedule as operators see it. */
    public record ScheduleView(String job, String at, String zone, java.time.Instant nextFireAt,
                               java.time.Instant lastFiredAt, boolean lastFireLate, Long lastExecutionId,
                               String changedBy, java.time.Instant changedAt) {
        static ScheduleView of(io.picktartup.platform.entity.JobSchedule s) {
            return new ScheduleView(s.job(), s.dailyAt(), s.zone(), s.nextFireAt().orElse(null),
                    s.lastFiredAt().orElse(null), s.lastFireLate(), s.lastExecutionId().orElse(null), s.changedBy(),
                    s.changedAt());
        }
    }

    /** The new daily time of a job: "HH:mm" (24 h, in the schedule's zone) or "off". */
    public static class ScheduleRequest {
        public String at;
    }

    @GET
    @Path("schedules")
    @Operation(summary = "Every nightly job's schedule: its daily time or off, zone, next and last fire time")
    public List<ScheduleView> schedules() {
        return schedules.list().stream().map(ScheduleView::of).toList();
    }

    @jakarta.ws.rs.PUT
    @Path("{name}/schedule")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a job's daily time (\"HH:mm\" or \"off\") without redeploying; every instance follows; audited")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "400",
            description = "Not a time of day (validation.time-of-day on the field at; problem+json)")
    public ScheduleView reschedule(@PathParam("name") String name,
                                   @jakarta.validation.constraints.NotNull(message = "a JSON body is required") ScheduleRequest body) {
        requireKnown(name);
        return ScheduleView.of(schedules.change(name, body.at));
    }

    @POST
    @Path("{name}")
    @Operation(summary = "Start a job now; 202 with its execution")
    public Response start(@PathParam("name") String name) {
        requireKnown(name);
        var parameters = new Properties();
        parameters.setProperty("trigger", "admin");
        long id = jobs.start(name, parameters);
        return Response.accepted(jobs.execution(id).orElseThrow()).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "The job's recent executions, newest first, with each step's status and metrics")
    public List<BatchJobs.Execution> executions(@PathParam("name") String name) {
        requireKnown(name);
        return jobs.recent(name, 20);
    }

    @GET
    @Path("executions/{id}")
    @Operation(summary = "One execution")
    public BatchJobs.Execution execution(@PathParam("id") long id) {
        return jobs.execution(id).orElseThrow(() -> new NotFoundException("Job execution", id));
    }

    @POST
    @Path("executions/{id}/restart")
    @Operation(summary = "Restart a failed or stopped execution: it carries on where the chain and the database stand")
    public Response restart(@PathParam("id") long id) {
        jobs.execution(id).orElseThrow(() -> new NotFoundException("Job execution", id));
        long restarted = jobs.restart(id);
        return Response.accepted(jobs.execution(restarted).orElseThrow()).build();
    }

    @POST
    @Path("executions/{id}/stop")
    @Operation(summary = "Stop a running execution (409 job.state when it is not running); restart it later")
    public BatchJobs.Execution stop(@PathParam("id") long id) {
        jobs.execution(id).orElseThrow(() -> new NotFoundException("Job execution", id));
        return jobs.stop(id);
    }

    @POST
    @Path("executions/{id}/abandon")
    @Operation(summary = "Abandon a finished execution: it will never be restarted (409 job.state while it runs)")
    public BatchJobs.Execution abandon(@PathParam("id") long id) {
        jobs.execution(id).orElseThrow(() -> new NotFoundException("Job execution", id));
        return jobs.abandon(id);
    }

    private static void requireKnown(String name) {
        if (!JOBS.contains(name)) {
            throw new NotFoundException("Job", name);
        }
    }
}
