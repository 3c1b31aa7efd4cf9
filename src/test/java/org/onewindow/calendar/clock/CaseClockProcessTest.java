package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.OneWindowIntegrationTest;

/**
 * The legal case clock in the commitment-item process, with time moved by the engine clock:
 * warning and overdue with a supervision order, a case finished before its warning, a supplement
 * pause across the National Day holiday. Expected dates are counted by hand from the published
 * 2026 schedule (holidays Jun 19–21, Sep 25–27, Oct 1–7; make-up working days Sun Sep 20, Sat Oct
 * 10); the day of acceptance is not counted, deadlines are at the 18:00 office close.
 */
@OneWindowIntegrationTest
class CaseClockProcessTest extends ClockTestSupport {

  @Test
  void aCaseWarnsGoesOverdueAndItsSupervisionOrderClosesWhenTheResultIsReady() {
    // JS-SG 建筑工程施工许可证: promised 5 working days, lead housing, co-department resources.
    now("2026-06-16T10:00");
    String rn = receiveAndAccept("JS-SG");

    // Tue Jun 16 not counted: 17, 18, [19-21 端午], 22, 23, 24.
    ClockState clock = clock(rn);
    assertThat(clock.deadlineAt()).isEqualTo(at("2026-06-24T18:00"));
    assertThat(clock.warningAt()).isEqualTo(at("2026-06-23T18:00"));
    assertThat(clock.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(variable(rn, CaseVariables.PROMISED_DATE)).isEqualTo("2026-06-24");
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("RUNNING");
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate).containsExactlyInAnyOrder(
        tuple("jointReview", date("2026-06-24T18:00")), tuple("jointReview", date("2026-06-24T18:00")));
    assertThat(timers(rn)).containsEntry(CaseClockEngine.TimerKind.WARNING, List.of(date("2026-06-23T18:00")))
        .containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2026-06-24T18:00")));
    JsonNode file = as("window1").get("/api/cases/" + rn).json();
    assertThat(file.at("/clock/promisedDate").asText()).isEqualTo("2026-06-24");
    assertThat(file.at("/clock/deadlineAt").asText()).isEqualTo("2026-06-24T18:00:00+08:00");
    assertThat(file.at("/clock/phase").asText()).isEqualTo("RUNNING");
    assertThat(file.at("/clock/calendarComplete").asBoolean()).isTrue();

    now("2026-06-23T17:59");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(supervisionEvents(rn)).isEmpty();

    now("2026-06-23T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.WARNING);
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("WARNING");
    assertThat(supervisionEvents(rn)).singleElement().satisfies(e -> {
      assertThat(e).containsEntry("KIND", "WARNING").containsEntry("ACTIVITY_ID", "jointReview")
          .containsEntry("ACTIVITY_NAME", "联合审查").containsEntry("DEPARTMENT", "housing,resources");
    });
    assertThat(count(rn, CommitmentItemProcess.SUPERVISION_ORDER)).isZero();

    now("2026-06-24T09:00");
    review(rn, "housing", CommitmentItemProcess.OPINION_AGREE);

    now("2026-06-24T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.OVERDUE);
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("OVERDUE");
    List<Map<String, Object>> events = supervisionEvents(rn);
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).containsEntry("KIND", "OVERDUE").containsEntry("ACTIVITY_ID", "jointReview")
        .containsEntry("DEPARTMENT", "resources");
    // The supervision order (督办) waits in the supervisors' queue and names the late step.
    Task order = task(rn, CommitmentItemProcess.SUPERVISION_ORDER, "supervisors");
    assertThat(tasks.getVariables(order.getId())).containsEntry(CaseVariables.RECEIPT_NUMBER, rn)
        .containsEntry(CaseVariables.ITEM_NAME, "建筑工程施工许可证")
        .containsEntry(CaseVariables.APPLICANT_NAME, "县城建设发展有限公司")
        .containsEntry(CaseVariables.LATE_STEP, "联合审查")
        .containsEntry(CaseVariables.LATE_DEPARTMENT, "自然资源局")
        .containsEntry(CaseVariables.PROMISED_DATE, "2026-06-24");
    assertThat(events.get(1)).containsEntry("ORDER_TASK_ID", order.getId());
    assertThat(events.get(1).get("ORDER_CLOSED_AT")).isNull();
    JsonNode supervisorsQueue = as("supervisor1").get(
        "/engine-rest/task?candidateGroup=supervisors&processInstanceBusinessKey=" + rn).json();
    assertThat(supervisorsQueue).hasSize(1);

    // The work goes on: the late department reviews, the approver decides, the result is issued.
    now("2026-06-25T10:00");
    review(rn, "resources", CommitmentItemProcess.OPINION_AGREE);
    decide(rn, CaseVariables.DECISION_APPROVE);

    assertThat(count(rn, CommitmentItemProcess.SUPERVISION_ORDER)).as("the order closed itself").isZero();
    assertThat(supervisionEvents(rn).get(1).get("ORDER_CLOSED_AT")).isNotNull();
    ClockState stopped = clock(rn);
    assertThat(stopped.phase()).isEqualTo(ClockPhase.STOPPED);
    assertThat(stopped.finishedOnTime()).isFalse();
    assertThat(stopped.workingDaysUsed()).as("17, 18, 22, 23, 24, 25").isEqualTo(6);
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("STOPPED");
    assertThat(timers(rn)).isEmpty();
    Task pickup = task(rn, CommitmentItemProcess.PICKUP, "window");
    assertThat(pickup.getDueDate()).as("pickup by the applicant is outside the clock").isNull();
    assertThat(ledgerKinds(rn)).containsExactly("START", "STOP");
  }

  @Test
  void theSupervisorsInstructionIsKeptAndShownOnTheLateTask() {
    now("2026-06-16T10:00");
    String rn = receiveAndAccept("JS-SG");
    review(rn, "resources", CommitmentItemProcess.OPINION_AGREE);
    now("2026-06-24T18:00");
    Task late = task(rn, CommitmentItemProcess.JOINT_REVIEW, "housing");

    now("2026-06-25T09:00");
    complete("supervisor1", task(rn, CommitmentItemProcess.SUPERVISION_ORDER, "supervisors"),
        Map.of(CaseVariables.SUPERVISION_INSTRUCTION, "请于今日下班前完成审查并说明超期原因"));

    Map<String, Object> overdue = supervisionEvents(rn).stream().filter(e -> "OVERDUE".equals(e.get("KIND")))
        .findFirst().orElseThrow();
    assertThat(overdue).containsEntry("ORDER_INSTRUCTION", "请于今日下班前完成审查并说明超期原因")
        .containsEntry("DEPARTMENT", "housing");
    assertThat(tasks.getTaskComments(late.getId())).extracting(Comment::getFullMessage)
        .containsExactly("督办意见（supervisor1）：请于今日下班前完成审查并说明超期原因");
    assertThat(overdue.get("ORDER_CLOSED_AT")).as("open until the case finishes").isNull();

    review(rn, "housing", CommitmentItemProcess.OPINION_AGREE);
    decide(rn, CaseVariables.DECISION_DENY);
    assertThat(supervisionEvents(rn).stream().filter(e -> "OVERDUE".equals(e.get("KIND"))).findFirst().orElseThrow()
        .get("ORDER_CLOSED_AT")).isNotNull();
  }

  @Test
  void aCaseFinishedBeforeItsWarningHasNoSupervisionOrderAndIsOnTime() {
    now("2026-06-16T10:00");
    String rn = receiveAndAccept("JS-SG");

    now("2026-06-17T10:00");
    review(rn, "housing", CommitmentItemProcess.OPINION_AGREE);
    review(rn, "resources", CommitmentItemProcess.OPINION_AGREE);
    now("2026-06-18T15:00");
    decide(rn, CaseVariables.DECISION_APPROVE);

    ClockState stopped = clock(rn);
    assertThat(stopped.phase()).isEqualTo(ClockPhase.STOPPED);
    assertThat(stopped.finishedOnTime()).isTrue();
    assertThat(stopped.workingDaysUsed()).as("17, 18").isEqualTo(2);
    assertThat(stopped.stoppedAt()).isEqualTo(at("2026-06-18T15:00"));
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("STOPPED");
    assertThat(timers(rn)).as("warning and overdue timers went with the handling").isEmpty();

    // Long after the promised date nothing fires for this case.
    now("2026-07-31T18:00");
    assertThat(supervisionEvents(rn)).isEmpty();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(rn)
        .taskDefinitionKey(CommitmentItemProcess.SUPERVISION_ORDER).count()).isZero();
    assertThat(ledgerKinds(rn)).containsExactly("START", "STOP");
    assertThat(task(rn, CommitmentItemProcess.PICKUP, "window").getDueDate()).isNull();
    JsonNode clockJson = as("window1").get("/api/cases/" + rn + "/clock").json();
    assertThat(clockJson.get("phase").asText()).isEqualTo("STOPPED");
    assertThat(clockJson.get("finishedOnTime").asBoolean()).isTrue();
    assertThat(clockJson.get("workingDaysUsed").asInt()).isEqualTo(2);
  }

