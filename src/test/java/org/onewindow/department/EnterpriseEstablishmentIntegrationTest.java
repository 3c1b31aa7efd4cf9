package org.onewindow.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.calendar.clock.CaseClock;
import org.onewindow.calendar.clock.ClockPhase;
import org.onewindow.calendar.clock.ClockState;
import org.onewindow.department.simulator.DepartmentSimulator;
import org.onewindow.department.simulator.DepartmentSimulator.Behaviour;
import org.onewindow.intake.validation.UnifiedSocialCreditCode;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 企业开办 end to end: the REST API, the window's tasks, the engine's job executor, the HTTP
 * adapters and the department simulator of the demo profile on this server, the case file.
 * Departments are made slow, down or refusing through the simulator, as in a demonstration.
 * A failed job waits for its configured retry interval; the tests run such a job themselves
 * instead of waiting, as an operator would with "retry" in Cockpit.
 */
@OneWindowIntegrationTest
class EnterpriseEstablishmentIntegrationTest {
  private static final List<String> MATERIALS = List.of("企业设立登记申请书", "公司章程", "股东身份证明", "住所使用证明");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  DepartmentSimulator simulator;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ProcessEngine processEngine;
  @Autowired
  CaseClock caseClock;

  @AfterEach
  void departmentsBackToNormal() {
    simulator.reset(false);
  }

  // ------------------------------------------------------------------ the paths

  @Test
  void allFiveRegistrationsSucceedAndTheCaseFinishesWithTheirAnswers() {
    String rn = receive();
    String name = uniqueName("星河科技有限公司");
    accept(rn, name);

    awaitEnded(rn);
    JsonNode file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("APPROVED");
    assertThat(file.get("outcome").asText()).isEqualTo("APPROVE");
    assertThat(file.get("finishedAt").isNull()).isFalse();
    assertThat(file.get("currentTasks")).isEmpty();
    String creditCode = file.get("certificateNumber").asText();
    assertThat(UnifiedSocialCreditCode.validate(creditCode)).as(creditCode).isEmpty();

    Map<String, JsonNode> results = results(file);
    assertThat(results).containsOnlyKeys(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
    assertThat(results.get("registerBusiness").get("referenceNumber").asText()).isEqualTo(creditCode);
    assertThat(results.get("registerBusiness").get("departmentName").asText()).isEqualTo("市场监督管理局");
    assertThat(results.get("engraveSeal").get("department").asText()).isEqualTo("police");
    assertThat(results.get("engraveSeal").get("capabilityLabel").asText()).isEqualTo("印章刻制备案");
    assertThat(results.get("registerTax").get("referenceNumber").asText()).matches("SWDJ\\d{14}");
    assertThat(results.get("registerSocialInsurance").get("referenceNumber").asText()).matches("SBDJ\\d{14}");
    assertThat(results.get("notifyBankAccount").get("department").asText()).isEqualTo("bank");

    // Each department was called once per step and registered once.
    for (String[] call : departmentCalls()) {
      String key = rn + ":" + call[1];
      assertThat(simulator.calls(call[0], key)).as(key).isEqualTo(1);
      assertThat(simulator.registration(call[0], key)).as(key).isNotNull();
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_notice WHERE receipt_number = ? AND kind = 'PICKUP'",
        Integer.class, rn)).isEqualTo(1);
    assertThat(historicVariable(rn, EnterpriseEstablishmentProcess.TAX_REGISTRATION_NUMBER))
        .isEqualTo(results.get("registerTax").get("referenceNumber").asText());
  }

  @Test
  void aDepartmentThatIsDownIsRetriedOnTheConfiguredCycleAndRegistersOnceWhenBack() {
    simulator.setBehaviour("tax", new Behaviour(0, 0, true, 0, null, null));
    String rn = receive();
    accept(rn, uniqueName("青山餐饮管理有限公司"));

    Job failed = awaitFailedJob(rn, EnterpriseEstablishmentProcess.REGISTER_TAX);
    assertThat(failed.getExceptionMessage()).contains("税务局（tax）税务登记", "HTTP 503");
    assertThat(failed.getRetries()).as("retries left after the first failure of R3").isEqualTo(2);
    // The configured cycle (demo R3/PT20S), not the engine's default of an immediate retry.
    assertThat(failed.getDuedate()).isAfter(new Date(System.currentTimeMillis() + 10_000));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(failed.getProcessInstanceId()).count())
        .isZero();

    simulator.setBehaviour("tax", Behaviour.NORMAL);
    managementService.executeJob(failed.getId());

