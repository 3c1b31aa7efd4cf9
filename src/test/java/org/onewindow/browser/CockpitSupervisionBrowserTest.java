package org.onewindow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A supervisor opens the 督办监察 dashboard in Cockpit and finds a case that became overdue when
 * time moved past its promised date: with its late steps and their departments, the working days
 * over, and a link to its process instance.
 *
 * <p>The case clock (ow_case_clock) is written by the clock feature when a case is accepted.
 * Where no clock row exists for the case (before that feature is merged) the test writes the row
 * the clock would write: promised 10 working days from acceptance, the day of acceptance not
 * counted. Time moves with the engine's clock, which the supervision API reads.
 */
@OneWindowIntegrationTest
class CockpitSupervisionBrowserTest {
  @RegisterExtension
  static final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  WorkingDayCalendar calendar;

  private String insertedClockFor;

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  @AfterEach
  void resetTime() {
    ClockUtil.reset();
    if (insertedClockFor != null) {
      jdbc.update("DELETE FROM ow_case_clock WHERE receipt_number = ?", insertedClockFor);
    }
  }

  @Test
  void supervisorSeesACaseThatWentOverdueWhenTimeMoved() {
    ApiClient.Response received = as("window1").post("/api/cases", Applications.organisation("JS-GH",
        List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String rn = received.json().get("receiptNumber").asText();
    String pi = received.json().get("processInstanceId").asText();
    JsonNode acceptance = as("window1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(as("window1").post("/engine-rest/task/" + acceptance.get(0).get("id").asText() + "/complete",
        Map.of("variables", Map.of("acceptanceDecision", Map.of("value", "ACCEPT")))).status()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(20)).until(
        () -> as("supervisor1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json().size() == 4);

    LocalDate deadline = clockDeadline(rn, pi);
    assertThat(overdue(rn)).as("not overdue before time moves").isNull();

    // Three working days after the promised date, mid-morning.
    LocalDate later = calendar.addWorkingDays(deadline, 3);
    ClockUtil.setCurrentTime(Date.from(later.atTime(10, 0).atZone(calendar.zone()).toInstant()));
    JsonNode late = overdue(rn);
    assertThat(late).as("overdue after time moved").isNotNull();
    assertThat(late.get("workingDaysOverdue").asInt()).isEqualTo(3);

    browser.login("http://localhost:" + port, "cockpit", "supervisor1", "demo");
    WebElement summary = browser.await().withMessage("the dashboard summarises supervision")
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ow-summary .ow-number.ow-overdue")));
    assertThat(Integer.parseInt(summary.getText())).isGreaterThanOrEqualTo(1)
        .isEqualTo(as("supervisor1").get("/api/supervision/overdue").json().get("count").asInt());
    browser.step("01-dashboard");

    browser.click(browser.clickable(".ow-summary a[href='#/onewindow-supervision']"));
    By rowOfTheCase = By.cssSelector("table.ow-board[data-kind='OVERDUE'] tr[data-receipt-number='" + rn + "']");
    WebElement row = browser.await().withMessage("the overdue case " + rn + " on the supervision dashboard")
        .until(ExpectedConditions.visibilityOfElementLocated(rowOfTheCase));
    List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    assertThat(cells.get(0)).contains(rn);
    assertThat(cells.get(1)).isEqualTo("建设工程规划许可证");
    assertThat(cells.get(3)).isEqualTo("自然资源局");
    assertThat(cells.get(4)).contains("联合审查");
    assertThat(cells.get(5)).contains("住房和城乡建设局").contains("综合执法局");
    assertThat(cells.get(7)).isEqualTo("3");
    assertThat(browser.driver().findElement(By.id("ow-overdue")).getText()).contains("按部门").contains("按事项");
    browser.step("02-supervision-dashboard");
    WebElement statistics = browser.visible("#ow-statistics table.ow-statistics");
    assertThat(statistics.getText()).contains("收件数").contains("按时办结率").contains("合计");
    browser.visible("#ow-statistics svg.ow-chart");
    assertThat(browser.driver().findElement(By.cssSelector("#ow-statistics a.ow-csv")).getDomAttribute("href"))
        .contains("/api/statistics").contains("format=csv");
    browser.step("03-statistics");

    browser.click(row.findElement(By.cssSelector("a.ow-instance-link")));
    browser.await().withMessage("the process instance view of " + rn)
        .until(ExpectedConditions.urlContains("/process-instance/" + pi));
    browser.await().withMessage("the process instance view replaces the dashboard")
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ow-supervision")));
    browser.await().withMessage("the instance view shows the receipt number as business key")
        .until(d -> d.getPageSource().contains(rn) && !d.findElements(By.cssSelector("[cam-widget-bpmn-viewer]")).isEmpty());
    browser.step("04-process-instance");
  }

  /** The case's clock deadline, writing the clock's row as the clock would where there is none yet. */
  private LocalDate clockDeadline(String rn, String pi) {
    List<LocalDate> existing = jdbc.queryForList("SELECT deadline_date FROM ow_case_clock WHERE receipt_number = ?",
        LocalDate.class, rn);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    OffsetDateTime accepted = jdbc.queryForObject("SELECT accepted_at FROM ow_case WHERE receipt_number = ?",
        OffsetDateTime.class, rn);
    LocalDate startedOn = accepted.atZoneSameInstant(calendar.zone()).toLocalDate();
    var deadline = calendar.deadline(startedOn, 10);
    var warning = calendar.deadline(startedOn, 9);
    jdbc.update("""
        INSERT INTO ow_case_clock (receipt_number, process_instance_id, item_code, lead_department, promised_days,
          statutory_days, started_on, deadline_date, deadline_at, warning_at, calendar_complete, phase, updated_at)
        VALUES (?, ?, 'JS-GH', 'resources', 10, 20, ?, ?, ?, ?, ?, 'RUNNING', ?)""",
        rn, pi, startedOn, deadline.date(), deadline.at(), warning.at(), deadline.calendarComplete(), accepted);
    insertedClockFor = rn;
    return deadline.date();
  }

  private JsonNode overdue(String rn) {
    for (JsonNode c : as("supervisor1").get("/api/supervision/overdue").json().get("cases")) {
      if (c.get("receiptNumber").asText().equals(rn)) {
        return c;
      }
    }
    return null;
  }
}
