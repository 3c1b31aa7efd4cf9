package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;

/**
 * Art. 45 pauses by staff over the API (hearing, testing, inspection, quarantine, expert review),
 * and how they combine with a department's supplement pause: the clock resumes only when neither
 * holds it any more, and the deadline moves by the working days of the whole pause.
 */
@OneWindowIntegrationTest
class CaseClockPauseTest extends ClockTestSupport {

  private ApiClient.Response pause(String user, String rn, Object body) {
    return as(user).post("/api/cases/" + rn + "/clock/pauses", body);
  }

  private ApiClient.Response resume(String user, String rn) {
    return as(user).post("/api/cases/" + rn + "/clock/resume", Map.of());
  }

  private static List<String> fields(ApiClient.Response response) {
    return response.json().get("errors").findValuesAsText("field");
  }

  @Test
  void aTestingPauseAndASupplementOverlapAndTheDeadlineMovesByTheWholePause() {
    // JS-GH: promised 10, lead resources, reviewed by resources, housing and enforcement.
    now("2026-06-01T09:00");
    String rn = receiveAndAccept("JS-GH");
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-06-15T18:00"));

    // Bad input names the field; supplement is not a reason staff can give here.
    ApiClient.Response empty = pause("resources1", rn, Map.of());
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.contentType()).startsWith("application/problem+json");
    assertThat(fields(empty)).containsExactly("reasonType", "reason");
    assertThat(fields(pause("resources1", rn, Map.of("reasonType", "SUPPLEMENT", "reason", "缺材料"))))
        .containsExactly("reasonType");
    assertThat(fields(pause("resources1", rn, Map.of("reasonType", "NAP", "reason", "x")))).containsExactly("reasonType");
    assertThat(pause("resources1", rn, "not json").status()).isEqualTo(400);
    assertThat(pause("housing1", rn, Map.of("reasonType", "TESTING", "reason", "x")).status())
        .as("not the lead department").isEqualTo(403);
    assertThat(pause("resources1", "OW20260601999999", Map.of("reasonType", "TESTING", "reason", "x")).status())
        .isEqualTo(404);
    assertThat(resume("resources1", rn).status()).as("not paused").isEqualTo(409);

    now("2026-06-03T10:00");
    ApiClient.Response paused = pause("resources1", rn, Map.of("reasonType", "TESTING", "reason", "委托检测机构检测日照间距"));
    assertThat(paused.status()).as(paused.body()).isEqualTo(201);
    assertThat(paused.json().get("phase").asText()).isEqualTo("PAUSED");
    assertThat(paused.json().get("pauseReasonType").asText()).isEqualTo("TESTING");
    assertThat(variable(rn, CaseVariables.CLOCK_PHASE)).isEqualTo("PAUSED");
    assertThat(suspendedTimers(rn)).hasSize(2);
    ApiClient.Response twice = pause("approver1", rn, Map.of("reasonType", "HEARING", "reason", "听证"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("detail").asText()).contains("检测");

    // A department asks the applicant for more while the testing runs: the pause goes on.
    now("2026-06-04T11:00");
    complete("housing1", task(rn, CommitmentItemProcess.JOINT_REVIEW, "housing"), Map.of(
        CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "建筑日照分析报告"));
    assertThat(clock(rn).pauseReasonType()).isEqualTo(PauseReason.TESTING);
    assertThat(clock(rn).deadlineAt()).isEqualTo(at("2026-06-15T18:00"));

    // The testing ends; the supplement still holds the clock.
    now("2026-06-08T09:00");
    ApiClient.Response testingOver = resume("resources1", rn);
    assertThat(testingOver.status()).as(testingOver.body()).isEqualTo(200);
    assertThat(testingOver.json().get("phase").asText()).isEqualTo("PAUSED");
    assertThat(testingOver.json().get("pauseReasonType").asText()).isEqualTo("SUPPLEMENT");
    ApiClient.Response notStaffs = resume("resources1", rn);
    assertThat(notStaffs.status()).isEqualTo(409);
    assertThat(notStaffs.json().get("detail").asText()).contains("补正");
    assertThat(suspendedTimers(rn)).hasSize(2);

    // The materials arrive on Wed Jun 10. Paused Wed Jun 3 (used) to Jun 10 (not counted):
    // Jun 4, 5, 8, 9, 10 = 5 working days. Jun 15 + 5: 16, 17, 18, [19-21 端午], 22, 23.
    now("2026-06-10T15:00");
    complete("housing1", task(rn, CommitmentItemProcess.AWAIT_REVIEW_SUPPLEMENT, "housing"),
        Map.of(CommitmentItemProcess.SUPPLIED_MATERIALS, "建筑日照分析报告"));
    ClockState resumed = clock(rn);
    assertThat(resumed.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(resumed.pausedWorkingDays()).isEqualTo(5);
    assertThat(resumed.deadlineAt()).isEqualTo(at("2026-06-23T18:00"));
    assertThat(resumed.warningAt()).isEqualTo(at("2026-06-22T18:00"));
    assertThat(suspendedTimers(rn)).isEmpty();
    assertThat(timers(rn)).containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2026-06-23T18:00")));
    assertThat(task(rn, CommitmentItemProcess.JOINT_REVIEW, "housing").getDueDate()).isEqualTo(date("2026-06-23T18:00"));

    JsonNode ledger = as("resources1").get("/api/cases/" + rn + "/clock").json().get("ledger");
    assertThat(ledger.findValuesAsText("kind")).containsExactly("START", "PAUSE", "PAUSE", "RESUME", "RESUME");
    assertThat(ledger.findValuesAsText("reasonType")).containsExactly("null", "TESTING", "SUPPLEMENT", "TESTING", "SUPPLEMENT");
    assertThat(ledger.get(1).get("actor").asText()).isEqualTo("resources1");
    assertThat(ledger.get(1).get("reason").asText()).isEqualTo("检测：委托检测机构检测日照间距");
    assertThat(ledger.get(4).get("deadlineBefore").asText()).isEqualTo("2026-06-15");
    assertThat(ledger.get(4).get("deadlineAfter").asText()).isEqualTo("2026-06-23");
  }

  @Test
  void aStoppedClockCannotBePaused() {
    now("2026-06-16T10:00");
    String rn = receiveAndAccept("JS-SG");
    review(rn, "housing", CommitmentItemProcess.OPINION_AGREE);
    review(rn, "resources", CommitmentItemProcess.OPINION_AGREE);
    decide(rn, "DENY");
    assertThat(clock(rn).phase()).isEqualTo(ClockPhase.STOPPED);
    ApiClient.Response late = pause("housing1", rn, Map.of("reasonType", "HEARING", "reason", "听证"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(resume("approver1", rn).status()).isEqualTo(409);
  }
}
