package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.notification.simulator.SmsSimulator;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The applicant's whole way over HTTP: an online application, a supplement requested at the window,
 * the applicant following the status and supplying the material (a file and the list), acceptance,
 * joint review, decision, the SMS pickup notice at the (simulated) gateway, pickup, a "very
 * dissatisfied" rating, and the follow-up task in the supervisors' queue, done in time.
 */
@OneWindowIntegrationTest
class OnlineHallEndToEndTest {
  private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

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

  @Autowired
  WorkingDayCalendar calendar;

  @Autowired
  HistoryService history;

  private StaffTasks staff;
  private ApiClient applicant;

  private OpenCases openCases;

  @BeforeEach
  void setUp() {
    openCases = OpenCases.mark(jdbc, runtime);
    throttles.reset();
    sms.reset(false);
    staff = new StaffTasks(port);
    applicant = ApiClient.anonymous(port);
  }

  @AfterEach
  void endOpenCases() {
    openCases.endAll();
  }

  private JsonNode status(String rn, String code) {
    ApiClient.Response r = applicant.get("/api/public/cases/" + rn + "?code=" + code);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private List<SmsSimulator.Message> smsFor(String rn, int count) {
    return await().atMost(Duration.ofSeconds(20))
        .until(() -> sms.messages(Applications.MOBILE, rn), m -> m.size() >= count);
  }

  @Test
  void anOnlineApplicationGoesFromTheHallThroughASupplementToPickupAndABadRatingThatIsFollowedUp() {
    // 网上申请: one material missing; the answer shows the query code once.
    ApiClient.Response applied = applicant.post("/api/public/cases",
        Applications.organisation("JS-GH", List.of("建设工程规划许可申请表", "土地权属证明")));
    assertThat(applied.status()).as(applied.body()).isEqualTo(201);
    String rn = applied.json().get("receiptNumber").asText();
    String code = applied.json().get("queryCode").asText();
    assertThat(code).matches("[2-9A-HJ-NP-Z]{8}");
    assertThat(applied.location()).endsWith("/api/public/cases/" + rn);
    assertThat(applied.json().get("missingMaterials")).extracting(JsonNode::asText).containsExactly("建设工程设计方案");
    assertThat(jdbc.queryForObject("SELECT code_hash FROM ow_case_access WHERE receipt_number = ?", String.class, rn))
        .as("only a hash is stored").hasSize(64).doesNotContain(code);

    // It lands in the window's queue like a window application, marked ONLINE.
    JsonNode file = staff.as("window1").get("/api/cases/" + rn).json();
    assertThat(file.get("channel").asText()).isEqualTo("ONLINE");
    assertThat(file.at("/currentTasks/0/key").asText()).isEqualTo("acceptance");
    assertThat(file.at("/currentTasks/0/candidateGroups/0").asText()).isEqualTo("window");
    assertThat(status(rn, code).get("statusLabel").asText()).isEqualTo("已收件");

    // 补正: the window tells once, in full, what is missing; the applicant gets an SMS.
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "建设工程设计方案", "acceptanceComment", "设计方案缺少设计单位盖章"));
    SmsSimulator.Message supplementSms = smsFor(rn, 1).get(0);
    assertThat(supplementSms.text()).contains(rn, "建设工程规划许可证", "建设工程设计方案", "设计方案缺少设计单位盖章");

    JsonNode waiting = status(rn, code);
    assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_SUPPLEMENT");
    assertThat(waiting.get("statusLabel").asText()).isEqualTo("待补正");
    assertThat(waiting.get("canSupplement").asBoolean()).isTrue();
    assertThat(waiting.at("/supplementRequests/0/missingMaterials")).extracting(JsonNode::asText)
        .containsExactly("建设工程设计方案");
    assertThat(waiting.at("/supplementRequests/0/reason").asText()).isEqualTo("设计方案缺少设计单位盖章");
    assertThat(waiting.at("/supplementRequests/0/from").asText()).isEqualTo("政务服务中心窗口");

