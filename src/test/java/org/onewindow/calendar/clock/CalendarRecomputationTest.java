package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.calendar.HolidayScheduleFormat;
import org.onewindow.calendar.HolidayScheduleLoader;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.process.CaseVariables;
import org.onewindow.support.ApiClient;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A year's holiday schedule arrives while cases are open (PUT /api/calendar/{year}): the deadlines
 * that count through that year are recomputed and their timers and task due dates move, in the
 * same request; the others are not touched.
 *
 * <p>The years are fictional on purpose, 2098 and 2099, so that no real schedule shipped later
 * changes what this test starts from: 2098 gets a schedule first (so the cases accepted in it are
 * counted completely), 2099 has none until the test loads one with 元旦 on Thu Jan 1 and Fri Jan 2.
 * Until then Jan 1 and 2 count as working days (weekends only).
 */
@OneWindowIntegrationTest
class CalendarRecomputationTest extends ClockTestSupport {
  private static final String Y2098 = """
      year: 2098
      source: 测试用（虚构）
      holidays:
        - { name: 元旦, date: 2098-01-01 }
      makeUpWorkingDays: []
      """;
  private static final String Y2099 = """
      year: 2099
      source: 测试用（虚构）
      holidays:
        - { name: 元旦, from: 2099-01-01, to: 2099-01-02 }
      makeUpWorkingDays: []
      """;

  @Autowired HolidayScheduleLoader loader;
  @Autowired WorkingDayCalendar calendar;

