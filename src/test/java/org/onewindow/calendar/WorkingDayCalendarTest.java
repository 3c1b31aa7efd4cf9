package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arithmetic against the published 2025 and 2026 schedules. Every expected value below was worked
 * out by hand from the State Council notices and a paper calendar (1 Jan 2025 is a Wednesday, 1
 * Jan 2026 a Thursday, 1 Jan 2027 a Friday), not taken from the code.
 */
class WorkingDayCalendarTest {

  private final WorkingDayCalendar calendar = OfficialSchedules.calendar();

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  // ------------------------------------------------------------------ every day of the notices

  /** Every holiday of both notices, as published: "first..last" inclusive. */
  static Stream<String> holidayRanges() {
    return Stream.of(
        "2025-01-01..2025-01-01", // 元旦
        "2025-01-28..2025-02-04", // 春节
        "2025-04-04..2025-04-06", // 清明节
        "2025-05-01..2025-05-05", // 劳动节
        "2025-05-31..2025-06-02", // 端午节
        "2025-10-01..2025-10-08", // 国庆节、中秋节
        "2026-01-01..2026-01-03", // 元旦
        "2026-02-15..2026-02-23", // 春节
        "2026-04-04..2026-04-06", // 清明节
        "2026-05-01..2026-05-05", // 劳动节
        "2026-06-19..2026-06-21", // 端午节
        "2026-09-25..2026-09-27", // 中秋节
        "2026-10-01..2026-10-07"); // 国庆节
  }

  @ParameterizedTest(name = "{0} is all days off")
  @MethodSource("holidayRanges")
  void everyDayOfEveryHolidayIsOff(String range) {
    String[] ends = range.split("\\.\\.");
    List<LocalDate> days = d(ends[0]).datesUntil(d(ends[1]).plusDays(1)).toList();
    assertThat(days)
        .isNotEmpty()
        .allSatisfy(day -> assertThat(calendar.isWorkingDay(day)).as("%s", day).isFalse());
  }

