package org.onewindow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mock.env.MockEnvironment;

class JobAcquisitionHealthIndicatorTest {

  /** A snapshot with fixed counts, no database. */
  static final class Fixed extends OperationsSnapshot {
    private final OperationsSnapshot.Counts counts;

    Fixed(long dueUnacquired, long oldestSeconds) {
      super(null, null, null);
      counts = new Counts(Instant.now(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, dueUnacquired, oldestSeconds);
    }

    @Override
    public Counts counts() {
      return counts;
    }
  }

  private static JobAcquisitionHealthIndicator indicator(JobExecutor executor, OperationsSnapshot snapshot,
      boolean enabled) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (executor != null) {
      beans.addBean("jobExecutor", executor);
    }
    return new JobAcquisitionHealthIndicator(beans.getBeanProvider(JobExecutor.class), snapshot,
        new OperationsProperties(null, null, null, null, null, null, null, null),
        new MockEnvironment().withProperty("camunda.bpm.job-execution.enabled", String.valueOf(enabled)));
  }

  @Test
  void downWhenThisNodeShouldRunJobsAndItsExecutorIsNotActive() {
    var health = indicator(new DefaultJobExecutor(), new Fixed(0, 0), true).health();
    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("active", false);
  }

  @Test
  void upOnANodeWithoutJobExecutionWhileOtherNodesAcquire() {
    assertThat(indicator(null, new Fixed(2, 3), false).health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void stalledWhenADueJobWaitedLongerThanTheThresholdButNotDown() {
    var health = indicator(null, new Fixed(4, 301), false).health();
    assertThat(health.getStatus()).isEqualTo(JobAcquisitionHealthIndicator.STALLED);
    assertThat(health.getDetails()).containsEntry("dueUnacquiredJobs", 4L).containsEntry("oldestDueUnacquiredSeconds", 301L);
  }
}
