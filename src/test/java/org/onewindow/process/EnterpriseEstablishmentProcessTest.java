package org.onewindow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.department.DepartmentCallDelegate;
import org.onewindow.department.DepartmentProperties;
import org.onewindow.department.DepartmentProperties.DepartmentSystem;
import org.onewindow.department.DepartmentRetryPlugin;
import org.onewindow.department.DepartmentUnavailableException;
import org.onewindow.support.ProcessFakes;

/**
 * Every path of processes/enterprise-establishment.bpmn (企业开办) on a plain engine with the
 * project's retry plugin: the departments are fakes that succeed, fail or refuse on demand. The
 * real adapters and simulator over HTTP are in EnterpriseEstablishmentIntegrationTest.
 */
@Deployment(resources = "processes/enterprise-establishment.bpmn")
class EnterpriseEstablishmentProcessTest {
  private static final Date NOW = new Date(1_795_000_000_000L);

  @RegisterExtension
  static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(engine()).build();

  /** Demo-like retry cycle R3/PT20S; the police have their own, R2/PT1M. */
  private static ProcessEngine engine() {
    StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
    config.setProcessEngineName("enterpriseModelTest");
    config.setJdbcUrl("jdbc:h2:mem:enterprise-model-test;DB_CLOSE_DELAY=-1");
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    config.setJobExecutorActivate(false);
    config.setExpressionManager(new MockExpressionManager());
    config.setEnforceHistoryTimeToLive(true);
    config.setProcessEnginePlugins(new ArrayList<>(List.of(new DepartmentRetryPlugin(new DepartmentProperties(null,
        null, "R3/PT20S", Map.of("police", new DepartmentSystem("公安局", null, null, null, null, "R2/PT1M")))))));
    return config.buildProcessEngine();
  }

  private ProcessEngine engine;
  private ProcessFakes fakes;
  private final Map<String, FakeDepartment> departments = new LinkedHashMap<>();
  private int sequence;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(NOW);
    fakes = ProcessFakes.register();
    department("registerBusinessDelegate", "market", EnterpriseEstablishmentProcess.CREDIT_CODE);
    department("engraveSealDelegate", "police", EnterpriseEstablishmentProcess.SEAL_RECORD_NUMBER);
    department("registerTaxDelegate", "tax", EnterpriseEstablishmentProcess.TAX_REGISTRATION_NUMBER);
    department("registerSocialInsuranceDelegate", "social", EnterpriseEstablishmentProcess.SOCIAL_INSURANCE_NUMBER);
    department("notifyBankAccountDelegate", "bank", EnterpriseEstablishmentProcess.BANK_NOTICE_NUMBER);
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // ------------------------------------------------------------------ paths

