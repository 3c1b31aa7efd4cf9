package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.onewindow.calendar.HolidaySchedule;
import org.onewindow.calendar.OfficialSchedules;
import org.onewindow.calendar.WorkingDayCalendar;

/**
 * The clock's arithmetic without database or engine, against the published 2026 schedule. Every
 * expected date was counted by hand on a paper calendar of 2026 with the State Council's notice:
 * holidays Jun 19–21 (端午), Sep 25–27 (中秋), Oct 1–7 (国庆); make-up working days Sun Sep 20 and
 * Sat Oct 10.
 */
class CaseClockRulesTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final WorkingDayCalendar calendar = OfficialSchedules.calendar();
  private final CaseClockRules rules = new CaseClockRules(calendar, 1);

  private static OffsetDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toOffsetDateTime();
  }

  private static OffsetDateTime closing(String date) {
    return at(date + "T18:00");
  }

  /** SP-JY (食品经营许可): promised 10, statutory 20 working days. */
  private ClockState foodLicence(String acceptedAt) {
    return rules.start("OW1", "pi-1", "SP-JY", "market", 10, 20, at(acceptedAt));
  }

  @Test
  void startCountsFromTheDayAfterAcceptanceAcrossTheMidAutumnAndNationalDayHolidays() {
    // Tue Sep 22 accepted (not counted): 23, 24, [25-27 中秋], 28, 29, 30, [Oct 1-7 国庆], 8, 9,
    // 10 (Sat, make-up), 12, 13 -> the 10th working day is Tue Oct 13.
    ClockState clock = foodLicence("2026-09-22T10:00");

    assertThat(clock.startedOn()).isEqualTo(LocalDate.of(2026, 9, 22));
    assertThat(clock.deadlineDate()).isEqualTo(LocalDate.of(2026, 10, 13));
    assertThat(clock.deadlineAt()).isEqualTo(closing("2026-10-13"));
    assertThat(clock.warningAt()).as("one working day before: Mon Oct 12").isEqualTo(closing("2026-10-12"));
    assertThat(clock.calendarComplete()).isTrue();
    assertThat(clock.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(clock.extensionAllowance()).isEqualTo(10);
  }

  @Test
  void warningBeforeAHolidayFallsOnTheLastWorkingDayBeforeIt() {
    // JS-SG, 5 days from Tue Jun 16: 17, 18, [19-21 端午], 22, 23, 24.
    ClockState clock = rules.start("OW2", "pi-2", "JS-SG", "housing", 5, 15, at("2026-06-16T10:00"));
    assertThat(clock.deadlineAt()).isEqualTo(closing("2026-06-24"));
    assertThat(clock.warningAt()).isEqualTo(closing("2026-06-23"));

    // Accepted Tue Jun 16, 3 days: 17, 18, 22; the warning is Thu Jun 18, before the holiday.
    ClockState short3 = rules.start("OW3", "pi-3", "X", "housing", 3, 15, at("2026-06-16T10:00"));
    assertThat(short3.deadlineAt()).isEqualTo(closing("2026-06-22"));
    assertThat(short3.warningAt()).isEqualTo(closing("2026-06-18"));
  }

  @Test
  void theWarningMarginIsConfigurableAndNeverBeforeTheDayOfAcceptance() {
    CaseClockRules threeDays = new CaseClockRules(calendar, 3);
    ClockState clock = threeDays.start("OW1", "pi", "SP-JY", "market", 10, 20, at("2026-09-22T10:00"));
    // Three working days before Oct 13: 12, 10 (Sat, make-up), 9 -> the warning is Fri Oct 9.
    assertThat(clock.warningAt()).isEqualTo(closing("2026-10-09"));

    CaseClockRules noMargin = new CaseClockRules(calendar, 0);
    assertThat(noMargin.start("OW1", "pi", "SP-JY", "market", 10, 20, at("2026-09-22T10:00")).warningAt())
        .isEqualTo(closing("2026-10-13"));

    CaseClockRules wide = new CaseClockRules(calendar, 5);
    ClockState oneDay = wide.start("OW1", "pi", "X", "market", 1, 20, at("2026-09-22T10:00"));
    assertThat(oneDay.deadlineAt()).isEqualTo(closing("2026-09-23"));
    assertThat(oneDay.warningAt()).as("at the close of the day of acceptance").isEqualTo(closing("2026-09-22"));

    assertThatThrownBy(() -> new CaseClockRules(calendar, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPauseOverTheNationalDayHolidayMovesTheDeadlineByTheWorkingDaysPaused() {
    ClockState clock = foodLicence("2026-09-22T10:00");
    ClockState paused = rules.pause(clock, PauseReason.SUPPLEMENT, at("2026-09-29T15:00"));
    assertThat(paused.phase()).isEqualTo(ClockPhase.PAUSED);
    assertThat(paused.phaseBeforePause()).isEqualTo(ClockPhase.RUNNING);
    assertThat(paused.deadlineDate()).as("unchanged while paused").isEqualTo(LocalDate.of(2026, 10, 13));

    // Paused Tue Sep 29 (counts as used), resumed Wed Oct 14 (not counted): Sep 30, Oct 8, 9,
    // 10 (Sat, make-up), 12, 13, 14 -> 7 working days given back.
    assertThat(rules.pausedWorkingDays(at("2026-09-29T15:00"), at("2026-10-14T10:00"))).isEqualTo(7);
    ClockState resumed = rules.resume(paused, at("2026-10-14T10:00"));

    assertThat(resumed.pausedWorkingDays()).isEqualTo(7);
    // Oct 13 + 7 working days: 14, 15, 16, 19, 20, 21, 22.
    assertThat(resumed.deadlineAt()).isEqualTo(closing("2026-10-22"));
    assertThat(resumed.warningAt()).isEqualTo(closing("2026-10-21"));
    assertThat(resumed.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(resumed.pausedSince()).isNull();
    assertThat(resumed.pauseReasonType()).isNull();
    // The same as counting what is left: 4 days used before (23, 24, 28, 29), 6 after (15..22).
    assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 14), resumed.deadlineDate())).isEqualTo(6);
  }

  @Test
  void aPauseThatEndsTheDayItBeganGivesNothingBackAndAMakeUpSundayCounts() {
    ClockState clock = foodLicence("2026-09-14T09:00");
    ClockState sameDay = rules.resume(rules.pause(clock, PauseReason.TESTING, at("2026-09-15T09:00")),
        at("2026-09-15T17:00"));
    assertThat(sameDay.pausedWorkingDays()).isZero();
    assertThat(sameDay.deadlineAt()).isEqualTo(clock.deadlineAt());

    // Fri Sep 18 to Sun Sep 20: the Sunday is the make-up working day of 中秋, so one day back.
    assertThat(rules.pausedWorkingDays(at("2026-09-18T16:00"), at("2026-09-20T10:00"))).isEqualTo(1);
    // Fri Jun 12 to Mon Jun 15: the weekend is not counted, Monday is the day of resumption.
    assertThat(rules.pausedWorkingDays(at("2026-06-12T16:00"), at("2026-06-15T10:00"))).isEqualTo(1);
  }

  @Test
  void aPauseDoesNotEraseAWarning() {
    ClockState warned = foodLicence("2026-09-22T10:00").withPhase(ClockPhase.WARNING);
    ClockState paused = rules.pause(warned, PauseReason.EXPERT_REVIEW, at("2026-10-12T19:00"));
    ClockState resumed = rules.resume(paused, at("2026-10-16T09:00"));
    // Paused Mon Oct 12 (used), resumed Fri Oct 16: 13, 14, 15, 16 -> deadline Oct 13 + 4 = Oct 19.
    assertThat(resumed.deadlineAt()).isEqualTo(closing("2026-10-19"));
    assertThat(resumed.phase()).isEqualTo(ClockPhase.WARNING);
  }

  @Test
  void onlyACountingClockCanBePausedAndOnlyAPausedOneResumed() {
    ClockState clock = foodLicence("2026-09-22T10:00");
    ClockState paused = rules.pause(clock, PauseReason.HEARING, at("2026-09-23T10:00"));
    assertThatThrownBy(() -> rules.pause(paused, PauseReason.TESTING, at("2026-09-24T10:00")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rules.resume(clock, at("2026-09-24T10:00"))).isInstanceOf(IllegalStateException.class);
    ClockState stopped = rules.stop(clock, at("2026-09-24T10:00"), true);
    assertThatThrownBy(() -> rules.pause(stopped, PauseReason.HEARING, at("2026-09-24T11:00")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anExtensionMovesTheDeadlineWithinTheStatutoryLimitAndAWarnedCaseRunsAgain() {
    ClockState warned = foodLicence("2026-09-22T10:00").withPhase(ClockPhase.WARNING);
    ClockState extended = rules.extend(warned, 5, at("2026-10-13T09:00"));
    // Oct 13 + 5: 14, 15, 16, 19, 20.
    assertThat(extended.deadlineAt()).isEqualTo(closing("2026-10-20"));
    assertThat(extended.warningAt()).isEqualTo(closing("2026-10-19"));
    assertThat(extended.extendedDays()).isEqualTo(5);
    assertThat(extended.phase()).isEqualTo(ClockPhase.RUNNING);
    assertThat(extended.extensionAllowance()).isEqualTo(5);

    ClockState full = rules.extend(extended, 5, at("2026-10-13T10:00"));
    assertThat(full.extensionAllowance()).isZero();
    assertThatThrownBy(() -> rules.extend(full, 1, at("2026-10-13T11:00")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statutory 20");
    assertThatThrownBy(() -> rules.extend(extended, 6, at("2026-10-13T11:00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rules.extend(extended, 0, at("2026-10-13T11:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSmallExtensionOfAWarnedCaseKeepsTheWarningWhenTheNewWarningHasPassed() {
    ClockState clock = rules.start("OW1", "pi", "SP-JY", "market", 10, 20, at("2026-09-22T10:00"));
    ClockState warned = clock.withPhase(ClockPhase.WARNING);
    // Extended by one day on Oct 13 at 19:00: the new warning (Oct 13 18:00) has passed.
    ClockState extended = rules.extend(warned, 1, at("2026-10-13T19:00"));
    assertThat(extended.warningAt()).isEqualTo(closing("2026-10-13"));
    assertThat(extended.phase()).isEqualTo(ClockPhase.WARNING);
  }

  @Test
  void stoppingRecordsOnTimeAndTheWorkingDaysUsedWithoutThePauses() {
    ClockState clock = foodLicence("2026-09-22T10:00");
    ClockState early = rules.stop(clock, at("2026-09-29T11:00"), true);
    assertThat(early.phase()).isEqualTo(ClockPhase.STOPPED);
    assertThat(early.finishedOnTime()).isTrue();
    assertThat(early.workingDaysUsed()).isEqualTo(4); // 23, 24, 28, 29
    assertThat(early.stoppedAt()).isEqualTo(at("2026-09-29T11:00"));

    assertThat(rules.stop(clock, at("2026-10-13T17:59"), true).finishedOnTime()).isTrue();
    ClockState late = rules.stop(clock, at("2026-10-13T18:01"), true);
    assertThat(late.finishedOnTime()).isFalse();
    assertThat(late.workingDaysUsed()).isEqualTo(10);

    // Stopped while paused: the pause is closed first and its days do not count as used.
    ClockState paused = rules.pause(clock, PauseReason.TESTING, at("2026-09-29T15:00"));
    ClockState stoppedPaused = rules.stop(paused, at("2026-10-14T10:00"), true);
    assertThat(stoppedPaused.pausedWorkingDays()).isEqualTo(7);
    assertThat(stoppedPaused.workingDaysUsed()).isEqualTo(4);
    assertThat(stoppedPaused.finishedOnTime()).isTrue();

    ClockState cancelled = rules.stop(clock, at("2026-09-24T10:00"), false);
    assertThat(cancelled.finishedOnTime()).as("no verdict for a cancelled case").isNull();
  }

  @Test
  void aScheduleLoadedLaterMovesOnlyTheClocksThatCountThroughItsYear() {
    // 2027 has no schedule yet: weekends only. Accepted Thu Dec 24 2026, 10 days: Dec 25, 28,
    // 29, 30, 31, then Fri Jan 1 2027 (counted as a working day for now), 4, 5, 6, 7.
    WorkingDayCalendar cal = OfficialSchedules.calendar();
    CaseClockRules r = new CaseClockRules(cal, 1);
    ClockState crossing = r.start("OW1", "pi", "SP-JY", "market", 10, 20, at("2026-12-24T10:00"));
    ClockState inside = r.start("OW2", "pi", "JS-SG", "housing", 5, 15, at("2026-12-10T10:00"));
    assertThat(crossing.deadlineAt()).isEqualTo(closing("2027-01-07"));
    assertThat(crossing.calendarComplete()).isFalse();
    assertThat(inside.deadlineAt()).isEqualTo(closing("2026-12-17"));
    assertThat(r.touches(crossing, Set.of(2027))).isTrue();
    assertThat(r.touches(inside, Set.of(2027))).isFalse();

    cal.load(new HolidaySchedule(2027, "test", List.of(HolidaySchedule.Holiday.of("元旦", LocalDate.of(2027, 1, 1))),
        List.of()));
    ClockState recomputed = r.recompute(crossing, at("2026-12-28T10:00"));
    assertThat(recomputed.deadlineAt()).isEqualTo(closing("2027-01-08"));
    assertThat(recomputed.warningAt()).isEqualTo(closing("2027-01-07"));
    assertThat(recomputed.calendarComplete()).isTrue();
    assertThat(r.recompute(inside, at("2026-12-28T10:00")).deadlineAt()).isEqualTo(inside.deadlineAt());
  }

  @Test
  void thePromisedLimitMustNotExceedTheStatutoryOne() {
    assertThatThrownBy(() -> rules.start("OW1", "pi", "X", "market", 21, 20, at("2026-09-22T10:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
