package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;

@ExtendWith(OutputCaptureExtension.class)
class HolidayScheduleLoaderTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** 2027 as a test fixture (not the real notice): 元旦 on Fri Jan 1. */
  private static final String Y2027 =
      """
      year: 2027
      source: fixture
      holidays:
        - { name: 元旦, date: 2027-01-01 }
      makeUpWorkingDays: []
      """;

  @TempDir Path folder;

  private final List<CalendarChangedEvent> events = new ArrayList<>();
  private final ApplicationEventPublisher publisher =
      event -> events.add((CalendarChangedEvent) event);
  private final WorkingDayCalendar calendar = new WorkingDayCalendar();
  private HolidayScheduleLoader loader;

  @BeforeEach
  void start() throws IOException {
    loader = loader(at("2025-06-01T10:00:00+08:00"), publisher);
    loader.afterPropertiesSet();
  }

  private HolidayScheduleLoader loader(Clock clock, ApplicationEventPublisher publisher) {
    return new HolidayScheduleLoader(calendar, folder, publisher, clock);
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.from(OffsetDateTime.parse(instant)), SHANGHAI);
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void startsWithTheShippedYearsWithoutAnEvent() {
    assertThat(calendar.loadedYears()).containsExactly(2025, 2026);
    assertThat(events).isEmpty();
    assertThat(loader.problems()).isEmpty();
  }

  @Test
  void picksUpANewFileAndPublishesTheChange() throws IOException {
    assertThat(calendar.deadline(LocalDate.of(2026, 12, 31), 1).calendarComplete()).isFalse();
    write("2027.yaml", Y2027);

    assertThat(loader.reload()).containsExactly(2027);

    assertThat(events).hasSize(1);
    assertThat(events.get(0).years()).containsExactly(2027);
    assertThat(events.get(0).loadedYears()).containsExactlyInAnyOrder(2025, 2026, 2027);
    assertThat(events.get(0).getSource()).isSameAs(loader);
    Deadline deadline = calendar.deadline(LocalDate.of(2026, 12, 31), 1);
    assertThat(deadline.date()).isEqualTo(LocalDate.of(2027, 1, 4));
    assertThat(deadline.calendarComplete()).isTrue();

    assertThat(loader.reload()).as("nothing new").isEmpty();
    assertThat(events).hasSize(1);
  }

  @Test
  void followsChangesAndRemovals() throws IOException {
    write("2027.yaml", Y2027);
    loader.reload();

    write("2027.yaml", Y2027.replace("date: 2027-01-01", "date: 2027-01-04"));
    assertThat(loader.reload()).containsExactly(2027);
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 4))).isFalse();

    Files.delete(folder.resolve("2027.yaml"));
    assertThat(loader.reload()).containsExactly(2027);
    assertThat(calendar.isComplete(2027)).isFalse();
    assertThat(events).hasSize(3);
  }

  @Test
  void rejectsAnInvalidFileNamingTheFileAndTheDate() throws IOException {
    // 2027-01-04 is a Monday.
    write(
        "2027.yaml",
        Y2027.replace("makeUpWorkingDays: []", "makeUpWorkingDays: [{date: 2027-01-04}]"));

    assertThat(loader.reload()).isEmpty();

    assertThat(calendar.isComplete(2027)).isFalse();
    assertThat(events).isEmpty();
    assertThat(loader.problems())
        .singleElement()
        .asString()
        .contains(folder.resolve("2027.yaml").toString())
        .contains("make-up working day 2027-01-04 is a MONDAY");
  }

  @Test
  void keepsTheLastValidVersionWhenAFileBreaks() throws IOException {
    write("2027.yaml", Y2027);
    loader.reload();

    write("2027.yaml", Y2027.replace("2027-01-01", "2027-13-01"));
    assertThat(loader.reload()).isEmpty();
    assertThat(calendar.isComplete(2027)).isTrue();
    assertThat(loader.problems())
        .singleElement()
        .asString()
        .contains("'2027-13-01' is not a date")
        .contains("previous valid version stays loaded");

    write("2027.yaml", Y2027);
    assertThat(loader.reload()).isEmpty();
    assertThat(loader.problems()).isEmpty();
  }

  @Test
  void aFolderFileOverridesTheShippedYear() throws IOException {
    write(
        "2026.yaml",
        """
        year: 2026
        source: corrected
        holidays:
          - { name: 元旦, from: 2026-01-01, to: 2026-01-02 }
        makeUpWorkingDays: []
        """);

    assertThat(loader.reload()).containsExactly(2026);
    assertThat(calendar.schedule(2026).orElseThrow().source()).isEqualTo("corrected");

    Files.delete(folder.resolve("2026.yaml"));
    assertThat(loader.reload()).containsExactly(2026);
    assertThat(calendar.schedule(2026)).contains(OfficialSchedules.read(2026));
  }

  @Test
  void aYearFileMustDeclareItsYear() throws IOException {
    write("2028.yaml", Y2027);

    loader.reload();

    assertThat(calendar.loadedYears()).containsExactly(2025, 2026);
    assertThat(loader.problems())
        .singleElement()
        .asString()
        .contains("2028.yaml: declares year 2027 but is meant for year 2028");
  }

  @Test
  void theYearFileWinsOverOtherFilesForTheSameYear() throws IOException {
    write("2027-draft.yaml", Y2027.replace("source: fixture", "source: draft"));
    write("2027.yaml", Y2027);

    assertThat(loader.reload()).containsExactly(2027);

    assertThat(calendar.schedule(2027).orElseThrow().source()).isEqualTo("fixture");
    assertThat(loader.problems())
        .singleElement()
        .asString()
        .contains("2027-draft.yaml: year 2027 is also in");
  }

  @Test
  void storeWritesTheFileAndLoadsIt() throws IOException {
    HolidaySchedule schedule = HolidayScheduleFormat.parseYaml(Y2027, "test", 2027);

    loader.store(schedule, "a test");

    Path file = folder.resolve("2027.yaml");
    String stored = Files.readString(file);
    assertThat(stored).startsWith("# Stored by OneWindow from a test at 2025-06-01T02:00:00Z\n");
    assertThat(HolidayScheduleFormat.parseYaml(stored, file.toString(), 2027)).isEqualTo(schedule);
    assertThat(calendar.schedule(2027)).contains(schedule);
    assertThat(events).singleElement().satisfies(e -> assertThat(e.years()).containsExactly(2027));
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFailingListenerDoesNotUndoTheReload() throws IOException {
    HolidayScheduleLoader failing =
        loader(
            at("2025-06-01T10:00:00+08:00"),
            event -> {
              throw new IllegalStateException("listener bug");
            });
    failing.afterPropertiesSet();
    write("2027.yaml", Y2027);

    assertThat(failing.reload()).containsExactly(2027);
    assertThat(calendar.isComplete(2027)).isTrue();
  }

  @Test
  void aMissingFolderIsNoError() throws IOException {
    HolidayScheduleLoader absent =
        new HolidayScheduleLoader(
            calendar, folder.resolve("absent"), publisher, at("2025-06-01T10:00:00+08:00"));
    absent.afterPropertiesSet();

    assertThat(calendar.loadedYears()).containsExactly(2025, 2026);
    assertThat(absent.problems()).isEmpty();
  }

  @Test
  void requiredYearsAreTheCurrentAndNextInShanghai() {
    assertThat(loader.requiredYears()).containsExactly(2025, 2026);
    assertThat(loader.missingRequiredYears()).isEmpty();

    // 2025-12-31T16:30Z is already New Year's Day in Shanghai.
    HolidayScheduleLoader newYear = loader(at("2025-12-31T16:30:00Z"), publisher);
    assertThat(newYear.requiredYears()).containsExactly(2026, 2027);
    assertThat(newYear.missingRequiredYears()).containsExactly(2027);
  }

  @Test
  void warnsAtStartUpAboutMissingYears(CapturedOutput output) throws IOException {
    loader(at("2026-11-27T09:00:00+08:00"), publisher).afterPropertiesSet();

    assertThat(output.getOut() + output.getErr())
        .contains("WARN")
        .contains("No holiday schedule for [2027]");
  }
}