    awaitEnded(rn);
    JsonNode file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("APPROVED");
    assertThat(results(file)).containsOnlyKeys(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
    String key = rn + ":" + EnterpriseEstablishmentProcess.REGISTER_TAX;
    assertThat(simulator.calls("tax", key)).isEqualTo(2);
    assertThat(simulator.registration("tax", key)).isNotNull();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_department_result WHERE idempotency_key = ?",
        Integer.class, key)).isEqualTo(1);
  }

  @Test
  void aDepartmentDownUntilRetriesRunOutRaisesAnIncidentAndRetryingItFinishesTheCase() {
    simulator.setBehaviour("police", new Behaviour(0, 0, true, 0, null, null));
    String rn = receive();
    accept(rn, uniqueName("远航物流有限公司"));

    Job job = awaitFailedJob(rn, EnterpriseEstablishmentProcess.ENGRAVE_SEAL);
    String processInstanceId = job.getProcessInstanceId();
    int attempts = 1;
    while (runtimeService.createIncidentQuery().processInstanceId(processInstanceId).count() == 0) {
      assertThat(attempts).as("attempts before the incident").isLessThan(10);
      String id = job.getId();
      assertThatThrownBy(() -> managementService.executeJob(id)).hasMessageContaining("公安局（police）");
      attempts++;
    }
    assertThat(attempts).as("R3 in Camunda: three attempts in all, then the incident").isEqualTo(3);
    assertThat(simulator.calls("police", rn + ":" + EnterpriseEstablishmentProcess.ENGRAVE_SEAL)).isEqualTo(attempts);

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(processInstanceId).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    assertThat(incident.getActivityId()).isEqualTo(EnterpriseEstablishmentProcess.ENGRAVE_SEAL);
    assertThat(incident.getIncidentMessage()).contains("公安局（police）印章刻制备案", "HTTP 503", "系统暂停服务");
    assertThat(caseFile(rn).get("status").asText()).isEqualTo("UNDER_REVIEW");

    // The department is back; the operator retries the job in Cockpit (retries 1, due now).
    simulator.setBehaviour("police", Behaviour.NORMAL);
    managementService.setJobRetries(job.getId(), 1);
    managementService.setJobDuedate(job.getId(), new Date());

    awaitEnded(rn);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(processInstanceId).count()).isZero();
    JsonNode file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("APPROVED");
    assertThat(results(file)).containsOnlyKeys(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
    assertThat(simulator.registration("police", rn + ":" + EnterpriseEstablishmentProcess.ENGRAVE_SEAL)).isNotNull();
  }

  @Test
  void aNameAlreadyTakenReturnsTheCaseToTheWindowAndTheCorrectedNameGoesThrough() {
    String taken = uniqueName("同名实业有限公司");
    simulator.handle("market", DepartmentCapability.BUSINESS_REGISTRATION, "elsewhere:" + UUID.randomUUID(),
        Map.of("receiptNumber", "OW-ELSEWHERE", "enterpriseName", taken));
    String rn = receive();
    accept(rn, taken);

    awaitTask(rn, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL);
    JsonNode file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("RETURNED");
    assertThat(file.get("statusLabel").asText()).isEqualTo("部门退回");
    assertThat(file.at("/currentTasks/0/key").asText()).isEqualTo(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL);
    assertThat(file.at("/currentTasks/0/candidateGroups/0").asText()).isEqualTo("window");
    assertThat(file.get("departmentResults")).isEmpty();
    String pi = file.get("processInstanceId").asText();
    assertThat(runtimeService.getVariable(pi, EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT)).isEqualTo("market");
    assertThat(runtimeService.getVariable(pi, EnterpriseEstablishmentProcess.REFUSAL_CODE)).isEqualTo("NAME_TAKEN");
    assertThat((String) runtimeService.getVariable(pi, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL_REASON))
        .contains(taken, "已被登记");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi).count()).isZero();

    work("window1", rn, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL, Map.of(
        EnterpriseEstablishmentProcess.REFUSAL_HANDLING, EnterpriseEstablishmentProcess.RESUBMIT,
        EnterpriseEstablishmentProcess.ENTERPRISE_NAME, uniqueName("同名实业二部有限公司")));

    awaitEnded(rn);
    file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("APPROVED");
    assertThat(results(file)).containsOnlyKeys(EnterpriseEstablishmentProcess.DEPARTMENT_STEPS);
  }

  @Test
  void aRefusalInTheParallelPartReturnsTheCaseWithThatDepartmentsReason() {
    simulator.setBehaviour("tax", new Behaviour(0, 0, false, 0, "TAX_ABNORMAL", "法定代表人名下存在税务非正常户记录，请先办结"));
    String rn = receive();
    accept(rn, uniqueName("晨光文化传媒有限公司"));

    awaitTask(rn, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL);
    String pi = caseFile(rn).get("processInstanceId").asText();
    assertThat(runtimeService.getVariable(pi, EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT)).isEqualTo("tax");
    assertThat(runtimeService.getVariable(pi, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL_REASON))
        .isEqualTo("法定代表人名下存在税务非正常户记录，请先办结");
    assertThat(managementService.createJobQuery().processInstanceId(pi).messages().count())
        .as("the other registrations of the parallel part are cancelled").isZero();
    assertThat(caseFile(rn).at("/clock/phase").asText()).as("the applicant's time").isEqualTo("PAUSED");
    assertThat(results(caseFile(rn))).containsKey(EnterpriseEstablishmentProcess.REGISTER_BUSINESS)
        .doesNotContainKey(EnterpriseEstablishmentProcess.REGISTER_TAX);

    work("window1", rn, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL, Map.of(
        EnterpriseEstablishmentProcess.REFUSAL_HANDLING, EnterpriseEstablishmentProcess.WITHDRAW,
        EnterpriseEstablishmentProcess.ENTERPRISE_NAME, "晨光文化传媒有限公司"));

    awaitEnded(rn);
    assertThat(caseFile(rn).get("status").asText()).isEqualTo("WITHDRAWN");
    ClockState clock = caseClock.find(rn).orElseThrow();
    assertThat(clock.phase()).isEqualTo(ClockPhase.STOPPED);
    assertThat(clock.finishedOnTime()).as("withdrawn: no verdict").isNull();
  }

  // ------------------------------------------------------------------ the case clock (承诺时限)

  @Test
  void anAcceptedCaseGetsAClockPromisingOneWorkingDayThatStopsOnTimeWhenTheApplicantIsNotified() {
    // Tue Jun 16 2026: the day of acceptance is not counted, Wed Jun 17 is the promised date.
    ClockUtil.setCurrentTime(date("2026-06-16T10:00"));
    try {
      String rn = receive();
      assertThat(caseFile(rn).get("clock").isNull()).as("no clock before acceptance").isTrue();
      accept(rn, uniqueName("春雨农业科技有限公司"));

      JsonNode clock = caseFile(rn).get("clock");
      assertThat(clock.get("promisedDate").asText()).isEqualTo("2026-06-17");
      assertThat(clock.get("deadlineAt").asText()).isEqualTo("2026-06-17T18:00:00+08:00");

      awaitEnded(rn);
      JsonNode file = caseFile(rn);
      assertThat(file.get("status").asText()).isEqualTo("APPROVED");
      assertThat(file.at("/clock/phase").asText()).isEqualTo("STOPPED");
      assertThat(caseClock.find(rn).orElseThrow().finishedOnTime()).isTrue();
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void aCaseWhoseDepartmentStaysDownGoesOverdueAndTheSupervisorsGetAnOrder() {
    JobExecutor executor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getJobExecutor();
    executor.shutdown();
    String pi = null;
    try {
      simulator.setBehaviour("market", new Behaviour(0, 0, true, 0, null, null));
      ClockUtil.setCurrentTime(date("2026-06-16T10:00"));
      String rn = receive();
      accept(rn, uniqueName("长风贸易有限公司"));
      pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult().getId();
      runDueJobs(pi);
      assertThat(caseFile(rn).at("/clock/promisedDate").asText()).isEqualTo("2026-06-17");
      assertThat(managementService.createJobQuery().processInstanceId(pi)
          .activityId(EnterpriseEstablishmentProcess.REGISTER_BUSINESS).withException().count()).isEqualTo(1);

      ClockUtil.setCurrentTime(date("2026-06-17T17:59"));
      runDueJobs(pi);
      assertThat(caseFile(rn).at("/clock/phase").asText()).isEqualTo("WARNING");
      assertThat(taskCount(pi, CommitmentItemProcess.SUPERVISION_ORDER)).isZero();

      ClockUtil.setCurrentTime(date("2026-06-17T18:01"));
      runDueJobs(pi);
      assertThat(caseFile(rn).at("/clock/phase").asText()).isEqualTo("OVERDUE");
      JsonNode queue = as("supervisor1").get("/engine-rest/task?candidateGroup=supervisors&processInstanceBusinessKey="
          + rn).json();
      assertThat(queue).hasSize(1);
      assertThat(queue.get(0).get("taskDefinitionKey").asText()).isEqualTo(CommitmentItemProcess.SUPERVISION_ORDER);
      assertThat(processEngine.getTaskService().createTaskQuery().taskId(queue.get(0).get("id").asText())
          .singleResult().getDueDate()).as("due at the case's deadline").isEqualTo(date("2026-06-17T18:00"));

      JsonNode board = as("supervisor1").get("/api/supervision/overdue").json();
      List<JsonNode> ours = new ArrayList<>();
      board.get("cases").forEach(c -> {
        if (rn.equals(c.get("receiptNumber").asText())) {
          ours.add(c);
        }
      });
      assertThat(ours).singleElement().satisfies(c -> {
        assertThat(c.get("itemName").asText()).isEqualTo("企业开办");
        assertThat(c.at("/lateSteps/0/activityId").asText()).isEqualTo(EnterpriseEstablishmentProcess.REGISTER_BUSINESS);
        assertThat(c.at("/supervisionOrders/0/taskId").asText()).isEqualTo(queue.get(0).get("id").asText());
      });
    } finally {
      try {
        if (pi != null && runtimeService.createProcessInstanceQuery().processInstanceId(pi).count() > 0) {
          runtimeService.deleteProcessInstance(pi, "end of test"); // stops the clock, no timer fires later
        }
      } finally {
        ClockUtil.reset();
        executor.start();
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Date date(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
  }

  /** With the job executor stopped: runs the case's due jobs, earliest first; a department failure is retried later. */
  private void runDueJobs(String processInstanceId) {
    for (int i = 0; i < 50; i++) {
      Job next = managementService.createJobQuery().processInstanceId(processInstanceId).executable().active()
          .orderByJobDuedate().asc().list().stream().findFirst().orElse(null);
      if (next == null) {
        return;
      }
      try {
        managementService.executeJob(next.getId());
      } catch (RuntimeException departmentDown) {
        // the failed job waits for its retry interval (or has become an incident)
      }
    }
    throw new AssertionError("jobs still due after 50 executions");
  }

  private long taskCount(String processInstanceId, String key) {
    return processEngine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey(key).count();
  }

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  private String receive() {
    ApiClient.Response r = as("window1").post("/api/cases", Applications.person("QY-KB", MATERIALS));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("missingMaterials")).isEmpty();
    return r.json().get("receiptNumber").asText();
  }

  private void accept(String rn, String enterpriseName) {
    work("window1", rn, EnterpriseEstablishmentProcess.ACCEPTANCE, Map.of(
        "acceptanceDecision", "ACCEPT", EnterpriseEstablishmentProcess.ENTERPRISE_NAME, enterpriseName));
  }

  /** Claims and completes the case's open task in the window queue over the engine REST API, checking its form. */
  private void work(String user, String rn, String taskKey, Map<String, Object> variables) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + rn + "&candidateGroup=window&taskDefinitionKey="
        + taskKey;
    JsonNode tasks = await().atMost(PATIENCE).until(() -> as(user).get(query).json(), t -> t.size() == 1);
    String id = tasks.get(0).get("id").asText();
    ApiClient.Response form = as(user).get("/engine-rest/task/" + id + "/deployed-form");
    assertThat(form.status()).as("the form of %s is deployed", taskKey).isEqualTo(200);
    assertThat(form.json().get("id").asText()).isEqualTo(tasks.get(0).get("camundaFormRef").get("key").asText());
    assertThat(as(user).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    ApiClient.Response done = as(user).post("/engine-rest/task/" + id + "/complete", Map.of("variables", vars));
    assertThat(done.status()).as("complete %s: %s", taskKey, done.body()).isEqualTo(204);
  }

  private void awaitTask(String rn, String taskKey) {
    await().atMost(PATIENCE).until(() -> caseFile(rn).get("currentTasks").findValuesAsText("key").contains(taskKey));
  }

  private void awaitEnded(String rn) {
    await().atMost(PATIENCE).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(rn).finished().count() == 1);
  }

  private Job awaitFailedJob(String rn, String activityId) {
    return await().atMost(PATIENCE).until(() -> managementService.createJobQuery().processInstanceId(
            runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult().getId())
        .activityId(activityId).withException().singleResult(), j -> j != null);
  }

  private JsonNode caseFile(String rn) {
    ApiClient.Response r = as("window1").get("/api/cases/" + rn);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Map<String, JsonNode> results(JsonNode file) {
    Map<String, JsonNode> byStep = new LinkedHashMap<>();
    file.get("departmentResults").forEach(r -> assertThat(byStep.put(r.get("step").asText(), r)).isNull());
    return byStep;
  }

  private Object historicVariable(String rn, String name) {
    String pi = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult().getId();
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name)
        .singleResult().getValue();
  }

  private static List<String[]> departmentCalls() {
    List<String[]> calls = new ArrayList<>();
    calls.add(new String[] {"market", EnterpriseEstablishmentProcess.REGISTER_BUSINESS});
    calls.add(new String[] {"police", EnterpriseEstablishmentProcess.ENGRAVE_SEAL});
    calls.add(new String[] {"tax", EnterpriseEstablishmentProcess.REGISTER_TAX});
    calls.add(new String[] {"social", EnterpriseEstablishmentProcess.REGISTER_SOCIAL_INSURANCE});
    calls.add(new String[] {"bank", EnterpriseEstablishmentProcess.NOTIFY_BANK_ACCOUNT});
    return calls;
  }

  private static String uniqueName(String name) {
    return name.replace("有限公司", "") + UUID.randomUUID().toString().substring(0, 8) + "有限公司";
  }
}
