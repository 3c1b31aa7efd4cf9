package org.onewindow.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated month of cases (March 2025: some finished on time, some late, some still open, some
 * withdrawn, some received before or finished after the month), written straight into ow_case and
 * ow_case_clock as the intake and the clock would; the figures of {@code GET /api/statistics} must
 * equal the same figures counted here from the generated cases themselves.
 */
@OneWindowIntegrationTest
class StatisticsTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String PREFIX = "TEST-ST-";
  private static final LocalDate FROM = LocalDate.of(2025, 3, 1);
  private static final LocalDate TO = LocalDate.of(2025, 3, 31);

  /** Items of the shipped catalog: code, lead department, immediate? */
  private static final String[][] ITEMS = {
      {"GT-DJ", "market", "I"}, {"TZ-BA", "drc", "I"}, {"SP-JY", "market", "C"},
      {"JS-GH", "resources", "C"}, {"JS-SG", "housing", "C"}, {"LS-ZD", "enforcement", "C"}};

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  /** What the test generated, in its own terms. */
  record Generated(String item, String department, LocalDate received, LocalDate accepted, LocalDate finished,
      Boolean onTime, Integer workingDays) {}

  private final List<Generated> cases = new ArrayList<>();

  @BeforeEach
  void generateAMonth() {
    cleanUp();
    Random random = new Random(20250301);
    for (int n = 1; n <= 240; n++) {
      String[] item = ITEMS[random.nextInt(ITEMS.length)];
      // Received from mid-February to the end of March: some fall before the month.
      LocalDate received = LocalDate.of(2025, 2, 15).plusDays(random.nextInt(45));
      String rn = PREFIX + String.format("%04d", n);
      if (item[2].equals("I")) {
        immediate(rn, item, received, random);
      } else {
        commitment(rn, item, received, random);
      }
    }
  }

  private void immediate(String rn, String[] item, LocalDate received, Random random) {
    int kind = random.nextInt(10);
    if (kind == 0) { // refused at the window: received only
      insertCase(rn, item, received, null, null, "REFUSED");
      cases.add(new Generated(item[0], item[1], received, null, null, null, null));
      return;
    }
    // Decided on the spot: accepted and decided the same day, on time, 0 working days.
    insertCase(rn, item, received, received, received, "APPROVED");
    cases.add(new Generated(item[0], item[1], received, received, received, true, 0));
  }

  private void commitment(String rn, String[] item, LocalDate received, Random random) {
    LocalDate accepted = received.plusDays(random.nextInt(3));
    int kind = random.nextInt(10);
    String phase;
    LocalDate stopped = null;
    Boolean onTime = null;
    Integer days = null;
    if (kind < 5) { // finished on time
      days = 1 + random.nextInt(5);
      stopped = accepted.plusDays(days + random.nextInt(3));
      onTime = true;
      phase = "STOPPED";
    } else if (kind < 7) { // finished late
      days = 6 + random.nextInt(10);
      stopped = accepted.plusDays(days + 2 + random.nextInt(4));
      onTime = false;
      phase = "STOPPED";
    } else if (kind < 9) { // still open
      phase = random.nextBoolean() ? "RUNNING" : "OVERDUE";
    } else { // withdrawn: the clock stopped without a verdict, not finished
      stopped = accepted.plusDays(1);
      phase = "STOPPED";
    }
    insertCase(rn, item, received, accepted, onTime == null ? null : stopped,
        onTime == null ? (phase.equals("STOPPED") ? "WITHDRAWN" : "UNDER_REVIEW") : "APPROVED");
    jdbc.update("""
        INSERT INTO ow_case_clock (receipt_number, process_instance_id, item_code, lead_department, promised_days,
          statutory_days, started_on, deadline_date, deadline_at, warning_at, calendar_complete, phase, stopped_at,
          finished_on_time, working_days_used, updated_at)
        VALUES (?, ?, ?, ?, 5, 20, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?)""",
        rn, "pi-" + rn, item[0], item[1], accepted, accepted.plusDays(7), at(accepted.plusDays(7), 18),
        at(accepted.plusDays(6), 18), phase, stopped == null ? null : at(stopped, 16), onTime, days, at(accepted, 9));
    cases.add(new Generated(item[0], item[1], received, accepted, onTime == null ? null : stopped, onTime, days));
  }

  private void insertCase(String rn, String[] item, LocalDate received, LocalDate accepted, LocalDate decided,
      String status) {
    jdbc.update("""
        INSERT INTO ow_case (receipt_number, item_code, item_type, process_key, channel, applicant_kind, applicant_name,
          applicant_id, materials, status, received_at, accepted_at, decided_at, finished_at, updated_at)
        VALUES (?, ?, ?, ?, 'WINDOW', 'PERSON', '统计测试', '11010519491231002X', '', ?, ?, ?, ?, ?, ?)""",
        rn, item[0], item[2].equals("I") ? "IMMEDIATE" : "COMMITMENT",
        item[2].equals("I") ? "immediate-item" : "commitment-item", status, at(received, 9),
        accepted == null ? null : at(accepted, 10), decided == null ? null : at(decided, 15),
        decided == null ? null : at(decided, 15), at(received, 9));
  }

  private static OffsetDateTime at(LocalDate date, int hour) {
    return date.atTime(LocalTime.of(hour, 0)).atZone(ZONE).toOffsetDateTime();
  }

  @AfterEach
  void cleanUp() {
    jdbc.update("DELETE FROM ow_case_clock WHERE receipt_number LIKE ?", PREFIX + "%");
    jdbc.update("DELETE FROM ow_case WHERE receipt_number LIKE ?", PREFIX + "%");
  }

  // ---------------------------------------------------------------- the figures, counted here

  record Expected(long received, long accepted, long finished, long onTime, BigDecimal rate, BigDecimal average) {}

  private Map<String, Expected> expected(Function<LocalDate, String> monthKey, Function<Generated, String> key) {
    Map<String, long[]> acc = new LinkedHashMap<>();
    for (Generated g : cases) {
      if (inMonth(g.received())) {
        acc.computeIfAbsent(groupKey(g, g.received(), key, monthKey), k -> new long[6])[0]++;
      }
      if (inMonth(g.accepted())) {
        acc.computeIfAbsent(groupKey(g, g.accepted(), key, monthKey), k -> new long[6])[1]++;
      }
      if (inMonth(g.finished())) {
        long[] a = acc.computeIfAbsent(groupKey(g, g.finished(), key, monthKey), k -> new long[6]);
        a[2]++;
        a[3] += Boolean.TRUE.equals(g.onTime()) ? 1 : 0;
        a[4] += g.workingDays();
        a[5]++;
      }
    }
    Map<String, Expected> result = new LinkedHashMap<>();
    acc.forEach((k, a) -> result.put(k, new Expected(a[0], a[1], a[2], a[3],
        a[2] == 0 ? null : BigDecimal.valueOf(a[3]).divide(BigDecimal.valueOf(a[2]), 4, RoundingMode.HALF_UP),
        a[5] == 0 ? null : BigDecimal.valueOf(a[4]).divide(BigDecimal.valueOf(a[5]), 2, RoundingMode.HALF_UP))));
    return result;
  }

  private static String groupKey(Generated g, LocalDate date, Function<Generated, String> key,
      Function<LocalDate, String> monthKey) {
    return key == null ? monthKey.apply(date) : key.apply(g);
  }

  private static boolean inMonth(LocalDate d) {
    return d != null && !d.isBefore(FROM) && !d.isAfter(TO);
  }

  private JsonNode report(String groupBy) {
    ApiClient.Response r = ApiClient.as(port, "supervisor1", "demo")
        .get("/api/statistics?from=" + FROM + "&to=" + TO + "&groupBy=" + groupBy);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static void assertRow(JsonNode row, Expected e) {
    String key = row.get("key").asText();
    assertThat(row.get("received").asLong()).as("received %s", key).isEqualTo(e.received());
    assertThat(row.get("accepted").asLong()).as("accepted %s", key).isEqualTo(e.accepted());
    assertThat(row.get("finished").asLong()).as("finished %s", key).isEqualTo(e.finished());
    assertThat(row.get("finishedOnTime").asLong()).as("on time %s", key).isEqualTo(e.onTime());
    if (e.rate() == null) {
      assertThat(row.get("onTimeRate").isNull()).isTrue();
    } else {
      assertThat(row.get("onTimeRate").decimalValue()).as("rate %s", key).isEqualByComparingTo(e.rate());
    }
    if (e.average() == null) {
      assertThat(row.get("averageWorkingDays").isNull()).isTrue();
    } else {
      assertThat(row.get("averageWorkingDays").decimalValue()).as("average %s", key).isEqualByComparingTo(e.average());
    }
  }

  private void assertReport(JsonNode report, Map<String, Expected> expected) {
    Map<String, JsonNode> rows = new LinkedHashMap<>();
    report.get("rows").forEach(r -> rows.put(r.get("key").asText(), r));
    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((k, e) -> assertRow(rows.get(k), e));
    assertRow(report.get("total"), expected(d -> "total", g -> "total").get("total"));
  }

  @Test
  void byDepartmentMatchesTheGeneratedCases() {
    assertReport(report("department"), expected(null, Generated::department));
    // The generated month holds every kind of case the figures distinguish.
    Expected total = expected(d -> "t", g -> "t").get("t");
    assertThat(total.finished()).isGreaterThan(total.onTime()).isGreaterThan(0);
    assertThat(total.received()).isGreaterThan(total.finished());
  }

  @Test
  void byItemMatchesTheGeneratedCases() {
    assertReport(report("item"), expected(null, Generated::item));
  }

  @Test
  void byMonthMatchesTheGeneratedCases() {
    JsonNode report = report("month");
    assertReport(report, expected(d -> d.toString().substring(0, 7), null));
    assertThat(report.get("rows")).hasSize(1);
    assertThat(report.at("/rows/0/label").asText()).isEqualTo("2025年3月");
  }

  @Test
  void aQuarterByMonthCountsEachEventInItsOwnMonth() {
    JsonNode r = ApiClient.as(port, "supervisor1", "demo")
        .get("/api/statistics?from=2025-02-01&to=2025-04-30&groupBy=month").json();
    List<String> months = new ArrayList<>();
    r.get("rows").forEach(row -> months.add(row.get("key").asText()));
    assertThat(months).containsExactly("2025-02", "2025-03", "2025-04");
    long febReceived = cases.stream().filter(g -> g.received().getMonthValue() == 2).count();
    long aprFinished = cases.stream().filter(g -> g.finished() != null && g.finished().getMonthValue() == 4).count();
    assertThat(r.at("/rows/0/received").asLong()).isEqualTo(febReceived);
    assertThat(r.at("/rows/2/finished").asLong()).isEqualTo(aprFinished);
    assertThat(r.at("/total/received").asLong()).isEqualTo(cases.size());
  }

  @Test
  void downloadsAsCsvWithTheSameFigures() {
    ApiClient.Response csv = ApiClient.as(port, "supervisor1", "demo")
        .get("/api/statistics?from=" + FROM + "&to=" + TO + "&groupBy=department&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
    assertThat(lines[0]).isEqualTo("代码,牵头部门,收件数,受理数,办结数,按时办结数,按时办结率(%),平均办结工作日");
    Expected total = expected(d -> "t", g -> "t").get("t");
    String last = lines[lines.length - 1];
    assertThat(last).startsWith("\"total\",\"合计\"," + total.received() + "," + total.accepted() + ","
        + total.finished() + "," + total.onTime() + ",");
    assertThat(last).contains(total.rate().movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString());
  }

  @Test
  void onlySupervisorsReadStatisticsAndBadPeriodsAreRefused() {
    assertThat(ApiClient.as(port, "housing1", "demo").get("/api/statistics").status()).isEqualTo(403);
    assertThat(ApiClient.as(port, "window1", "demo").get("/api/supervision/overdue").status()).isEqualTo(403);
    ApiClient.Response bad = ApiClient.as(port, "supervisor1", "demo")
        .get("/api/statistics?from=2025-04-01&to=2025-03-01&groupBy=week");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
    assertThat(bad.body()).contains("groupBy").contains("from");
    assertThat(ApiClient.as(port, "supervisor1", "demo").get("/api/statistics?from=2025-3-1").status()).isEqualTo(400);
  }
}
