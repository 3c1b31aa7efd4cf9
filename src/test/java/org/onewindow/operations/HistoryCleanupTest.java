package org.onewindow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.OneWindowApplication;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.it.Postgres;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.ImmediateItemProcess;
import org.onewindow.support.Applications;
import org.onewindow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * History cleanup as application.yaml configures it (end-time based, nightly batch window) with
 * the retention per process from {@code onewindow.history.time-to-live.<key>}: immediate items are
 * kept 5 days here. After the engine clock passes a finished immediate case's end + 5 days, the
 * cleanup job removes its history; a finished commitment case (kept 3650 days) and an open case
 * stay, until a shorter time to live for commitment items reaches the finished one, never the open.
 *
 * <p>Its own context (job executor off, the test runs the cleanup job itself) on its own database:
 * in memory under H2, the fresh PostgreSQL database {@value #DATABASE} under -Ptest-postgres.
 */
@SpringBootTest(classes = OneWindowApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "camunda.bpm.process-engine-name=onewindowHistoryCleanup",
        "camunda.bpm.job-execution.enabled=false",
        "onewindow.history.time-to-live.immediate-item=5"})
@ActiveProfiles("demo")
@DirtiesContext
class HistoryCleanupTest {
  static final String DATABASE = "onewindow_prod_history";

  @Autowired
  IntakeService intake;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;
  @Autowired
  ProcessEngine engine;
  @Autowired
  RepositoryService repositoryService;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    if (TestDatabase.postgres()) {
      Postgres.recreate(DATABASE);
      registry.add("spring.datasource.url", () -> Postgres.url(DATABASE));
      registry.add("spring.datasource.username", () -> Postgres.USER);
      registry.add("spring.datasource.password", () -> "");
    } else {
      registry.add("spring.datasource.url", () -> "jdbc:h2:mem:onewindow-history-cleanup;DB_CLOSE_DELAY=-1");
    }
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void theNightlyCleanupIsConfiguredInTheCountysTimeZone() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getHistoryCleanupStrategy()).isEqualTo("endTimeBased");
    assertThat(config.getHistoryRemovalTimeStrategy()).isEqualTo("none");
    assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo("20:00");
    assertThat(config.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
    assertThat(cleanupJobs).as("the cleanup job is scheduled at start-up").isNotEmpty();
    LocalTime due = cleanupJobs.get(0).getDuedate().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toLocalTime();
    assertThat(due.isAfter(LocalTime.of(19, 59)) || due.isBefore(LocalTime.of(6, 0))).as("due at %s", due).isTrue();
  }

  @Test
  void finishedCasesPastTheirRetentionDisappearFromHistoryWhileOpenAndYoungerOnesStay() {
    String finishedImmediate = intake.receive(new Application("GT-DJ", "WINDOW", Application.PERSON, "王小明",
        Applications.ID_NUMBER, null, Applications.MOBILE, List.of("个体工商户登记申请书", "经营者身份证明", "经营场所使用证明")))
        .processInstanceId();
    complete(finishedImmediate, ImmediateItemProcess.WINDOW_HANDLING,
        Map.of(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE, CaseVariables.DECISION_REASON, "材料齐全"));
    String refusedCommitment = commitment();
    complete(refusedCommitment, CommitmentItemProcess.ACCEPTANCE, Map.of(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.REFUSE,
        CommitmentItemProcess.REFUSAL_REASON, "不属于本机关职权范围"));
    String open = commitment();

    HistoricProcessInstance ended = instance(finishedImmediate);
    assertThat(ended.getEndTime()).isNotNull();
    assertThat(ended.getRemovalTime()).as("no removal time is written when a case ends").isNull();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(finishedImmediate).list())
        .isNotEmpty().allSatisfy(a -> assertThat(a.getRemovalTime()).isNull());

    ClockUtil.offset(Duration.ofDays(4).toMillis());
    cleanUp();
    assertThat(instance(finishedImmediate)).as("4 days after its end, within its 5 days").isNotNull();

    ClockUtil.offset(Duration.ofDays(6).toMillis());
    cleanUp();

    assertThat(instance(finishedImmediate)).as("the immediate case's history, past its 5 days").isNull();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(finishedImmediate).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(finishedImmediate).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(finishedImmediate).count()).isZero();
    assertThat(instance(refusedCommitment)).as("a finished commitment case, kept 3650 days").isNotNull();
    assertThat(instance(open)).as("an open case").isNotNull();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(open).count()).isPositive();

    // A shorter retention set later applies to the cases already finished, never to open ones.
    String definition = instance(refusedCommitment).getProcessDefinitionId();
    repositoryService.updateProcessDefinitionHistoryTimeToLive(definition, 5);
    cleanUp();
    assertThat(instance(refusedCommitment)).as("the finished commitment case, now past 5 days").isNull();
    assertThat(instance(open)).as("the open case, started 6 days ago").isNotNull();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(open).count()).isPositive();
  }

  private void cleanUp() {
    Job cleanup = historyService.cleanUpHistoryAsync(true);
    managementService.executeJob(cleanup.getId());
  }

  private String commitment() {
    return intake.receive(new Application("JS-GH", "WINDOW", Application.ORGANIZATION, "县城建设发展有限公司", null,
        Applications.CREDIT_CODE, Applications.MOBILE, List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")))
        .processInstanceId();
  }

  private void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    String id = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey)
        .singleResult().getId();
    taskService.complete(id, variables);
  }

  private HistoricProcessInstance instance(String id) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
  }
}