    // The applicant uploads the file and supplies the material: back to the window for acceptance.
    ApiClient.Response uploaded = applicant.postMultipart("/api/public/cases/" + rn + "/materials",
        Map.of("code", code, "name", "建设工程设计方案"),
        new ApiClient.FilePart("file", "设计方案.pdf", "application/pdf", PDF));
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    assertThat(uploaded.json().get("contentType").asText()).isEqualTo("application/pdf");
    long materialId = uploaded.json().get("id").asLong();

    ApiClient.Response supplied = applicant.post("/api/public/cases/" + rn + "/supplement",
        Map.of("code", code, "materials", List.of("建设工程设计方案")));
    assertThat(supplied.status()).as(supplied.body()).isEqualTo(200);
    assertThat(supplied.json().get("statusLabel").asText()).isEqualTo("已收件");
    assertThat(supplied.json().get("supplementRequests")).isEmpty();
    JsonNode acceptance = staff.task("window1", "window", rn, "acceptance");
    assertThat(staff.as("window1").get("/engine-rest/task/" + acceptance.get("id").asText()
        + "/variables/suppliedMaterials").json().get("value").asText()).isEqualTo("建设工程设计方案");

    // Accepted, reviewed jointly, decided.
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "ACCEPT"));
    JsonNode review = status(rn, code);
    assertThat(review.get("statusLabel").asText()).isEqualTo("审查中");
    LocalDate promised = LocalDate.parse(review.get("promisedDate").asText());
    assertThat(promised).isAfter(LocalDate.now(ZoneId.of("Asia/Shanghai")));
    staff.work("housing1", "housing", rn, "jointReview", Map.of("reviewOpinion", "AGREE"));
    staff.work("enforcement1", "enforcement", rn, "jointReview", Map.of("reviewOpinion", "AGREE"));
    staff.work("resources1", "resources", rn, "jointReview", Map.of("reviewOpinion", "AGREE"));
    staff.work("resources1", "resources", rn, "siteInspection", Map.of("inspectionResult", "PASS"));
    staff.work("approver1", "approvers", rn, "decision", Map.of("decision", "APPROVE", "decisionReason", "符合规划"));

    // 通知取件: the SMS reaches the gateway and is recorded on the case.
    SmsSimulator.Message pickupSms = smsFor(rn, 2).get(1);
    assertThat(pickupSms.text()).contains(rn, "已办结（准予）", "领取");
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
        "SELECT kind || ':' || status FROM ow_notice WHERE receipt_number = ? ORDER BY id", String.class, rn),
        notices -> notices.equals(List.of("SUPPLEMENT:SENT", "PICKUP:SENT")));
    staff.task("window1", "window", rn, "pickup");
    assertThat(status(rn, code).get("statusLabel").asText()).isEqualTo("待取件");

    // The staff of the case read the applicant's file; nobody else does.
    ApiClient.Response list = staff.as("window1").get("/api/cases/" + rn + "/materials");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json()).hasSize(1);
    assertThat(list.json().at("/0/name").asText()).isEqualTo("建设工程设计方案");
    assertThat(list.json().at("/0/fileName").asText()).isEqualTo("设计方案.pdf");
    ApiClient.Response download = staff.as("housing1").get("/api/cases/" + rn + "/materials/" + materialId);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.contentType()).startsWith("application/pdf");
    assertThat(download.header("Content-Disposition")).startsWith("attachment");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.body()).startsWith("%PDF-1.7");
    assertThat(staff.as("police1").get("/api/cases/" + rn + "/materials").status()).isEqualTo(404);
    assertThat(staff.as("police1").get("/api/cases/" + rn + "/materials/" + materialId).status()).isEqualTo(404);
    assertThat(ApiClient.anonymous(port).get("/api/cases/" + rn + "/materials/" + materialId).status()).isEqualTo(401);

    // Picked up; a rating is now possible, once.
    staff.work("window1", "window", rn, "pickup", Map.of("pickedUpBy", "李经办"));
    JsonNode done = status(rn, code);
    assertThat(done.get("statusLabel").asText()).isEqualTo("已取件");
    assertThat(done.get("canRate").asBoolean()).isTrue();
    assertThat(done.get("canWithdraw").asBoolean()).isFalse();

    ApiClient.Response rated = applicant.post("/api/public/cases/" + rn + "/rating",
        Map.of("code", code, "rating", "VERY_DISSATISFIED", "comment", "补正要求没有一次讲清楚"));
    assertThat(rated.status()).as(rated.body()).isEqualTo(201);
    assertThat(rated.json().get("ratingLabel").asText()).isEqualTo("非常不满意");
    assertThat(rated.json().get("followUp").asBoolean()).isTrue();
    assertThat(status(rn, code).at("/rating/rating").asText()).isEqualTo("VERY_DISSATISFIED");
    assertThat(status(rn, code).get("canRate").asBoolean()).isFalse();

    // 整改回访: a task in the supervisors' queue, due 15 working days later, with the rating on its form.
    JsonNode followUp = staff.task("supervisor1", "supervisors", rn, "followUp");
    assertThat(followUp.get("name").asText()).isEqualTo("整改回访");
    assertThat(followUp.at("/camundaFormRef/key").asText()).isEqualTo("rating-follow-up");
    OffsetDateTime due = OffsetDateTime.parse(followUp.get("due").asText(), ENGINE_DATE);
    OffsetDateTime ratedAt = OffsetDateTime.parse(rated.json().get("ratedAt").asText());
    assertThat(due.toInstant()).isEqualTo(calendar.deadline(
        ratedAt.atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate(), 15).at().toInstant());
    String taskId = followUp.get("id").asText();
    JsonNode vars = staff.as("supervisor1").get("/engine-rest/task/" + taskId + "/form-variables").json();
    assertThat(vars.at("/ratingLabel/value").asText()).isEqualTo("非常不满意");
    assertThat(vars.at("/ratingComment/value").asText()).isEqualTo("补正要求没有一次讲清楚");
    assertThat(vars.at("/receiptNumber/value").asText()).isEqualTo(rn);
    assertThat(staff.as("supervisor1").get("/engine-rest/task/" + taskId + "/deployed-form").status()).isEqualTo(200);

    // Completing it without an outcome is refused and the task stays open.
    ApiClient.Response empty = staff.as("supervisor1").post("/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", Map.of("resolved", Map.of("value", "true"))));
    assertThat(empty.status()).as(empty.body()).isEqualTo(400);
    staff.work("supervisor1", "supervisors", rn, "followUp", Map.of(
        "followUpOutcome", "已电话回访申请人，窗口已一次性告知清单并完善了补正告知模板，申请人表示认可。", "resolved", "true"));
    assertThat(jdbc.queryForObject("SELECT follow_up_outcome FROM ow_rating WHERE receipt_number = ?", String.class,
        rn)).startsWith("已电话回访申请人");
    assertThat(jdbc.queryForObject("SELECT followed_up_by FROM ow_rating WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("supervisor1");
    assertThat(jdbc.queryForObject("SELECT follow_up_resolved FROM ow_rating WHERE receipt_number = ?",
        Boolean.class, rn)).isTrue();

    // The managers' statistics count it as a bad rating followed up in time.
    ApiClient.Response stats = staff.as("supervisor1").get("/api/statistics/ratings");
    assertThat(stats.status()).as(stats.body()).isEqualTo(200);
    assertThat(stats.json().get("bad").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.json().get("badFollowedUpInTime").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.json().at("/byRating/VERY_DISSATISFIED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(staff.as("window1").get("/api/statistics/ratings").status()).isEqualTo(403);

    // What the applicant did online is on the record.
    List<String> actions = new ArrayList<>(jdbc.queryForList(
        "SELECT action FROM ow_applicant_action WHERE receipt_number = ? ORDER BY id", String.class, rn));
    assertThat(actions).containsExactly("APPLY", "UPLOAD", "SUPPLEMENT");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(rn).count()).isEqualTo(2);
  }
}
