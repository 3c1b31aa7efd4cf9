package org.onewindow.operations;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code jobAcquisition}: DOWN when this node should run jobs but its job
 * executor is not active (restarting the node helps); {@link #STALLED} when a due job has waited
 * longer than {@code onewindow.operations.acquisition-stall-after} without any node acquiring it.
 *
 * <p>STALLED is deliberately not DOWN: it is a symptom of the whole cluster (every node sees the same
 * jobs), and taking every node out of the load balancer would lock the clerks out as well. Like the
 * calendar's INCOMPLETE it shows in the details and in the metric
 * {@code onewindow_jobs_due_unacquired_oldest_seconds}, which the alert rules watch.
 */
@Component("jobAcquisition")
public class JobAcquisitionHealthIndicator implements HealthIndicator {
  public static final Status STALLED = new Status("STALLED", "Due jobs are waiting and no node acquires them");

  private final ObjectProvider<JobExecutor> jobExecutor;
  private final OperationsSnapshot snapshot;
  private final OperationsProperties properties;
  private final boolean executionEnabled;

  public JobAcquisitionHealthIndicator(ObjectProvider<JobExecutor> jobExecutor, OperationsSnapshot snapshot,
      OperationsProperties properties, Environment environment) {
    this.jobExecutor = jobExecutor;
    this.snapshot = snapshot;
    this.properties = properties;
    this.executionEnabled = environment.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true);
  }

  @Override
  public Health health() {
    JobExecutor executor = jobExecutor.getIfAvailable();
    boolean active = executor != null && executor.isActive();
    OperationsSnapshot.Counts counts = snapshot.counts();
    Health.Builder health;
    if (executionEnabled && !active) {
      health = Health.down();
    } else if (counts.oldestDueUnacquiredSeconds() > properties.acquisitionStallAfter().toSeconds()) {
      health = Health.status(STALLED);
    } else {
      health = Health.up();
    }
    health.withDetail("jobExecutionEnabled", executionEnabled)
        .withDetail("active", active)
        .withDetail("dueUnacquiredJobs", counts.dueUnacquiredJobs())
        .withDetail("oldestDueUnacquiredSeconds", counts.oldestDueUnacquiredSeconds())
        .withDetail("stallAfterSeconds", properties.acquisitionStallAfter().toSeconds());
    if (executor != null) {
      health.withDetail("lockOwner", String.valueOf(executor.getLockOwner()));
    }
    if (counts.takenAt() != null) {
      health.withDetail("countedAt", counts.takenAt().toString());
    }
    return health.build();
  }
}