  private void store(String yaml, int year) {
    ApiClient.Response r = as("admin").put("/api/calendar/" + year, "application/yaml", yaml);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @AfterEach
  void removeTheFictionalYears() throws IOException {
    Files.deleteIfExists(loader.folder().resolve("2098.yaml"));
    Files.deleteIfExists(loader.folder().resolve("2099.yaml"));
    loader.reload();
  }

  private List<Date> due(String rn) {
    return openTasks(rn).stream().map(Task::getDueDate).distinct().toList();
  }

  @Test
  void loadingANewYearMovesTheDeadlinesTimersAndDueDatesThatCountThroughItAndNoOthers() {
    assertThat(calendar.isComplete(2098)).isFalse();
    assertThat(calendar.isComplete(2099)).isFalse();
    now("2098-12-22T09:00");
    store(Y2098, 2098);

    // B: JS-SG, 5 days from Mon Dec 22: 23, 24, 25, 26, 29. Never reaches 2099.
    now("2098-12-22T10:00");
    String untouched = receiveAndAccept("JS-SG");
    // A: SP-JY, 10 days from Wed Dec 24: 25, 26, 29, 30, 31, Jan 1, 2, 5, 6, 7 (2099 weekends only).
    now("2098-12-24T10:00");
    String crossing = receiveAndAccept("SP-JY");
    // C: JS-GH, 10 days from Dec 24 like A, but paused for testing right away.
    String paused = receiveAndAccept("JS-GH");
    now("2098-12-24T11:00");
    assertThat(as("resources1").post("/api/cases/" + paused + "/clock/pauses",
        Map.of("reasonType", "TESTING", "reason", "委托检测")).status()).isEqualTo(201);

    assertThat(clock(untouched).deadlineAt()).isEqualTo(at("2098-12-29T18:00"));
    assertThat(clock(untouched).calendarComplete()).isTrue();
    assertThat(clock(crossing).deadlineAt()).isEqualTo(at("2099-01-07T18:00"));
    assertThat(clock(crossing).warningAt()).isEqualTo(at("2099-01-06T18:00"));
    assertThat(clock(crossing).calendarComplete()).isFalse();
    assertThat(as("window1").get("/api/cases/" + crossing).json().at("/clock/calendarComplete").asBoolean()).isFalse();
    Map<CaseClockEngine.TimerKind, List<Date>> untouchedTimers = timers(untouched);
    List<Date> untouchedDue = due(untouched);
    List<Job> pausedTimersBefore = suspendedTimers(paused);
    assertThat(pausedTimersBefore).hasSize(2);

    now("2098-12-24T12:00");
    store(Y2099, 2099);

    // A: Dec 25, 26, 29, 30, 31, [Jan 1-2], 5, 6, 7, 8, 9.
    ClockState a = clock(crossing);
    assertThat(a.deadlineAt()).isEqualTo(at("2099-01-09T18:00"));
    assertThat(a.warningAt()).isEqualTo(at("2099-01-08T18:00"));
    assertThat(a.calendarComplete()).isTrue();
    assertThat(timers(crossing)).containsEntry(CaseClockEngine.TimerKind.WARNING, List.of(date("2099-01-08T18:00")))
        .containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2099-01-09T18:00")));
    assertThat(openTasks(crossing)).extracting(Task::getTaskDefinitionKey, Task::getDueDate).containsExactlyInAnyOrder(
        tuple("jointReview", date("2099-01-09T18:00")), tuple("siteInspection", date("2099-01-09T18:00")));
    assertThat(variable(crossing, CaseVariables.PROMISED_DATE)).isEqualTo("2099-01-09");
    assertThat(ledgerKinds(crossing)).containsExactly("START", "RECOMPUTE");
    assertThat(jdbc.queryForMap("SELECT * FROM ow_clock_event WHERE receipt_number = ? AND kind = 'RECOMPUTE'",
        crossing)).containsEntry("REASON_TYPE", "CALENDAR").containsEntry("ACTOR", "system")
        .containsEntry("DEADLINE_BEFORE", java.sql.Date.valueOf("2099-01-07"))
        .containsEntry("DEADLINE_AFTER", java.sql.Date.valueOf("2099-01-09"));
    assertThat(as("window1").get("/api/cases/" + crossing).json().at("/clock/calendarComplete").asBoolean()).isTrue();

    // B: nothing moved, nothing written.
    assertThat(clock(untouched).deadlineAt()).isEqualTo(at("2098-12-29T18:00"));
    assertThat(timers(untouched)).isEqualTo(untouchedTimers);
    assertThat(due(untouched)).isEqualTo(untouchedDue).containsExactly(date("2098-12-29T18:00"));
    assertThat(ledgerKinds(untouched)).containsExactly("START");

    // C: its deadline and due dates moved; its timers stay parked until the resume sets them.
    assertThat(clock(paused).deadlineAt()).isEqualTo(at("2099-01-09T18:00"));
    assertThat(due(paused)).containsExactly(date("2099-01-09T18:00"));
    assertThat(suspendedTimers(paused)).extracting(Job::getDuedate)
        .containsExactlyInAnyOrderElementsOf(pausedTimersBefore.stream().map(Job::getDuedate).toList());
    // Resumed Mon Dec 29: Dec 25, 26, 29 given back -> 13 days: ..., Jan 9, 12, 13, 14.
    now("2098-12-29T09:00");
    assertThat(as("resources1").post("/api/cases/" + paused + "/clock/resume", Map.of()).status()).isEqualTo(200);
    assertThat(clock(paused).deadlineAt()).isEqualTo(at("2099-01-14T18:00"));
    assertThat(suspendedTimers(paused)).isEmpty();
    assertThat(timers(paused)).containsEntry(CaseClockEngine.TimerKind.WARNING, List.of(date("2099-01-13T18:00")))
        .containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2099-01-14T18:00")));
    assertThat(ledgerKinds(paused)).containsExactly("START", "PAUSE", "RECOMPUTE", "RESUME");
  }

  @Test
  void schedulesFoundAtStartUpAreAppliedToTheOpenDeadlines() {
    now("2098-12-24T10:00");
    String crossing = receiveAndAccept("SP-JY");
    assertThat(clock(crossing).deadlineAt()).isEqualTo(at("2099-01-07T18:00"));

    // As if 2099.yaml had been added to the folder while the application was down: loaded, no event.
    calendar.load(HolidayScheduleFormat.parseYaml(Y2099, "test", 2099));
    caseClock.recomputeAtStartUp();

    assertThat(clock(crossing).deadlineAt()).isEqualTo(at("2099-01-09T18:00"));
    assertThat(timers(crossing)).containsEntry(CaseClockEngine.TimerKind.DEADLINE, List.of(date("2099-01-09T18:00")));
    assertThat(ledgerKinds(crossing)).containsExactly("START", "RECOMPUTE");
  }
}