  @ParameterizedTest(name = "{0} ({1}) is a make-up working day")
  @CsvSource({
    "2025-01-26, SUNDAY",
    "2025-02-08, SATURDAY",
    "2025-04-27, SUNDAY",
    "2025-09-28, SUNDAY",
    "2025-10-11, SATURDAY",
    "2026-01-04, SUNDAY",
    "2026-02-14, SATURDAY",
    "2026-02-28, SATURDAY",
    "2026-05-09, SATURDAY",
    "2026-09-20, SUNDAY",
    "2026-10-10, SATURDAY"
  })
  void everyMakeUpDayIsWorked(LocalDate date, DayOfWeek dayOfWeek) {
    assertThat(date.getDayOfWeek()).isEqualTo(dayOfWeek);
    assertThat(calendar.isWorkingDay(date)).isTrue();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "2025-01-02, true", // Thursday after 元旦
    "2025-01-27, true", // Monday between the make-up Sunday and 春节
    "2025-02-09, false", // the Sunday after the make-up Saturday stays off
    "2025-02-05, true", // first day back after 春节
    "2025-10-12, false", // Sunday after the make-up Saturday
    "2025-10-09, true", // first day back after 国庆节
    "2025-12-31, true",
    "2026-02-24, true", // first day back after 春节
    "2026-02-21, false", // Saturday inside 春节
    "2026-03-01, false", // ordinary Sunday
    "2026-09-19, false" // Saturday before the make-up Sunday
  })
  void ordinaryDaysAroundTheHolidays(LocalDate date, boolean working) {
    assertThat(calendar.isWorkingDay(date)).isEqualTo(working);
  }

  // ------------------------------------------------------------------ addWorkingDays

  @ParameterizedTest(name = "accepted {0}, {1} working day(s) -> {2}: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // 元旦 2025: the acceptance year has no data but is not counted, so nothing is missing
        "2024-12-31 | 1 | 2025-01-02 | Jan 1 off, Thu Jan 2",
        // 春节 2025 (Jan 28 - Feb 4, make-up Sun Jan 26 and Sat Feb 8)
        "2025-01-24 | 1 | 2025-01-26 | Fri -> make-up Sunday",
        "2025-01-24 | 2 | 2025-01-27 | Sun 26, Mon 27",
        "2025-01-24 | 3 | 2025-02-05 | Sun 26, Mon 27, then Wed Feb 5 after the holiday",
        "2025-01-25 | 1 | 2025-01-26 | accepted Saturday, next is the make-up Sunday",
        "2025-01-27 | 1 | 2025-02-05 | Mon before the holiday -> Wed Feb 5",
        "2025-02-05 | 3 | 2025-02-08 | Thu 6, Fri 7, make-up Sat 8",
        "2025-02-07 | 1 | 2025-02-08 | Fri -> make-up Saturday",
        "2025-02-07 | 2 | 2025-02-10 | Sat 8, then Mon 10 (Sun 9 off)",
        // 清明节 2025 (Apr 4-6)
        "2025-04-03 | 1 | 2025-04-07 | Thu -> Mon Apr 7",
        // 劳动节 2025 (May 1-5, make-up Sun Apr 27)
        "2025-04-25 | 1 | 2025-04-27 | Fri -> make-up Sunday",
        "2025-04-25 | 4 | 2025-04-30 | Sun 27, Mon 28, Tue 29, Wed 30",
        "2025-04-25 | 5 | 2025-05-06 | then Tue May 6 after the holiday",
        "2025-04-30 | 1 | 2025-05-06 | Wed -> Tue May 6",
        // 端午节 2025 (May 31 - Jun 2)
        "2025-05-30 | 1 | 2025-06-03 | Fri -> Tue Jun 3",
        // 国庆节、中秋节 2025 (Oct 1-8, make-up Sun Sep 28 and Sat Oct 11)
        "2025-09-26 | 1 | 2025-09-28 | Fri -> make-up Sunday",
        "2025-09-30 | 1 | 2025-10-09 | Tue -> Thu Oct 9",
        "2025-09-30 | 3 | 2025-10-11 | Thu 9, Fri 10, make-up Sat 11",
        "2025-09-30 | 4 | 2025-10-13 | then Mon 13 (Sun 12 off)",
        "2025-10-11 | 1 | 2025-10-13 | accepted on the make-up Saturday -> Mon 13",
        "2025-09-30 | 20 | 2025-11-04 | Art. 42 limit: Oct 9,10,11,13-17,20-24,27-31, Nov 3, 4",
        // 2025 -> 2026 (元旦 2026 Jan 1-3, make-up Sun Jan 4)
        "2025-12-30 | 1 | 2025-12-31 | Tue -> Wed",
        "2025-12-31 | 1 | 2026-01-04 | Jan 1-3 off -> make-up Sunday",
        "2025-12-31 | 2 | 2026-01-05 | then Mon Jan 5",
        "2025-12-26 | 5 | 2026-01-05 | Dec 29, 30, 31, Jan 4, Jan 5",
        "2026-01-02 | 1 | 2026-01-04 | accepted on a holiday -> make-up Sunday",
        // 春节 2026 (Feb 15-23, make-up Sat Feb 14 and Sat Feb 28)
        "2026-02-13 | 1 | 2026-02-14 | Fri -> make-up Saturday",
        "2026-02-13 | 2 | 2026-02-24 | Sat 14, then Tue Feb 24 after the holiday",
        "2026-02-14 | 1 | 2026-02-24 | accepted on the make-up Saturday",
        "2026-02-24 | 4 | 2026-02-28 | Wed 25, Thu 26, Fri 27, make-up Sat 28",
        "2026-02-24 | 5 | 2026-03-02 | then Mon Mar 2",
        "2026-02-27 | 1 | 2026-02-28 | Fri -> make-up Saturday",
        // 清明节 2026 (Apr 4-6)
        "2026-04-03 | 1 | 2026-04-07 | Fri -> Tue Apr 7",
        // 劳动节 2026 (May 1-5, make-up Sat May 9)
        "2026-04-30 | 1 | 2026-05-06 | Thu -> Wed May 6",
        "2026-04-30 | 4 | 2026-05-09 | Wed 6, Thu 7, Fri 8, make-up Sat 9",
        "2026-04-30 | 5 | 2026-05-11 | then Mon 11",
        // 端午节 2026 (Jun 19-21)
        "2026-06-18 | 1 | 2026-06-22 | Thu -> Mon Jun 22",
        // 中秋节 2026 (Sep 25-27) and the make-up Sun Sep 20 of 国庆节
        "2026-09-18 | 1 | 2026-09-20 | Fri -> make-up Sunday",
        "2026-09-24 | 1 | 2026-09-28 | Thu -> Mon Sep 28",
        // 国庆节 2026 (Oct 1-7, make-up Sat Oct 10)
        "2026-09-30 | 1 | 2026-10-08 | Wed -> Thu Oct 8",
        "2026-09-30 | 3 | 2026-10-10 | Thu 8, Fri 9, make-up Sat 10",
        "2026-09-30 | 4 | 2026-10-12 | then Mon 12",
        "2026-10-10 | 1 | 2026-10-12 | accepted on the make-up Saturday",
      })
  void addWorkingDays(LocalDate from, int n, LocalDate expected, String why) {
    assertThat(calendar.addWorkingDays(from, n)).as(why).isEqualTo(expected);
  }

  @ParameterizedTest(name = "n = 0 on {0} returns the day itself")
  @ValueSource(strings = {"2025-10-01", "2025-10-11", "2026-03-02"})
  void zeroWorkingDaysIsTheDayOfAcceptance(LocalDate from) {
    assertThat(calendar.addWorkingDays(from, 0)).isEqualTo(from);
    assertThat(calendar.deadline(from, 0).calendarComplete()).isTrue();
  }

  @Test
  void negativeWorkingDaysAreRejected() {
    assertThatThrownBy(() -> calendar.addWorkingDays(d("2025-01-01"), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  // ------------------------------------------------------------------ workingDaysBetween

  @ParameterizedTest(name = "({0}, {1}] has {2} working days: {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2025-01-24 | 2025-02-10 | 7 | Jan 26, 27, Feb 5, 6, 7, 8, 10",
        "2025-09-26 | 2025-10-13 | 7 | Sep 28, 29, 30, Oct 9, 10, 11, 13",
        "2025-09-30 | 2025-10-08 | 0 | the whole 国庆节 holiday",
        "2025-10-10 | 2025-10-10 | 0 | empty range",
        "2025-10-10 | 2025-10-11 | 1 | the make-up Saturday counts",
        "2025-12-30 | 2026-01-05 | 3 | Dec 31, Jan 4, Jan 5",
        "2026-02-13 | 2026-03-02 | 7 | Feb 14, 24, 25, 26, 27, 28, Mar 2",
        "2026-04-30 | 2026-05-11 | 5 | May 6, 7, 8, 9, 11",
        "2026-09-18 | 2026-10-12 | 12 | Sep 20-24, 28-30, Oct 8, 9, 10, 12",
        // Yearly totals: 261 weekdays - 18 weekday holidays + 5 make-up days (2025);
        // 261 weekdays - 19 weekday holidays + 6 make-up days (2026).
        "2024-12-31 | 2025-12-31 | 248 | all of 2025",
        "2025-12-31 | 2026-12-31 | 248 | all of 2026",
      })
  void workingDaysBetween(LocalDate from, LocalDate to, int expected, String why) {
    assertThat(calendar.workingDaysBetween(from, to)).as(why).isEqualTo(expected);
    assertThat(calendar.isComplete(from, to)).isTrue();
  }

  @Test
  void yearTotals() {
    assertThat(calendar.workingDaysInYear(2025)).isEqualTo(248);
    assertThat(calendar.workingDaysInYear(2026)).isEqualTo(248);
    // 2027 without data: 365 days from a Friday = 52 weeks + 1 weekday
    assertThat(calendar.workingDaysInYear(2027)).isEqualTo(261);
  }

  @Test
  void toBeforeFromIsRejected() {
    assertThatThrownBy(() -> calendar.workingDaysBetween(d("2025-10-02"), d("2025-10-01")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countingIsTheInverseOfAdding() {
    LocalDate end = d("2027-01-31");
    for (LocalDate from = d("2024-12-01"); from.isBefore(end); from = from.plusDays(1)) {
      for (int n = 0; n <= 40; n++) {
        LocalDate due = calendar.addWorkingDays(from, n);
        assertThat(calendar.workingDaysBetween(from, due)).isEqualTo(n);
        if (n > 0) {
          assertThat(calendar.isWorkingDay(due)).as("%s + %d", from, n).isTrue();
        }
      }
    }
  }

  // ------------------------------------------------------------------ deadline

  @Test
  void deadlineEndsAtOfficeClosingTimeInShanghai() {
    Deadline deadline = calendar.deadline(d("2026-09-30"), 4);

    assertThat(deadline.from()).isEqualTo(d("2026-09-30"));
    assertThat(deadline.workingDays()).isEqualTo(4);
    assertThat(deadline.date()).isEqualTo(d("2026-10-12"));
    assertThat(deadline.at()).isEqualTo(OffsetDateTime.parse("2026-10-12T18:00:00+08:00"));
    assertThat(deadline.calendarComplete()).isTrue();
  }

  @Test
  void officeClosingTimeAndZoneAreConfigurable() {
    WorkingDayCalendar custom = new WorkingDayCalendar(LocalTime.of(17, 30), ZoneId.of("UTC"));
    custom.replaceAll(List.of(OfficialSchedules.read(2025)));

    assertThat(custom.deadline(d("2025-09-30"), 1).at())
        .isEqualTo(OffsetDateTime.parse("2025-10-09T17:30:00Z"));
  }

  // ------------------------------------------------------------------ years without data

  @Nested
  class YearWithoutData {

    @Test
    void isNotComplete() {
      assertThat(calendar.isComplete(2025)).isTrue();
      assertThat(calendar.isComplete(2026)).isTrue();
      assertThat(calendar.isComplete(2027)).isFalse();
      assertThat(calendar.loadedYears()).containsExactly(2025, 2026);
    }

    @Test
    void countsWeekendsOnlyAndSaysSo() {
      // 2027-01-01 is a Friday: in reality 元旦, but without the notice it is a working day.
      Deadline intoUnknownYear = calendar.deadline(d("2026-12-31"), 1);
      assertThat(intoUnknownYear.date()).isEqualTo(d("2027-01-01"));
      assertThat(intoUnknownYear.calendarComplete()).isFalse();

      assertThat(calendar.addWorkingDays(d("2026-12-31"), 2)).isEqualTo(d("2027-01-04"));
      assertThat(calendar.deadline(d("2026-12-30"), 1).date()).isEqualTo(d("2026-12-31"));
      assertThat(calendar.deadline(d("2026-12-30"), 1).calendarComplete()).isTrue();

      // Thu Sep 30 -> Fri Oct 1 2027 (National Day, unknown without data) -> Mon Oct 4
      Deadline inside = calendar.deadline(d("2027-09-30"), 2);
      assertThat(inside.date()).isEqualTo(d("2027-10-04"));
      assertThat(inside.calendarComplete()).isFalse();
      assertThat(calendar.isWorkingDay(d("2027-10-01"))).isTrue();
      assertThat(calendar.isWorkingDay(d("2027-10-02"))).isFalse();

      assertThat(calendar.workingDaysBetween(d("2026-12-31"), d("2027-01-04"))).isEqualTo(2);
      assertThat(calendar.isComplete(d("2026-12-31"), d("2027-01-04"))).isFalse();
    }

    @Test
    void loadingTheYearLaterMovesTheDeadline() {
      HolidaySchedule y2027 =
          new HolidaySchedule(
              2027,
              null,
              List.of(HolidaySchedule.Holiday.of("元旦", d("2027-01-01"))),
              List.of());

      assertThat(calendar.load(y2027)).isTrue();

      Deadline deadline = calendar.deadline(d("2026-12-31"), 1);
      assertThat(deadline.date()).isEqualTo(d("2027-01-04"));
      assertThat(deadline.calendarComplete()).isTrue();
      assertThat(calendar.load(y2027)).as("same schedule again").isFalse();
    }
  }

  // ------------------------------------------------------------------ loading and range

  @Test
  void replaceAllReportsTheYearsThatChanged() {
    HolidaySchedule corrected2026 =
        new HolidaySchedule(
            2026,
            "corrected",
            OfficialSchedules.read(2026).holidays(),
            OfficialSchedules.read(2026).makeUpWorkingDays());

    HolidaySchedule y2025 = OfficialSchedules.read(2025);
    assertThat(calendar.replaceAll(List.of(y2025, OfficialSchedules.read(2026)))).isEmpty();
    assertThat(calendar.replaceAll(List.of(y2025, corrected2026)))
        .containsExactly(2026);
    assertThat(calendar.replaceAll(List.of(corrected2026))).containsExactly(2025);
    assertThat(calendar.schedule(2025)).isEmpty();
    assertThat(calendar.schedule(2026)).contains(corrected2026);
  }

  @Test
  void datesOutsideTheSupportedYearsAreRejected() {
    assertThatThrownBy(() -> calendar.isWorkingDay(d("1899-12-31")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1899");
    assertThatThrownBy(() -> calendar.addWorkingDays(d("2200-12-31"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(calendar.addWorkingDays(d("2200-12-30"), 1)).isEqualTo(d("2200-12-31"));
  }
}
