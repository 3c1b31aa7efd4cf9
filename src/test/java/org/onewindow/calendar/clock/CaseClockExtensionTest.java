package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;

/**
 * Extension (延期, Art. 42) of a JS-GH case (建设工程规划许可证: promised 10, statutory 20 working
 * days, lead department resources): requested over the API by the lead department, approved or
 * refused in the approvers' queue, bounded by the statutory limit at request and at approval.
 */
@OneWindowIntegrationTest
class CaseClockExtensionTest extends ClockTestSupport {

  private ApiClient.Response request(String user, String rn, Object body) {
    return as(user).post("/api/cases/" + rn + "/extension-requests", body);
  }

  private static List<String> fields(ApiClient.Response response) {
    return response.json().get("errors").findValuesAsText("field");
  }

  @Test
  void anApprovedExtensionMovesTheDeadlineTimersAndDueDatesAndAWarnedCaseIsWarnedAgain() {
    now("2026-06-01T09:00");
    String rn = receiveAndAccept("JS-GH");
    // Mon Jun 1 not counted: Jun 2, 3, 4, 5, 8, 9, 10, 11, 12, 15.
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-06-15T18:00"));
    assertThat(clock(rn).warningAt()).isEqualTo(at("2026-06-12T18:00"));

    // Only the lead department asks; bad input names the fields; the statutory limit bounds it.
    ApiClient.Response notLead = request("housing1", rn, Map.of("workingDays", 3, "reason", "需要专家论证"));
    assertThat(notLead.status()).isEqualTo(403);
    assertThat(notLead.contentType()).startsWith("application/problem+json");
    ApiClient.Response empty = request("resources1", rn, Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(fields(empty)).containsExactly("workingDays", "reason");
    ApiClient.Response wrongType = as("resources1").post("/api/cases/" + rn + "/extension-requests",
        "{\"workingDays\": \"five\", \"reason\": \"x\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(fields(wrongType)).containsExactly("workingDays");
    ApiClient.Response beyond = request("resources1", rn, Map.of("workingDays", 11, "reason", "需要专家论证"));
    assertThat(beyond.status()).as(beyond.body()).isEqualTo(400);
    assertThat(fields(beyond)).containsExactly("workingDays");
    assertThat(beyond.json().get("errors").get(0).get("message").asText()).contains("法定时限 20", "最多还可延期 10");
    assertThat(count(rn, CommitmentItemProcess.APPROVE_EXTENSION)).isZero();

    now("2026-06-12T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.WARNING);

    now("2026-06-15T09:00");
    ApiClient.Response accepted = request("resources1", rn, Map.of("workingDays", 5, "reason", "需要组织专家论证设计方案"));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
    Task approval = task(rn, CommitmentItemProcess.APPROVE_EXTENSION, "approvers");
    assertThat(tasks.getVariables(approval.getId())).containsEntry(CaseVariables.EXTENSION_DAYS, 5)
        .containsEntry(CaseVariables.EXTENSION_REASON, "需要组织专家论证设计方案")
        .containsEntry(CaseVariables.EXTENSION_REQUESTED_BY, "resources1");
    assertThat(variable(rn, CaseVariables.EXTENSION_DAYS)).as("local to the request").isNull();
    assertThat(approval.getDueDate()).isEqualTo(date("2026-06-15T18:00"));
    assertThat(request("resources1", rn, Map.of("workingDays", 2, "reason", "再延")).status())
        .as("one request at a time").isEqualTo(409);

    complete("approver1", approval, Map.of(CaseVariables.EXTENSION_APPROVED, "true",
        CaseVariables.EXTENSION_COMMENT, "同意"));

    // Jun 15 + 5 working days: 16, 17, 18, [19-21 端午], 22, 23.
    ClockState extended = clock(rn);
    assertThat(extended.extendedDays()).isEqualTo(5);
    assertThat(extended.deadlineAt()).isEqualTo(at("2026-06-23T18:00"));
    assertThat(extended.warningAt()).isEqualTo(at("2026-06-22T18:00"));
    assertThat(extended.phase()).as("the new warning lies ahead").isEqualTo(ClockPhase.RUNNING);
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("RUNNING");
    assertThat(variable(rn, CaseVariables.PROMISED_DATE)).isEqualTo("2026-06-23");
    assertThat(timers(rn)).containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2026-06-23T18:00")))
        .containsEntry(CaseClockEngine.TimerKind.WARNING, List.of(date("2026-06-22T18:00")));
    assertThat(openTasks(rn)).extracting(Task::getTaskDefinitionKey, Task::getDueDate).containsOnly(
        tuple("jointReview", date("2026-06-23T18:00")), tuple("siteInspection", date("2026-06-23T18:00")));
    JsonNode ledger = as("resources1").get("/api/cases/" + rn + "/clock").json().get("ledger");
    JsonNode extension = ledger.get(ledger.size() - 1);
    assertThat(extension.get("kind").asText()).isEqualTo("EXTENSION");
    assertThat(extension.get("actor").asText()).isEqualTo("approver1");
    assertThat(extension.get("reason").asText()).contains("5", "需要组织专家论证设计方案", "resources1", "同意");
    assertThat(extension.get("deadlineBefore").asText()).isEqualTo("2026-06-15");
    assertThat(extension.get("deadlineAfter").asText()).isEqualTo("2026-06-23");

    now("2026-06-15T18:00");
    assertThat(clock(rn).phase()).as("no overdue at the old deadline").isEqualTo(ClockPhase.RUNNING);
    now("2026-06-22T18:00");
    assertThat(clock(rn).phase()).as("warned again at the new warning time").isEqualTo(ClockPhase.WARNING);
    assertThat(supervisionEvents(rn)).extracting(e -> e.get("KIND")).containsExactly("WARNING", "WARNING");

    // 5 of 10 allowed days are used: 6 more would pass the statutory limit.
    ApiClient.Response tooMany = request("resources1", rn, Map.of("workingDays", 6, "reason", "仍需论证"));
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("errors").get(0).get("message").asText()).contains("最多还可延期 5");

    // A refused request changes nothing.
    now("2026-06-23T09:00");
    assertThat(request("resources1", rn, Map.of("workingDays", 3, "reason", "仍需论证")).status()).isEqualTo(202);
    complete("approver1", task(rn, CommitmentItemProcess.APPROVE_EXTENSION, "approvers"),
        Map.of(CaseVariables.EXTENSION_APPROVED, "false", CaseVariables.EXTENSION_COMMENT, "理由不充分"));
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-06-23T18:00"));
    assertThat(clock(rn).extendedDays()).isEqualTo(5);
    assertThat(ledgerKinds(rn)).containsExactly("START", "EXTENSION");

    // Asked in time but not approved before the deadline: the approval is refused at approval.
    now("2026-06-23T10:00");
    assertThat(request("resources1", rn, Map.of("workingDays", 2, "reason", "专家意见未出")).status()).isEqualTo(202);
    now("2026-06-23T18:00");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.OVERDUE);
    Task late = task(rn, CommitmentItemProcess.APPROVE_EXTENSION, "approvers");
    assertThatThrownBy(() -> complete("approver1", late, Map.of(CaseVariables.EXTENSION_APPROVED, "true")))
        .hasRootCauseInstanceOf(FormFieldValidationException.class).hasMessageContaining("已超过承诺期限");
    assertThat(clock(rn).extendedDays()).isEqualTo(5);
    complete("approver1", late, Map.of(CaseVariables.EXTENSION_APPROVED, "false"));
    assertThat(count(rn, CommitmentItemProcess.APPROVE_EXTENSION)).isZero();

    ApiClient.Response afterDeadline = request("resources1", rn, Map.of("workingDays", 1, "reason", "补救"));
    assertThat(afterDeadline.status()).isEqualTo(409);
    assertThat(afterDeadline.json().get("detail").asText()).contains("已超过承诺期限");
  }

  @Test
  void thereIsNothingToExtendBeforeAcceptanceOrForAnUnknownCase() {
    now("2026-06-01T09:00");
    String rn = receive("JS-GH");
    assertThat(request("resources1", rn, Map.of("workingDays", 1, "reason", "x")).status()).isEqualTo(409);
    assertThat(request("resources1", "OW20260601999999", Map.of("workingDays", 1, "reason", "x")).status())
        .isEqualTo(404);
    ApiClient.Response noClock = as("resources1").get("/api/cases/" + rn + "/clock");
    assertThat(noClock.status()).isEqualTo(404);
    assertThat(noClock.json().get("title").asText()).isEqualTo("未开始计时");
    assertThat(as("resources1").get("/api/cases/OW20260601999999/clock").status()).isEqualTo(404);
    assertThat(as("resources1").get("/api/cases/" + rn).json().get("clock").isNull()).isTrue();
  }
}
