package org.onewindow.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.calendar.clock.CaseClockRepository;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The warning and overdue boards over clock rows written as the case clock writes them, at a
 * fixed engine time: Friday 2026-03-20 10:00.
 */
@OneWindowIntegrationTest
class SupervisionBoardsTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String PREFIX = "TEST-SV-";

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  CaseClockRepository clockRepository;

  @BeforeEach
  void clocks() {
    cleanUp();
    ClockUtil.setCurrentTime(Date.from(t("2026-03-20T10:00").toInstant()));
    // Deadline passed on Tuesday, the clock's timer has not marked it yet: 3 working days over.
    clock("A", "JS-GH", "resources", "RUNNING", null, null, "2026-03-17", "2026-03-16T18:00");
    // Marked overdue by the clock a week ago, late at the joint review of two departments, with a
    // supervision order. The clock writes one row per firing, steps and groups joined.
    clock("B", "JS-SG", "housing", "OVERDUE", null, null, "2026-03-13", "2026-03-12T18:00");
    event("B", "WARNING", "2026-03-12T18:00", "jointReview", "联合审查", "housing,resources", null, null);
    event("B", "OVERDUE", "2026-03-13T18:00", "jointReview", "联合审查", "housing,resources", "order-task-B",
        "请于两日内办结并说明原因");
    // Warning time passed yesterday, deadline on Monday: 1 working day left.
    clock("C", "SP-JY", "market", "RUNNING", null, null, "2026-03-23", "2026-03-19T18:00");
    // Nothing yet.
    clock("D", "LS-ZD", "enforcement", "RUNNING", null, null, "2026-03-27", "2026-03-25T18:00");
    // Paused for supplement two days after its deadline had passed: stays overdue, counted to the pause.
    clock("E", "JS-GH", "resources", "PAUSED", "OVERDUE", "2026-03-18T10:00", "2026-03-16", "2026-03-13T18:00");
    // Finished late: no longer supervised.
    clock("F", "JS-GH", "resources", "STOPPED", null, null, "2026-03-10", "2026-03-09T18:00");
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    jdbc.update("DELETE FROM ow_supervision_event WHERE receipt_number LIKE ?", PREFIX + "%");
    jdbc.update("DELETE FROM ow_case_clock WHERE receipt_number LIKE ?", PREFIX + "%");
    jdbc.update("DELETE FROM ow_case WHERE receipt_number LIKE ?", PREFIX + "%");
  }

  private static OffsetDateTime t(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toOffsetDateTime();
  }

  private void clock(String id, String item, String lead, String phase, String before, String pausedSince,
      String deadline, String warning) {
    String rn = PREFIX + id;
    jdbc.update("""
        INSERT INTO ow_case (receipt_number, item_code, item_type, process_key, channel, applicant_kind, applicant_name,
          applicant_id, materials, status, received_at, accepted_at, updated_at)
        VALUES (?, ?, 'COMMITMENT', 'commitment-item', 'WINDOW', 'ORGANIZATION', ?, '91350100M000100Y43', '',
          'UNDER_REVIEW', ?, ?, ?)""",
        rn, item, "申请人" + id, t("2026-03-02T09:00"), t("2026-03-02T10:00"), t("2026-03-02T10:00"));
    jdbc.update("""
        INSERT INTO ow_case_clock (receipt_number, process_instance_id, item_code, lead_department, promised_days,
          statutory_days, started_on, deadline_date, deadline_at, warning_at, calendar_complete, phase,
          phase_before_pause, paused_since, updated_at)
        VALUES (?, ?, ?, ?, 5, 20, DATE '2026-03-02', ?, ?, ?, TRUE, ?, ?, ?, ?)""",
        rn, "pi-" + rn, item, lead, java.time.LocalDate.parse(deadline), t(deadline + "T18:00"), t(warning), phase,
        before, pausedSince == null ? null : t(pausedSince), t("2026-03-02T10:00"));
  }

  /** A firing of the clock, written as the clock writes it. */
  private void event(String id, String kind, String at, String activityId, String activityName, String department,
      String orderTask, String instruction) {
    long eventId = clockRepository.addSupervisionEvent(PREFIX + id, kind, t(at), t(at), activityId, activityName,
        department);
    if (orderTask != null) {
      clockRepository.setOrderTask(eventId, orderTask);
    }
    if (instruction != null) {
      clockRepository.setOrderInstruction(eventId, instruction);
    }
  }

  private Map<String, JsonNode> ours(JsonNode board) {
    Map<String, JsonNode> cases = new LinkedHashMap<>();
    board.get("cases").forEach(c -> {
      if (c.get("receiptNumber").asText().startsWith(PREFIX)) {
        cases.put(c.get("receiptNumber").asText().substring(PREFIX.length()), c);
      }
    });
    return cases;
  }

  @Test
  void overdueBoardShowsDaysOverTheLateStepAndTheOrder() {
    JsonNode board = ApiClient.as(port, "supervisor1", "demo").get("/api/supervision/overdue").json();
    Map<String, JsonNode> cases = ours(board);
    assertThat(cases.keySet()).containsExactly("B", "A", "E"); // most days over first
    assertThat(cases.get("A").get("workingDaysOverdue").asInt()).isEqualTo(3);
    assertThat(cases.get("B").get("workingDaysOverdue").asInt()).isEqualTo(5);
    assertThat(cases.get("E").get("workingDaysOverdue").asInt()).isEqualTo(2);
    assertThat(cases.get("E").get("paused").asBoolean()).isTrue();

    JsonNode b = cases.get("B");
    assertThat(b.get("itemName").asText()).isEqualTo("建筑工程施工许可证");
    assertThat(b.get("leadDepartmentName").asText()).isEqualTo("住房和城乡建设局");
    assertThat(b.get("applicantName").asText()).isEqualTo("申请人B");
    assertThat(b.get("cockpitUrl").asText()).isEqualTo("/camunda/app/cockpit/default/#/process-instance/pi-TEST-SV-B/runtime");
    assertThat(b.get("lateSteps")).hasSize(1);
    assertThat(b.at("/lateSteps/0/activityName").asText()).isEqualTo("联合审查");
    assertThat(b.at("/lateDepartments/0/code").asText()).isEqualTo("housing");
    assertThat(b.at("/lateDepartments/0/name").asText()).isEqualTo("住房和城乡建设局");
    assertThat(b.at("/lateDepartments/1/name").asText()).isEqualTo("自然资源局");
    assertThat(b.at("/supervisionOrders/0/taskId").asText()).isEqualTo("order-task-B");
    assertThat(b.at("/supervisionOrders/0/instruction").asText()).isEqualTo("请于两日内办结并说明原因");
    assertThat(b.at("/supervisionOrders/0/closedAt").isNull()).isTrue();

    Map<String, Integer> byDepartment = new LinkedHashMap<>();
    board.get("byDepartment").forEach(d -> byDepartment.put(d.get("code").asText(), d.get("count").asInt()));
    assertThat(byDepartment).containsEntry("housing", 1);
    assertThat(byDepartment.get("resources")).isGreaterThanOrEqualTo(3);
    List<String> items = new ArrayList<>();
    board.get("byItem").forEach(i -> items.add(i.get("name").asText()));
    assertThat(items).contains("建设工程规划许可证", "建筑工程施工许可证");
  }

  @Test
  void theBoardListsOnePageAndCountsEveryCase() {
    ApiClient supervisor = ApiClient.as(port, "supervisor1", "demo");
    JsonNode all = supervisor.get("/api/supervision/overdue").json();
    int count = all.get("count").asInt();
    assertThat(count).isGreaterThanOrEqualTo(3);
    assertThat(all.get("limit").asInt()).isEqualTo(200);

    JsonNode first = supervisor.get("/api/supervision/overdue?limit=1").json();
    assertThat(first.get("count").asInt()).isEqualTo(count);
    assertThat(first.get("cases")).hasSize(1);
    assertThat(first.get("byDepartment")).isEqualTo(all.get("byDepartment"));
    assertThat(first.get("byItem")).isEqualTo(all.get("byItem"));
    assertThat(first.at("/cases/0/receiptNumber")).isEqualTo(all.at("/cases/0/receiptNumber"));
    JsonNode second = supervisor.get("/api/supervision/overdue?offset=1&limit=1").json();
    assertThat(second.at("/cases/0/receiptNumber")).isEqualTo(all.at("/cases/1/receiptNumber"));
    assertThat(supervisor.get("/api/supervision/overdue?offset=" + count).json().get("cases")).isEmpty();
  }

  @Test
  void aPageOutsideTheLimitsIsAClearError() {
    ApiClient supervisor = ApiClient.as(port, "supervisor1", "demo");
    for (String query : List.of("limit=0", "limit=2001", "limit=ten", "offset=-1")) {
      ApiClient.Response r = supervisor.get("/api/supervision/warnings?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.body()).contains(query.substring(0, query.indexOf('=')));
    }
  }

  @Test
  void severalLateStepsOfOneFiringAreListedApart() {
    event("A", "OVERDUE", "2026-03-17T18:00", "jointReview,siteInspection", "联合审查、联合踏勘",
        "resources,housing,enforcement", null, null);
    JsonNode a = ours(ApiClient.as(port, "supervisor1", "demo").get("/api/supervision/overdue").json()).get("A");
    List<String> steps = new ArrayList<>();
    a.get("lateSteps").forEach(s -> steps.add(s.get("activityId").asText() + "=" + s.get("activityName").asText()));
    assertThat(steps).containsExactly("jointReview=联合审查", "siteInspection=联合踏勘");
    List<String> departments = new ArrayList<>();
    a.get("lateDepartments").forEach(d -> departments.add(d.get("name").asText()));
    assertThat(departments).containsExactly("自然资源局", "住房和城乡建设局", "综合执法局");
  }

  private static Map<String, Integer> byDepartment(JsonNode board) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    board.get("byDepartment").forEach(d -> counts.put(d.get("code").asText(), d.get("count").asInt()));
    return counts;
  }

  @Test
  void aCaseCountsOnceForEachDepartmentItRecordedOverAllItsFirings() {
    ApiClient supervisor = ApiClient.as(port, "supervisor1", "demo");
    Map<String, Integer> before = byDepartment(supervisor.get("/api/supervision/overdue?limit=1").json());
    // A had recorded nothing (its lead department stood in); now it fired twice, after an extension
    // with one department late, then with two.
    event("A", "OVERDUE", "2026-03-17T18:00", "jointReview", "联合审查", "housing", null, null);
    event("A", "OVERDUE", "2026-03-19T18:00", "jointReview,siteInspection", "联合审查、联合踏勘",
        "housing,enforcement", null, null);
    Map<String, Integer> after = byDepartment(supervisor.get("/api/supervision/overdue?limit=1").json());

    assertThat(after.getOrDefault("housing", 0)).isEqualTo(before.getOrDefault("housing", 0) + 1);
    assertThat(after.getOrDefault("enforcement", 0)).isEqualTo(before.getOrDefault("enforcement", 0) + 1);
    assertThat(after.getOrDefault("resources", 0)).isEqualTo(before.getOrDefault("resources", 0) - 1);
  }

  @Test
  void warningBoardShowsWorkingDaysLeft() {
    Map<String, JsonNode> cases = ours(ApiClient.as(port, "supervisor1", "demo").get("/api/supervision/warnings").json());
    assertThat(cases.keySet()).containsExactly("C");
    assertThat(cases.get("C").get("workingDaysLeft").asInt()).isEqualTo(1);
    assertThat(cases.get("C").get("workingDaysOverdue").isNull()).isTrue();
  }

  @Test
  void movingTimeMovesCasesFromWarningToOverdue() {
    ClockUtil.setCurrentTime(Date.from(t("2026-03-25T18:30").toInstant()));
    ApiClient supervisor = ApiClient.as(port, "supervisor1", "demo");
    assertThat(ours(supervisor.get("/api/supervision/overdue").json())).containsKey("C");
    assertThat(ours(supervisor.get("/api/supervision/warnings").json())).containsOnlyKeys("D");
  }

  @Test
  void onlySupervisionGroupsReadTheBoards() {
    for (String user : List.of("window1", "housing1", "approver1", "designer1")) {
      ApiClient.Response r = ApiClient.as(port, user, "demo").get("/api/supervision/overdue");
      assertThat(r.status()).as(user).isEqualTo(403);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
    assertThat(ApiClient.as(port, "admin", "demo").get("/api/supervision/warnings").status()).isEqualTo(200);
    assertThat(ApiClient.anonymous(port).get("/api/supervision/overdue").status()).isEqualTo(401);
  }

  /**
   * On PostgreSQL each board's count must be answerable from the open clocks' covering index
   * (V12) without reading the table: a column added to the count but not to the index would make
   * the count read the table again. The planner is told not to scan the table, so the plan shows
   * whether the index alone can serve every branch.
   */
  @Test
  void onPostgresTheBoardsCountReadsTheOpenClocksIndexAlone() {
    String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    Assumptions.assumeTrue(product.toLowerCase().contains("postgres"),
        "partial covering indexes are PostgreSQL's; the embedded H2 counts without one");
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    for (String kind : List.of(SupervisionService.OVERDUE, SupervisionService.WARNINGS)) {
      String plan = tx.execute(status -> {
        jdbc.execute("SET LOCAL enable_seqscan = off");
        jdbc.execute("SET LOCAL enable_bitmapscan = off");
        return String.join("\n", new NamedParameterJdbcTemplate(jdbc).queryForList(
            "EXPLAIN " + SupervisionRepository.lateCountsSql(kind), Map.of("now", t("2026-03-20T10:00")), String.class));
      });
      assertThat(plan.split("Index Only Scan using ow_case_clock_open_idx", -1)).as(plan)
          .hasSize(SupervisionRepository.branches(kind).size() + 1);
    }
  }
}
