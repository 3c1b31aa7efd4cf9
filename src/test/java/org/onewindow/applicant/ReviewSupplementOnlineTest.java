package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.notification.simulator.SmsSimulator;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A department asks for a supplement during joint review (its {@code awaitReviewSupplement} task,
 * the case clock paused): the applicant sees exactly what that department wants and why, gets an SMS,
 * and supplies it online; the case goes back to that department and the clock runs again. Withdrawn
 * while paused, the clock gives the paused days back and stops.
 */
@OneWindowIntegrationTest
class ReviewSupplementOnlineTest {
  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtime;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SmsSimulator sms;

  @Autowired
  PublicThrottles throttles;

  private ApiClient applicant;
  private StaffTasks staff;

  private OpenCases openCases;

  @BeforeEach
  void setUp() {
    openCases = OpenCases.mark(jdbc, runtime);
    throttles.reset();
    sms.reset(false);
    applicant = ApiClient.anonymous(port);
    staff = new StaffTasks(port);
  }

  @AfterEach
  void endOpenCases() {
    openCases.endAll();
  }

  /** An online JS-SG case (housing leads, resources reviews too) where housing asks for a supplement. */
  private String[] caseWaitingForHousing() {
    ApiClient.Response applied = applicant.post("/api/public/cases", Applications.organisation("JS-SG",
        List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书")));
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    String rn = applied.json().get("receiptNumber").asText();
    staff.work("window1", "window", rn, CommitmentItemProcess.ACCEPTANCE,
        Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT));
    staff.work("housing1", "housing", rn, CommitmentItemProcess.JOINT_REVIEW, Map.of(
        CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "建筑日照分析报告\n消防设计审查意见书",
        CommitmentItemProcess.REVIEW_COMMENT, "日照间距不满足要求，需补充分析"));
    staff.task("housing1", "housing", rn, CommitmentItemProcess.AWAIT_REVIEW_SUPPLEMENT);
    return new String[] {rn, applied.json().get("queryCode").asText()};
  }

  private List<String> ledger(String rn) {
    return jdbc.queryForList("SELECT kind || '/' || COALESCE(reason_type, '-') FROM ow_clock_event "
        + "WHERE receipt_number = ? ORDER BY id", String.class, rn);
  }

  @Test
  void aDepartmentsRequestIsShownSentAndAnsweredOnlineAndTheCaseGoesBackToThatDepartment() {
    String[] c = caseWaitingForHousing();
    String rn = c[0];
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("PAUSED");

    JsonNode status = applicant.get("/api/public/cases/" + rn + "?code=" + c[1]).json();
    assertThat(status.get("statusLabel").asText()).isEqualTo("待补正");
    assertThat(status.get("supplementRequests")).hasSize(1);
    assertThat(status.at("/supplementRequests/0/from").asText()).isEqualTo("住房和城乡建设局");
    assertThat(status.at("/supplementRequests/0/missingMaterials")).extracting(JsonNode::asText)
        .containsExactly("建筑日照分析报告", "消防设计审查意见书");
    assertThat(status.at("/supplementRequests/0/reason").asText()).isEqualTo("日照间距不满足要求，需补充分析");

    SmsSimulator.Message message = await().atMost(Duration.ofSeconds(20))
        .until(() -> sms.messages(Applications.MOBILE, rn), m -> !m.isEmpty()).get(0);
    assertThat(message.text()).contains("住房和城乡建设局", "建筑日照分析报告、消防设计审查意见书", "日照间距不满足要求");

    // The other department goes on meanwhile.
    staff.work("resources1", "resources", rn, CommitmentItemProcess.JOINT_REVIEW,
        Map.of(CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_AGREE));

    ApiClient.Response supplied = applicant.post("/api/public/cases/" + rn + "/supplement",
        Map.of("code", c[1], "materials", List.of("建筑日照分析报告", "消防设计审查意见书")));
    assertThat(supplied.status()).as(supplied.body()).isEqualTo(200);
    assertThat(supplied.json().get("statusLabel").asText()).isEqualTo("审查中");
    assertThat(supplied.json().get("supplementRequests")).isEmpty();

    // Back in housing's queue, with what was supplied; the clock runs again.
    JsonNode review = staff.task("housing1", "housing", rn, CommitmentItemProcess.JOINT_REVIEW);
    assertThat(staff.as("housing1").get("/engine-rest/task/" + review.get("id").asText()
        + "/variables/suppliedMaterials").json().get("value").asText())
        .isEqualTo("建筑日照分析报告\n消防设计审查意见书");
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isIn("RUNNING", "WARNING");
    assertThat(ledger(rn)).containsExactly("START/-", "PAUSE/SUPPLEMENT", "RESUME/SUPPLEMENT");
    assertThat(applicant.post("/api/public/cases/" + rn + "/supplement",
        Map.of("code", c[1], "materials", List.of("建筑日照分析报告"))).status()).as("nothing waits any more")
        .isEqualTo(409);
  }

  @Test
  void withdrawnWhilePausedTheClockGivesThePauseBackAndStops() {
    String[] c = caseWaitingForHousing();
    String rn = c[0];
    ApiClient.Response r = applicant.post("/api/public/cases/" + rn + "/withdrawal",
        Map.of("code", c[1], "reason", "日照分析一时做不出来"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("statusLabel").asText()).isEqualTo("已撤回");
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("STOPPED");
    assertThat(ledger(rn)).containsExactly("START/-", "PAUSE/SUPPLEMENT", "RESUME/SUPPLEMENT", "STOP/WITHDRAWAL");
    assertThat(staff.as("housing1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json()).isEmpty();
  }
}
