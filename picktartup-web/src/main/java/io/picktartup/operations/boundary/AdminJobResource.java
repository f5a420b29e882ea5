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

    static final Set<String> JOBS = Set.of("heartbeat", "round-settlement", "news-crawl", "ssi-scoring");

    @EJB
    BatchJobs jobs;

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
