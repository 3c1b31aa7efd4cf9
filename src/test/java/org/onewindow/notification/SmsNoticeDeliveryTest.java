package org.onewindow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.applicant.PublicThrottles;
import org.onewindow.notification.simulator.SmsSimulator;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A gateway that is down or failing never holds a case up; the notice waits, is retried and goes out once. */
@OneWindowIntegrationTest
class SmsNoticeDeliveryTest {
  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtime;

  @Autowired
  SmsSimulator sms;

  @Autowired
  NoticeOutbox outbox;

  @Autowired
  PublicThrottles throttles;

  private StaffTasks staff;

  @Autowired
  JdbcTemplate jdbc;

  private OpenCases openCases;

  @BeforeEach
  void setUp() {
    openCases = OpenCases.mark(jdbc, runtime);
    throttles.reset();
    sms.reset(false);
    staff = new StaffTasks(port);
    // Start from a quiet outbox, so no other case's notice takes this test's simulated failures.
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "SELECT COUNT(*) FROM ow_notice_outbox WHERE status = 'PENDING'", Integer.class) == 0);
  }

  @AfterEach
  void gatewayBackToNormal() {
    openCases.endAll();
    sms.reset(false);
  }

  private String windowCase() {
    ApiClient.Response r = staff.as("window1").post("/api/cases", Applications.person("SP-JY", List.of("营业执照")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("receiptNumber").asText();
  }

  private NoticeOutbox.Notice supplementNotice(String rn) {
    List<NoticeOutbox.Notice> notices = outbox.forCase(rn);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).kind()).isEqualTo(SupplementNoticeListener.KIND);
    return notices.get(0);
  }

  @Test
  void aGatewayThatIsDownDelaysTheNoticeButNotTheCase() {
    sms.down(true);
    String rn = windowCase();
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "食品经营许可申请书\n经营场所平面图", "acceptanceComment", "平面图需标明面积"));

    // The case went on: it waits for the supplement in the window's queue.
    staff.task("window1", "window", rn, "awaitSupplement");
    NoticeOutbox.Notice failing = await().atMost(Duration.ofSeconds(20))
        .until(() -> supplementNotice(rn), n -> n.attempts() >= 1 && n.lastError() != null);
    assertThat(failing.status()).isEqualTo(NoticeOutbox.PENDING);
    assertThat(failing.lastError()).contains("503");
    assertThat(failing.text()).contains("食品经营许可申请书、经营场所平面图", "平面图需标明面积");
    assertThat(sms.messages(null, rn)).isEmpty();

    sms.down(false);
    NoticeOutbox.Notice sent = await().atMost(Duration.ofSeconds(30))
        .until(() -> supplementNotice(rn), n -> NoticeOutbox.SENT.equals(n.status()));
    assertThat(sent.sentAt()).isNotNull();
    assertThat(sent.gatewayMessageId()).startsWith("SMS");
    assertThat(sms.messages(Applications.MOBILE, rn)).hasSize(1);
  }

  @Test
  void aRequestSettledBeforeItCouldBeSentIsCancelled() {
    sms.down(true);
    String rn = windowCase();
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "经营场所平面图"));
    // The applicant brings the material to the window while the gateway is still down.
    staff.work("window1", "window", rn, "awaitSupplement", Map.of("suppliedMaterials", "经营场所平面图"));
    staff.task("window1", "window", rn, "acceptance");
    assertThat(supplementNotice(rn).status()).isEqualTo(NoticeOutbox.CANCELLED);

    // Withdrawn online while a request is pending: cancelled too.
    ApiClient applicant = ApiClient.anonymous(port);
    ApiClient.Response applied = applicant.post("/api/public/cases", Applications.person("SP-JY", List.of("营业执照")));
    String online = applied.json().get("receiptNumber").asText();
    staff.work("window1", "window", online, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "经营场所平面图"));
    assertThat(applicant.post("/api/public/cases/" + online + "/withdrawal", Map.of("code",
        applied.json().get("queryCode").asText(), "reason", "改日再办")).status()).isEqualTo(200);
    assertThat(supplementNotice(online).status()).isEqualTo(NoticeOutbox.CANCELLED);

    sms.down(false);
    sms.failNextCalls(0);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> sms.messages(null, rn).isEmpty() && sms.messages(null, online).isEmpty());
  }

  @Test
  void aFailingSendIsRetriedWithTheSameKeyAndRecordedOnce() {
    sms.failNextCalls(2);
    String rn = windowCase();
    staff.work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "SUPPLEMENT",
        "missingMaterials", "经营场所平面图"));
    NoticeOutbox.Notice sent = await().atMost(Duration.ofSeconds(30))
        .until(() -> supplementNotice(rn), n -> NoticeOutbox.SENT.equals(n.status()));
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(sent.lastError()).isNull();
    assertThat(sms.messages(null, rn)).singleElement()
        .satisfies(m -> assertThat(m.idempotencyKey()).isEqualTo("onewindow-notice-" + sent.id()));
  }

  @Test
  void theSimulatedGatewayChecksItsTokens() {
    ApiClient anonymous = ApiClient.anonymous(port);
    assertThat(anonymous.post("/simulator/sms/messages", Map.of("mobile", Applications.MOBILE, "text", "x")).status())
        .isEqualTo(401);
    assertThat(anonymous.get("/simulator/sms/messages").status()).isEqualTo(401);
  }
}