  @Test
  void aSupplementPauseAcrossTheNationalDayHolidayMovesWarningOverdueAndDueDatesByTheDaysPaused() {
    // SP-JY 食品经营许可: promised 10 working days; market reviews and inspects.
    now("2026-09-22T10:00");
    String rn = receiveAndAccept("SP-JY");
    // Tue Sep 22 not counted: 23, 24, [25-27], 28, 29, 30, [Oct 1-7], 8, 9, 10 (Sat), 12, 13.
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-10-13T18:00"));
    assertThat(clock(rn).warningAt()).isEqualTo(at("2026-10-12T18:00"));

    now("2026-09-29T15:00");
    complete("market1", task(rn, CommitmentItemProcess.JOINT_REVIEW, "market"), Map.of(
        CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "食品安全管理制度（盖章版）"));

    Task supplement = task(rn, CommitmentItemProcess.AWAIT_REVIEW_SUPPLEMENT, "market");
    assertThat(tasks.getVariable(supplement.getId(), CommitmentItemProcess.MISSING_MATERIALS))
        .isEqualTo("食品安全管理制度（盖章版）");
    ClockState paused = clock(rn);
    assertThat(paused.phase()).isEqualTo(ClockPhase.PAUSED);
    assertThat(paused.pauseReasonType()).isEqualTo(PauseReason.SUPPLEMENT);
    assertThat(paused.pausedSince()).isEqualTo(at("2026-09-29T15:00"));
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("PAUSED");
    assertThat(suspendedTimers(rn)).hasSize(2);
    assertThat(jdbc.queryForObject("SELECT opinion FROM ow_review_opinion WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("SUPPLEMENT");

    // While paused, neither the old warning nor the old deadline fires.
    now("2026-10-12T18:00");
    now("2026-10-13T18:30");
    assertThat(supervisionEvents(rn)).isEmpty();
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.PAUSED);

    // The applicant brings the materials on Wed Oct 14. Paused Tue Sep 29 (counted as used) to
    // Oct 14 (not counted): Sep 30, Oct 8, 9, 10 (Sat, make-up), 12, 13, 14 = 7 working days.
    now("2026-10-14T10:00");
    complete("market1", supplement, Map.of(CommitmentItemProcess.SUPPLIED_MATERIALS, "食品安全管理制度（盖章版）"));

    ClockState resumed = clock(rn);
    assertThat(resumed.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(resumed.pausedWorkingDays()).isEqualTo(7);
    // Oct 13 + 7 working days: 14, 15, 16, 19, 20, 21, 22.
    assertThat(resumed.deadlineAt()).isEqualTo(at("2026-10-22T18:00"));
    assertThat(resumed.warningAt()).isEqualTo(at("2026-10-21T18:00"));
    assertThat(suspendedTimers(rn)).isEmpty();
    assertThat(timers(rn)).containsEntry(CaseClockEngine.TimerKind.WARNING, List.of(date("2026-10-21T18:00")))
        .containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2026-10-22T18:00")));
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate).containsExactlyInAnyOrder(
        tuple("siteInspection", date("2026-10-22T18:00")), tuple("jointReview", date("2026-10-22T18:00")));
    assertThat(variable(rn, CaseVariables.PROMISED_DATE)).isEqualTo("2026-10-22");

    JsonNode clockJson = as("market1").get("/api/cases/" + rn + "/clock").json();
    assertThat(clockJson.get("promisedDate").asText()).isEqualTo("2026-10-22");
    JsonNode ledger = clockJson.get("ledger");
    assertThat(ledger).hasSize(3);
    assertThat(ledger.get(1).get("kind").asText()).isEqualTo("PAUSE");
    assertThat(ledger.get(1).get("reasonType").asText()).isEqualTo("SUPPLEMENT");
    assertThat(ledger.get(1).get("actor").asText()).isEqualTo("market1");
    assertThat(ledger.get(1).get("reason").asText()).contains("市场监督管理局", "食品安全管理制度（盖章版）");
    assertThat(ledger.get(2).get("kind").asText()).isEqualTo("RESUME");
    assertThat(ledger.get(2).get("deadlineBefore").asText()).isEqualTo("2026-10-13");
    assertThat(ledger.get(2).get("deadlineAfter").asText()).isEqualTo("2026-10-22");
    assertThat(ledger.get(2).get("occurredAt").asText()).isEqualTo("2026-10-14T10:00:00+08:00");

    now("2026-10-21T17:59");
    assertThat(supervisionEvents(rn)).isEmpty();
    now("2026-10-21T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.WARNING);
    now("2026-10-22T17:59");
    assertThat(count(rn, CommitmentItemProcess.SUPERVISION_ORDER)).isZero();
    now("2026-10-22T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.OVERDUE);
    assertThat(supervisionEvents(rn)).extracting(e -> e.get("KIND")).containsExactly("WARNING", "OVERDUE");
    assertThat(count(rn, CommitmentItemProcess.SUPERVISION_ORDER)).isEqualTo(1);
  }

  @Test
  void theAcceptanceReviewIsDueFiveWorkingDaysAfterTheMaterialsArrive() {
    // Art. 32. Received Thu Jun 18, not counted; Jun 19–21 端午; 22, 23, 24, 25, 26.
    now("2026-06-18T10:00");
    String rn = receive("JS-SG");
    assertThat(caseClock.find(rn)).as("no clock before acceptance").isEmpty();
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate)
        .containsExactly(tuple("acceptance", date("2026-06-26T18:00")));
    as("window1").get("/api/cases/" + rn); // the clerk's view of the case still works

    // Incomplete: the applicant is told once; the new materials arrive Mon Jun 29, and the
    // acceptance review of the completed application counts 5 working days again from there.
    complete("window1", task(rn, CommitmentItemProcess.ACCEPTANCE, "window"), Map.of(
        CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "施工图设计文件审查合格书"));
    assertThat(openTasks(rn)).singleElement().satisfies(t -> {
      assertThat(t.getTaskDefinitionKey()).isEqualTo(CommitmentItemProcess.AWAIT_SUPPLEMENT);
      assertThat(t.getDueDate()).as("waiting for the applicant is not the window's limit").isNull();
    });
    now("2026-06-29T09:00");
    complete("window1", task(rn, CommitmentItemProcess.AWAIT_SUPPLEMENT, "window"),
        Map.of(CommitmentItemProcess.SUPPLIED_MATERIALS, "施工图设计文件审查合格书"));
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate)
        .containsExactly(tuple("acceptance", date("2026-07-06T18:00")));

    // Accepted Wed Jul 1: from here the tasks are due at the clock's deadline (JS-SG: 5 working
    // days; Jul 1 not counted: 2, 3, 6, 7, 8).
    now("2026-07-01T09:00");
    complete("window1", task(rn, CommitmentItemProcess.ACCEPTANCE, "window"),
        Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT));
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-07-08T18:00"));
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate).containsOnly(
        tuple("jointReview", date("2026-07-08T18:00")));
  }

  @Test
  void anImmediateItemHasNoClockAndIsDueTheSameDay() {
    now("2026-06-16T10:00");
    String rn = receive("GT-DJ"); // 个体工商户登记: promised 0, decided at the window on the spot
    assertThat(caseClock.find(rn)).isEmpty();
    assertThat(openTasks(rn)).singleElement().satisfies(t -> assertThat(t.getDueDate()).isEqualTo(date("2026-06-16T18:00")));
    assertThat(as("window1").get("/api/cases/" + rn).json().get("clock").isNull()).isTrue();
  }
}
