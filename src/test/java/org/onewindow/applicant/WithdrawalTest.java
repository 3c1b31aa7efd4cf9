package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** 撤件: until the decision the applicant may withdraw; the case ends everywhere and its record stays. */
@OneWindowIntegrationTest
class WithdrawalTest {
  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtime;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  TaskService tasks;

  @Autowired
  HistoryService history;

  @Autowired
  PublicThrottles throttles;

  private ApiClient applicant;
  private StaffTasks staff;

  private OpenCases openCases;

  @BeforeEach
  void setUp() {
    openCases = OpenCases.mark(jdbc, runtime);
    throttles.reset();
    applicant = ApiClient.anonymous(port);
    staff = new StaffTasks(port);
  }

  @AfterEach
  void endOpenCases() {
    openCases.endAll();
  }

  private String[] apply() {
    ApiClient.Response r = applicant.post("/api/public/cases", Applications.organisation("JS-SG",
        List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return new String[] {r.json().get("receiptNumber").asText(), r.json().get("queryCode").asText()};
  }

  private ApiClient.Response withdraw(String rn, String code, String reason) {
    return applicant.post("/api/public/cases/" + rn + "/withdrawal", Map.of("code", code, "reason", reason));
  }

  @Test
  void aCaseUnderReviewIsWithdrawnItsTasksVanishItsClockStopsAndItsRecordStays() {
    String[] c = apply();
    String rn = c[0];
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "ACCEPT"));
    staff.task("housing1", "housing", rn, "jointReview");
    staff.task("resources1", "resources", rn, "jointReview");
    String pi = jdbc.queryForObject("SELECT process_instance_id FROM ow_case WHERE receipt_number = ?", String.class, rn);
    // The case clock runs from the acceptance; the applicant sees its deadline as the promised date.
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("RUNNING");
    LocalDate deadline = jdbc.queryForObject("SELECT deadline_date FROM ow_case_clock WHERE receipt_number = ?",
        LocalDate.class, rn);
    assertThat(applicant.get("/api/public/cases/" + rn + "?code=" + c[1]).json().get("promisedDate").asText())
        .isEqualTo(deadline.toString());

    ApiClient.Response r = withdraw(rn, c[1], "项目取消，不再申请");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(r.json().get("statusLabel").asText()).isEqualTo("已撤回");
    assertThat(r.json().get("canWithdraw").asBoolean()).isFalse();
    assertThat(r.json().get("canRate").asBoolean()).isTrue();

    // Gone from every queue.
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(rn).count()).isZero();
    for (String[] queue : new String[][] {{"housing1", "housing"}, {"resources1", "resources"}, {"window1", "window"}}) {
      assertThat(staff.as(queue[0]).get("/engine-rest/task?processInstanceBusinessKey=" + rn + "&candidateGroup="
          + queue[1]).json()).as(queue[1]).isEmpty();
    }
    // The record stays: the case file, and the history with the reason.
    ApiClient.Response file = staff.as("window1").get("/api/cases/" + rn);
    assertThat(file.json().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(file.json().get("finishedAt").isNull()).isFalse();
    HistoricProcessInstance h = history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
    assertThat(h.getState()).isEqualTo(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED);
    assertThat(h.getDeleteReason()).isEqualTo("撤件：项目取消，不再申请");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi).count()).isEqualTo(3);
    // The clock stopped, in its ledger too.
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("STOPPED");
    assertThat(jdbc.queryForObject("SELECT stopped_at FROM ow_case_clock WHERE receipt_number = ?",
        OffsetDateTime.class, rn)).isNotNull();
    assertThat(jdbc.queryForList("SELECT kind || '/' || COALESCE(reason_type, '-') FROM ow_clock_event "
        + "WHERE receipt_number = ? ORDER BY id", String.class, rn)).containsExactly("START/-", "STOP/WITHDRAWAL");
    assertThat(jdbc.queryForObject("SELECT reason || ' by ' || actor FROM ow_clock_event WHERE receipt_number = ? "
        + "AND kind = 'STOP'", String.class, rn)).isEqualTo("撤件：项目取消，不再申请 by applicant");

    // Once withdrawn, it stays withdrawn; the applicant may rate the service.
    ApiClient.Response again = withdraw(rn, c[1], "再撤一次");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    ApiClient.Response rated = applicant.post("/api/public/cases/" + rn + "/rating",
        Map.of("code", c[1], "rating", "AVERAGE"));
    assertThat(rated.status()).as(rated.body()).isEqualTo(201);
    assertThat(rated.json().get("followUp").asBoolean()).isFalse();
  }

  @Test
  void aCaseWaitingForASupplementIsWithdrawnFromTheWindowsQueue() {
    String[] c = apply();
    String rn = c[0];
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "施工合同（盖章页）"));
    staff.task("window1", "window", rn, "awaitSupplement");

    ApiClient.Response r = withdraw(rn, c[1], "材料一时补不齐");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(r.json().get("supplementRequests")).isEmpty();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(rn).count()).isZero();
    // No clock to stop before acceptance: nothing written there.
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_clock_event WHERE receipt_number = ?", Integer.class, rn))
        .isZero();
    // And no supplement can follow.
    assertThat(applicant.post("/api/public/cases/" + rn + "/supplement",
        Map.of("code", c[1], "materials", List.of("施工合同（盖章页）"))).status()).isEqualTo(409);
  }
}
