package io.picktartup.operations.boundary;

import io.picktartup.ssi.boundary.SsiScoring;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Properties;
import java.util.UUID;

/**
 * Splits the startups into ranges of ids of about equal size, one partition each, when there are more than
 * {@code picktartup.ssi.partition-threshold} of them (below it, one partition: threads would cost more than they
 * save). Partitions: {@code picktartup.ssi.partitions}, by default one per core (the database shares the cores: more
 * threads only queue for them).
 */
@Named("ssiPartitionMapper")
@Dependent
public class SsiPartitionMapper implements PartitionMapper {

    @EJB
    SsiScoring scoring;

    @Inject
    JobContext job;

    @Inject
    @ConfigProperty(name = "picktartup.ssi.partition-threshold", defaultValue = "20000")
    int threshold;

    @Inject
    @ConfigProperty(name = "picktartup.ssi.partitions", defaultValue = "0")
    int configured;

    @Override
    public PartitionPlan mapPartitions() {
        int startups = scoring.startups();
        int partitions = startups <= threshold ? 1
                : configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        var bounds = partitions == 1 ? java.util.List.<UUID>of() : scoring.partitionBounds(partitions);
        partitions = bounds.size() + 1;
        var day = SsiPrepareBatchlet.scoredOn(job, scoring);
        var plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        var properties = new Properties[partitions];
        for (int i = 0; i < partitions; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("scoredOn", day.toString());
            // ranges (after, upTo]: each bound is the last id of one range, the next starts after it
            properties[i].setProperty("after", i == 0 ? "" : bounds.get(i - 1).toString());
            properties[i].setProperty("upTo", i == partitions - 1 ? "" : bounds.get(i).toString());
        }
        plan.setPartitionProperties(properties);
        return plan;
    }
}
