package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job executor acquires jobs in due-date order and only jobs that have a due date
 * (application.yaml: ensure-job-due-date-not-null, job-executor-acquire-by-due-date), so that
 * PostgreSQL reads the due jobs as a range of the due-date index. Every job the engine creates
 * gets one, and V13 gives one to the jobs an earlier version left without.
 */
@OneWindowIntegrationTest
class JobDueDatesTest {
  private static final String KEY = "jobDueDatesTest";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  private JobExecutor executor;
  private String deploymentId;

  @BeforeEach
  void stopTheJobExecutor() {
    // The test looks at jobs before anything runs them.
    executor = configuration().getJobExecutor();
    executor.shutdown();
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("afterTheAsynchronousStep").camundaAsyncBefore()
        .endEvent()
        .done();
    deploymentId = engine.getRepositoryService().createDeployment().name(KEY)
        .addModelInstance(KEY + ".bpmn", model).deploy().getId();
  }

  @AfterEach
  void restartTheJobExecutor() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
    executor.start();
  }

  @Test
  void anAsynchronousStepIsDueFromTheMomentItIsCreatedAndTheExecutorFindsIt() {
    Date before = new Date();
    String pi = engine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
    Job job = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();

    assertThat(job.getDuedate()).as("a continuation is due when created").isNotNull()
        .isBetween(new Date(before.getTime() - 1000), new Date());
    assertThat(acquirable()).contains(job.getId());
  }

  @Test
  void aContinuationAnEarlierVersionLeftWithoutDueDateRunsAfterTheUpgrade() throws Exception {
    String pi = engine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
    String jobId = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult().getId();
    // How the engine wrote an asynchronous continuation before ensure-job-due-date-not-null.
    jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE ID_ = ?", jobId);
    assertThat(acquirable()).as("the acquisition no longer asks for jobs without a due date").doesNotContain(jobId);

    jdbc.execute(new ClassPathResource("db/migration/V13__job_due_dates.sql").getContentAsString(StandardCharsets.UTF_8));

    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ = ? AND DUEDATE_ = CREATE_TIME_",
        Integer.class, jobId)).as("due since its creation").isEqualTo(1);
    assertThat(acquirable()).contains(jobId);
    executor.start();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult())
            .as("the job executor ran it").isNotNull()
            .extracting(t -> t.getTaskDefinitionKey()).isEqualTo("afterTheAsynchronousStep"));
  }

  /** The ids of the jobs the job executor's acquisition would take now (read only: nothing is locked). */
  private List<String> acquirable() {
    return configuration().getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 10_000)).stream()
            .map(AcquirableJobEntity::getId).toList());
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
