package org.onewindow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.support.ProcessFakes;
import org.onewindow.support.ProcessTestEngine;

/** Every path of processes/commitment-item.bpmn (承诺件), one step at a time. */
@Deployment(resources = "processes/commitment-item.bpmn")
class CommitmentItemProcessTest {
  @RegisterExtension
  static ProcessEngineExtension extension = ProcessTestEngine.extension();

  private ProcessEngine engine;
  private ProcessFakes fakes;
  private int sequence;

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    BpmnAwareTests.init(engine);
    fakes = ProcessFakes.register();
  }

  @AfterEach
  void tearDown() {
    Mocks.reset();
  }

  private ProcessInstance receive(String itemCode) {
    String receiptNumber = "OWTEST" + System.nanoTime() + (sequence++);
    return engine.getRuntimeService().startProcessInstanceByKey(CommitmentItemProcess.KEY, receiptNumber, Map.of(
        CaseVariables.ITEM_CODE, itemCode,
        CaseVariables.ITEM_NAME, ProcessFakes.CATALOG.require(itemCode).name(),
        CaseVariables.APPLICANT_NAME, "测试申请人",
        CaseVariables.MOBILE, "13800138000"));
  }

  private Task taskIn(ProcessInstance pi, String key, String group) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(key).taskCandidateGroup(group).list();
    assertThat(tasks).as("%s tasks in the queue of %s", key, group).hasSize(1);
    return tasks.get(0);
  }

  private void accept(ProcessInstance pi) {
    complete(taskIn(pi, CommitmentItemProcess.ACCEPTANCE, "window"),
        withVariables(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT));
  }

  private void review(ProcessInstance pi, String department, String opinion) {
    complete(taskIn(pi, CommitmentItemProcess.JOINT_REVIEW, department),
        withVariables(CommitmentItemProcess.REVIEW_OPINION, opinion, CommitmentItemProcess.REVIEW_COMMENT, "意见"));
  }

  private void jobs(ProcessInstance pi) {
    ProcessTestEngine.executeJobs(engine, pi.getId());
  }

  @Test
  void acceptedCaseIsReviewedJointlyInspectedDecidedIssuedAndPickedUp() {
    ProcessInstance pi = receive("JS-GH");
    assertThat(pi).isWaitingAt(CommitmentItemProcess.ACCEPTANCE);

    accept(pi);

    assertThat(pi).isWaitingAt(CommitmentItemProcess.JOINT_REVIEW, CommitmentItemProcess.SITE_INSPECTION)
        .hasVariables(CommitmentItemProcess.LEAD_DEPARTMENT, CommitmentItemProcess.NEEDS_SITE_INSPECTION);
    assertThat(pi).variables().containsEntry(CommitmentItemProcess.LEAD_DEPARTMENT, "resources");
    assertThat(fakes.statuses.get(pi.getBusinessKey())).containsExactly("ACCEPTED", "UNDER_REVIEW");
    // One review task in each department's queue, and the inspection with the lead department.
    review(pi, "resources", CommitmentItemProcess.OPINION_AGREE);
    review(pi, "housing", CommitmentItemProcess.OPINION_AGREE);
    review(pi, "enforcement", CommitmentItemProcess.OPINION_OBJECT);
    complete(taskIn(pi, CommitmentItemProcess.SITE_INSPECTION, "resources"),
        withVariables(CommitmentItemProcess.INSPECTION_RESULT, "PASS"));
    assertThat(pi).hasNotPassed(CommitmentItemProcess.DECISION);

    jobs(pi); // each review's async continuation, then the asynchronous join
    assertThat(pi).hasPassed(CommitmentItemProcess.JOIN_JOINT_WORK).isWaitingAt(CommitmentItemProcess.DECISION);
    assertThat(fakes.opinions).containsExactlyInAnyOrder("resources=AGREE", "housing=AGREE", "enforcement=OBJECT");
    Task decision = taskIn(pi, CommitmentItemProcess.DECISION, "approvers");
    assertThat(engine.getTaskService().getVariable(decision.getId(), CommitmentItemProcess.REVIEW_SUMMARY))
        .asString().contains("enforcement=OBJECT");

    complete(decision, withVariables(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE));
    assertThat(pi).isWaitingAt(CommitmentItemProcess.ISSUE_CERTIFICATE);
    jobs(pi);

    assertThat(pi).isWaitingAt(CommitmentItemProcess.PICKUP).hasVariables(CaseVariables.CERTIFICATE_NUMBER);
    assertThat(fakes.certificates).hasValue(1);
    assertThat(fakes.notices).hasValue(1);
    complete(taskIn(pi, CommitmentItemProcess.PICKUP, "window"), withVariables(CommitmentItemProcess.PICKED_UP_BY, "张三"));

    assertThat(pi).isEnded().hasPassed(CommitmentItemProcess.END_FINISHED);
    assertThat(fakes.statuses.get(pi.getBusinessKey()))
        .containsExactly("ACCEPTED", "UNDER_REVIEW", "APPROVED", "AWAITING_PICKUP", "PICKED_UP");
  }

  @Test
  void itemWithoutSiteInspectionGoesStraightToTheJoinAndADenialIssuesNoCertificate() {
    ProcessInstance pi = receive("JS-SG");
    accept(pi);

    assertThat(pi).isWaitingAt(CommitmentItemProcess.JOINT_REVIEW).hasPassed("inspectionDone");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
    review(pi, "housing", CommitmentItemProcess.OPINION_AGREE);
    review(pi, "resources", CommitmentItemProcess.OPINION_OBJECT);
    jobs(pi);

    complete(taskIn(pi, CommitmentItemProcess.DECISION, "approvers"),
        withVariables(CaseVariables.DECISION, CaseVariables.DECISION_DENY, CaseVariables.DECISION_REASON, "不符合规划条件"));
    jobs(pi);

    assertThat(pi).isWaitingAt(CommitmentItemProcess.PICKUP).hasNotPassed(CommitmentItemProcess.ISSUE_CERTIFICATE);
    assertThat(fakes.certificates).hasValue(0);
    assertThat(fakes.notices).as("the applicant is told to collect the written denial").hasValue(1);
    complete(taskIn(pi, CommitmentItemProcess.PICKUP, "window"), withVariables(CommitmentItemProcess.PICKED_UP_BY, "李四"));
    assertThat(pi).isEnded();
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("PICKED_UP");
    assertThat(fakes.statuses.get(pi.getBusinessKey())).contains("DENIED");
  }

  @Test
  void supplementWaitsForTheMaterialsAndReturnsToTheWindow() {
    ProcessInstance pi = receive("SP-JY");
    complete(taskIn(pi, CommitmentItemProcess.ACCEPTANCE, "window"), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "食品安全管理制度"));

    assertThat(pi).isWaitingAt(CommitmentItemProcess.AWAIT_SUPPLEMENT).hasNotPassed(CommitmentItemProcess.ROUTE);
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("AWAITING_SUPPLEMENT");

    complete(taskIn(pi, CommitmentItemProcess.AWAIT_SUPPLEMENT, "window"),
        withVariables(CommitmentItemProcess.SUPPLIED_MATERIALS, "食品安全管理制度"));
    assertThat(pi).isWaitingAt(CommitmentItemProcess.ACCEPTANCE);
    assertThat(fakes.lastStatus(pi.getBusinessKey())).isEqualTo("RECEIVED");

    accept(pi);
    // SP-JY: market reviews alone and inspects the premises.
    assertThat(pi).isWaitingAt(CommitmentItemProcess.JOINT_REVIEW, CommitmentItemProcess.SITE_INSPECTION);
    taskIn(pi, CommitmentItemProcess.JOINT_REVIEW, "market");
    taskIn(pi, CommitmentItemProcess.SITE_INSPECTION, "market");
  }

  @Test
  void refusalEndsTheCaseWithReasons() {
    ProcessInstance pi = receive("LS-ZD");
    complete(taskIn(pi, CommitmentItemProcess.ACCEPTANCE, "window"), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.REFUSE,
        CommitmentItemProcess.REFUSAL_REASON, "不属于本机关职权范围"));

    assertThat(pi).isEnded().hasPassed(CommitmentItemProcess.END_REFUSED).hasNotPassed(CommitmentItemProcess.ROUTE);
    assertThat(fakes.statuses.get(pi.getBusinessKey())).containsExactly("REFUSED");
  }

  @Test
  void reviewersFinishingInAnyOrderReachTheDecisionOnce() {
    ProcessInstance pi = receive("LS-ZD");
    accept(pi);
    complete(taskIn(pi, CommitmentItemProcess.SITE_INSPECTION, "enforcement"),
        withVariables(CommitmentItemProcess.INSPECTION_RESULT, "PASS"));
    review(pi, "housing", CommitmentItemProcess.OPINION_AGREE);
    jobs(pi);
    assertThat(pi).as("waits for the last department").isWaitingAt(CommitmentItemProcess.JOINT_REVIEW);
    review(pi, "police", CommitmentItemProcess.OPINION_AGREE);
    review(pi, "enforcement", CommitmentItemProcess.OPINION_AGREE);
    jobs(pi);

    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(CommitmentItemProcess.DECISION).count()).isEqualTo(1);
  }

  @Test
  void aReviewingDepartmentAsksForASupplementWithTheClockPausedAndThenReviewsAgain() {
    ProcessInstance pi = receive("SP-JY");
    accept(pi);
    assertThat(fakes.clock).containsExactly("start");

    complete(taskIn(pi, CommitmentItemProcess.JOINT_REVIEW, "market"), withVariables(
        CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "食品安全管理制度（盖章版）"));

    Task supplement = taskIn(pi, CommitmentItemProcess.AWAIT_REVIEW_SUPPLEMENT, "market");
    assertThat(fakes.clock).containsExactly("start", "pause:SUPPLEMENT");
    assertThat(engine.getTaskService().getVariable(supplement.getId(), CommitmentItemProcess.MISSING_MATERIALS))
        .isEqualTo("食品安全管理制度（盖章版）");
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), CommitmentItemProcess.MISSING_MATERIALS))
        .as("the department's list stays in its own review").isNull();

    // Completing the supplement task with the materials is all it takes (the applicant's API will do this).
    complete(supplement, withVariables(CommitmentItemProcess.SUPPLIED_MATERIALS, "食品安全管理制度（盖章版）"));
    assertThat(fakes.clock).containsExactly("start", "pause:SUPPLEMENT", "resume");
    review(pi, "market", CommitmentItemProcess.OPINION_AGREE);
    complete(taskIn(pi, CommitmentItemProcess.SITE_INSPECTION, "market"),
        withVariables(CommitmentItemProcess.INSPECTION_RESULT, "PASS"));
    jobs(pi);

    assertThat(pi).isWaitingAt(CommitmentItemProcess.DECISION);
    assertThat(fakes.opinions).containsExactly("market=SUPPLEMENT", "market=AGREE");
    complete(taskIn(pi, CommitmentItemProcess.DECISION, "approvers"),
        withVariables(CaseVariables.DECISION, CaseVariables.DECISION_APPROVE));
    jobs(pi);
    assertThat(pi).isWaitingAt(CommitmentItemProcess.PICKUP).hasPassed(CommitmentItemProcess.RESULT_READY);
    // The handling's end listener follows the stop; the real clock ignores it once stopped.
    assertThat(fakes.clock).containsExactly("start", "pause:SUPPLEMENT", "resume", "stop", "cancelIfRunning");
  }

  @Test
  void anExtensionRequestWaitsForTheApproverAndOpenClockWorkEndsWithTheResult() {
    ProcessInstance pi = receive("JS-SG");
    accept(pi);
    requestExtension(pi, 3);
    complete(taskIn(pi, CommitmentItemProcess.APPROVE_EXTENSION, "approvers"),
        withVariables(CaseVariables.EXTENSION_APPROVED, "true"));
    assertThat(fakes.clock).containsExactly("start", "extend:3");
    assertThat(pi).hasPassed("extensionApplied");

    requestExtension(pi, 2);
    complete(taskIn(pi, CommitmentItemProcess.APPROVE_EXTENSION, "approvers"),
        withVariables(CaseVariables.EXTENSION_APPROVED, "false"));
    assertThat(pi).hasPassed("extensionRefused");
    assertThat(fakes.clock).containsExactly("start", "extend:3");

    // A request still waiting when the result is ready is closed with the handling.
    requestExtension(pi, 1);
    review(pi, "housing", CommitmentItemProcess.OPINION_AGREE);
    review(pi, "resources", CommitmentItemProcess.OPINION_AGREE);
    jobs(pi);
    complete(taskIn(pi, CommitmentItemProcess.DECISION, "approvers"),
        withVariables(CaseVariables.DECISION, CaseVariables.DECISION_DENY));
    jobs(pi);
    assertThat(pi).isWaitingAt(CommitmentItemProcess.PICKUP);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(CommitmentItemProcess.APPROVE_EXTENSION).count()).isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().count())
        .as("warning and overdue timers ended with the handling").isZero();
    assertThat(fakes.clock).containsExactly("start", "extend:3", "stop", "cancelIfRunning");
  }

  @Test
  void aRefusedOrSupplementedApplicationNeverStartsTheClock() {
    ProcessInstance pi = receive("LS-ZD");
    complete(taskIn(pi, CommitmentItemProcess.ACCEPTANCE, "window"), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "交通安全保障方案"));
    complete(taskIn(pi, CommitmentItemProcess.AWAIT_SUPPLEMENT, "window"),
        withVariables(CommitmentItemProcess.SUPPLIED_MATERIALS, "交通安全保障方案"));
    complete(taskIn(pi, CommitmentItemProcess.ACCEPTANCE, "window"), withVariables(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.REFUSE,
        CommitmentItemProcess.REFUSAL_REASON, "不属于本机关职权范围"));
    assertThat(pi).isEnded();
    assertThat(fakes.clock).isEmpty();
  }

  private void requestExtension(ProcessInstance pi, int days) {
    engine.getRuntimeService().createMessageCorrelation(CommitmentItemProcess.MESSAGE_EXTENSION_REQUESTED)
        .processInstanceId(pi.getId())
        .setVariablesToTriggeredScope(org.camunda.bpm.engine.variable.Variables.createVariables()
            .putValue(CaseVariables.EXTENSION_DAYS, days)
            .putValue(CaseVariables.EXTENSION_REASON, "需要专家论证")
            .putValue(CaseVariables.EXTENSION_APPROVED, null))
        .correlate();
  }
}