  @Test
  void acceptedCaseIsLicensedThenRegisteredInParallelAndTheApplicantNotified() {
    ProcessInstance pi = receive();
    accept(pi);

    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.REGISTER_BUSINESS);
    assertThat(((JobEntity) job(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS)).isExclusive()).isTrue();
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS);
    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.ENGRAVE_SEAL, EnterpriseEstablishmentProcess.REGISTER_TAX,
        EnterpriseEstablishmentProcess.REGISTER_SOCIAL_INSURANCE, EnterpriseEstablishmentProcess.NOTIFY_BANK_ACCOUNT);
    runJobs(pi);

    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.JOIN_REGISTRATIONS,
        EnterpriseEstablishmentProcess.NOTIFY_APPLICANT, EnterpriseEstablishmentProcess.END_FINISHED);
    departments.values().forEach(d -> assertThat(d.calls.get()).as(d.department).isEqualTo(1));
    assertThat(fakes.notices.get()).isEqualTo(1);
    assertThat(fakes.statuses.get(pi.getBusinessKey())).containsExactly("ACCEPTED", "UNDER_REVIEW", "APPROVED", "APPROVED");
    assertThat(pi).hasPassed(EnterpriseEstablishmentProcess.START_CLOCK, EnterpriseEstablishmentProcess.RESULT_READY);
    assertThat(fakes.clock).containsExactly("start", "stop", "cancelIfRunning");
  }

  @Test
  void theClockStartsAtAcceptanceAndItsTimersAndSupervisionOrderLiveInTheHandling() {
    ProcessInstance pi = receive();
    assertThat(timers(pi)).isEmpty();
    accept(pi);

    assertThat(fakes.clock).containsExactly("start");
    assertThat(timers(pi)).extracting(Job::getJobDefinitionId).hasSize(2);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId(CommitmentItemProcess.WARNING_TIMER).count()).isEqualTo(1);
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers()
        .activityId(CommitmentItemProcess.OVERDUE_TIMER).singleResult();

    // The department is down; the deadline passes: overdue, and a supervision order for the supervisors.
    engine.getManagementService().executeJob(overdue.getId());
    assertThat(fakes.clock).containsExactly("start", "overdue", "orderIssued");
    List<Task> orders = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(CommitmentItemProcess.SUPERVISION_ORDER).taskCandidateGroup("supervisors").list();
    assertThat(orders).hasSize(1);
    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.REGISTER_BUSINESS, CommitmentItemProcess.SUPERVISION_ORDER);

    // The registrations finish: the result is ready, the clock stops, the open order closes itself.
    runJobs(pi);
    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.RESULT_READY, EnterpriseEstablishmentProcess.END_FINISHED)
        .hasNotPassed(CommitmentItemProcess.RECORD_WARNING);
    assertThat(fakes.clock).containsExactly("start", "overdue", "orderIssued", "stop", "cancelIfRunning");
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("APPROVED");
  }

  @Test
  void supplementGoesBackToAcceptanceAndRefusalEndsAtTheWindow() {
    ProcessInstance pi = receive();
    complete(windowTask(pi, EnterpriseEstablishmentProcess.ACCEPTANCE), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "住所使用证明"));
    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.AWAIT_SUPPLEMENT);
    complete(windowTask(pi, EnterpriseEstablishmentProcess.AWAIT_SUPPLEMENT));
    complete(windowTask(pi, EnterpriseEstablishmentProcess.ACCEPTANCE), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.REFUSE,
        CommitmentItemProcess.REFUSAL_REASON, "不属于本机关职权范围"));

    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.END_REFUSED);
    assertThat(fakes.statuses.get(pi.getBusinessKey())).containsExactly("AWAITING_SUPPLEMENT", "RECEIVED", "REFUSED");
    assertThat(fakes.clock).as("never accepted: no clock (Art. 32)").isEmpty();
    departments.values().forEach(d -> assertThat(d.calls.get()).as(d.department).isZero());
  }

  @Test
  void aFailingDepartmentIsRetriedOnTheConfiguredCycleThenRaisesAnIncidentThatARetryResolves() {
    departments.get("tax").failuresLeft = Integer.MAX_VALUE;
    ProcessInstance pi = receive();
    accept(pi);
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS);

    Job tax = job(pi, EnterpriseEstablishmentProcess.REGISTER_TAX);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(tax.getId())).hasMessageContaining("税务局（tax）");
    Job failed = job(pi, EnterpriseEstablishmentProcess.REGISTER_TAX);
    assertThat(failed.getRetries()).isEqualTo(2);
    assertThat(failed.getDuedate()).isEqualTo(new Date(NOW.getTime() + 20_000));
    assertThatThrownBy(() -> engine.getManagementService().executeJob(tax.getId())).isInstanceOf(DepartmentUnavailableException.class);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(tax.getId())).isInstanceOf(DepartmentUnavailableException.class);
    assertThat(job(pi, EnterpriseEstablishmentProcess.REGISTER_TAX).getRetries()).isZero();

    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(EnterpriseEstablishmentProcess.REGISTER_TAX);
    assertThat(incident.getIncidentMessage()).contains("税务局（tax）", "HTTP 503");

    // The others go on meanwhile; the case waits only for tax.
    runJobs(pi);
    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.REGISTER_TAX);

    departments.get("tax").failuresLeft = 0;
    engine.getManagementService().setJobRetries(tax.getId(), 1);
    engine.getManagementService().executeJob(tax.getId());
    runJobs(pi);
    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.END_FINISHED);
    assertThat(departments.get("tax").calls.get()).isEqualTo(4);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  @Test
  void aDepartmentsOwnRetryCycleOverridesTheDefault() {
    departments.get("police").failuresLeft = 1;
    ProcessInstance pi = receive();
    accept(pi);
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS);

    Job seal = job(pi, EnterpriseEstablishmentProcess.ENGRAVE_SEAL);
    assertThatThrownBy(() -> engine.getManagementService().executeJob(seal.getId()))
        .isInstanceOf(DepartmentUnavailableException.class);
    Job failed = job(pi, EnterpriseEstablishmentProcess.ENGRAVE_SEAL);
    assertThat(failed.getRetries()).as("R2: one retry left").isEqualTo(1);
    assertThat(failed.getDuedate()).isEqualTo(new Date(NOW.getTime() + 60_000));

    engine.getManagementService().executeJob(seal.getId());
    runJobs(pi);
    assertThat(pi).isEnded();
  }

  @Test
  void aRefusedLicenceGoesBackToTheWindowAndTheApplicantMayWithdraw() {
    departments.get("market").refusal = "企业名称已被登记";
    ProcessInstance pi = receive();
    accept(pi);
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS);

    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL)
        .hasPassed(EnterpriseEstablishmentProcess.BUSINESS_REFUSED)
        .variables().containsEntry(EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT, "market")
        .containsEntry(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL_REASON, "企业名称已被登记");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("RETURNED");

    // The wait for the applicant's answer is the applicant's time: the clock pauses.
    assertThat(fakes.clock).containsExactly("start", "pause:SUPPLEMENT");
    assertThat(timers(pi)).as("the clock's timers stay with the handling").hasSize(2);

    complete(windowTask(pi, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL), withVariables(
        EnterpriseEstablishmentProcess.REFUSAL_HANDLING, EnterpriseEstablishmentProcess.WITHDRAW));
    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.WITHDRAWAL,
        EnterpriseEstablishmentProcess.HANDLING_WITHDRAWN, EnterpriseEstablishmentProcess.END_WITHDRAWN)
        .hasNotPassed(EnterpriseEstablishmentProcess.END_FINISHED, EnterpriseEstablishmentProcess.RESULT_READY);
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("WITHDRAWN");
    assertThat(fakes.clock).as("stopped without a verdict").containsExactly("start", "pause:SUPPLEMENT", "resume",
        "cancelIfRunning");
    assertThat(timers(pi)).isEmpty();
    assertThat(departments.get("police").calls.get()).isZero();
  }

  @Test
  void aRefusalInTheParallelPartCancelsTheOthersAndAResubmissionGoesThroughAgain() {
    departments.get("social").refusal = "单位已有社会保险登记记录";
    ProcessInstance pi = receive();
    accept(pi);
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_BUSINESS);
    execute(pi, EnterpriseEstablishmentProcess.REGISTER_SOCIAL_INSURANCE);

    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL)
        .hasPassed(EnterpriseEstablishmentProcess.REGISTRATION_REFUSED)
        .variables().containsEntry(EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT, "social");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).messages().count())
        .as("the other registrations are cancelled").isZero();

    departments.get("social").refusal = null;
    complete(windowTask(pi, EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL), withVariables(
        EnterpriseEstablishmentProcess.REFUSAL_HANDLING, EnterpriseEstablishmentProcess.RESUBMIT,
        EnterpriseEstablishmentProcess.ENTERPRISE_NAME, "更正后的名称有限公司"));
    assertThat(pi).isWaitingAt(EnterpriseEstablishmentProcess.REGISTER_BUSINESS);
    runJobs(pi);

    assertThat(pi).isEnded().hasPassed(EnterpriseEstablishmentProcess.END_FINISHED);
    // The resubmission runs every step again; the real delegates skip the steps already answered.
    assertThat(departments.get("market").calls.get()).isEqualTo(2);
    assertThat(departments.get("social").calls.get()).isEqualTo(2);
    assertThat(fakes.clock).as("one clock: paused while at the window, resumed by the resubmission")
        .containsExactly("start", "pause:SUPPLEMENT", "resume", "stop", "cancelIfRunning");
  }

  // ------------------------------------------------------------------ helpers

  private void department(String bean, String code, String variable) {
    FakeDepartment fake = new FakeDepartment(code, variable);
    departments.put(code, fake);
    Mocks.register(bean, fake);
  }

  private ProcessInstance receive() {
    String receiptNumber = "OWTEST" + System.nanoTime() + (sequence++);
    return engine.getRuntimeService().startProcessInstanceByKey(EnterpriseEstablishmentProcess.KEY, receiptNumber,
        Map.of(CaseVariables.ITEM_CODE, EnterpriseEstablishmentProcess.ITEM_CODE,
            CaseVariables.ITEM_NAME, "企业开办",
            CaseVariables.APPLICANT_NAME, "王小明",
            CaseVariables.MOBILE, "13800138000"));
  }

  private void accept(ProcessInstance pi) {
    complete(windowTask(pi, EnterpriseEstablishmentProcess.ACCEPTANCE), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT,
        EnterpriseEstablishmentProcess.ENTERPRISE_NAME, "星河科技有限公司"));
  }

  private Task windowTask(ProcessInstance pi, String key) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(key).taskCandidateGroup("window").list();
    assertThat(tasks).as("%s in the window queue", key).hasSize(1);
    return tasks.get(0);
  }

  private List<Job> timers(ProcessInstance pi) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().list();
  }

  private Job job(ProcessInstance pi, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).activityId(activityId)
        .singleResult();
  }

  private void execute(ProcessInstance pi, String activityId) {
    engine.getManagementService().executeJob(job(pi, activityId).getId());
  }

  /** Runs the due jobs without failures (at most 20). */
  private void runJobs(ProcessInstance pi) {
    for (int i = 0; i < 20; i++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).executable().list()
          .stream().filter(j -> j.getExceptionMessage() == null).toList();
      if (jobs.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("jobs still pending");
  }

  /** A department whose answer the test decides: registers, fails technically, or refuses. */
  static final class FakeDepartment implements JavaDelegate {
    final String department;
    final String variable;
    final AtomicInteger calls = new AtomicInteger();
    volatile int failuresLeft;
    volatile String refusal;

    FakeDepartment(String department, String variable) {
      this.department = department;
      this.variable = variable;
    }

    @Override
    public void execute(DelegateExecution execution) {
      calls.incrementAndGet();
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new DepartmentUnavailableException(department,
            ("police".equals(department) ? "公安局" : "税务局") + "（" + department + "）调用失败：HTTP 503", null);
      }
      if (refusal != null) {
        execution.getProcessInstance().setVariable(EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT, department);
        execution.getProcessInstance().setVariable(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL_REASON, refusal);
        throw new BpmnError(DepartmentCallDelegate.DEPARTMENT_REFUSED, refusal);
      }
      execution.setVariable(variable, department.toUpperCase() + "-" + execution.getProcessBusinessKey());
    }
  }
}
