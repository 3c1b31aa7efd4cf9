package org.onewindow.calendar.clock;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.onewindow.calendar.Deadline;
import org.onewindow.calendar.WorkingDayCalendar;

/**
 * The arithmetic of the legal case clock, without a database or an engine: every transition of a
 * {@link ClockState} as a pure function of the state, the working-day calendar and "now".
 *
 * <p>Rules (Administrative Licensing Law):
 *
 * <ul>
 *   <li>Start (Art. 82): the day of acceptance is not counted; the deadline is the {@code
 *       promisedDays}-th working day after it, at the office closing time.
 *   <li>Warning: the closing time of the working day {@code warningWorkingDays} working days before
 *       the deadline day; never before the day of acceptance.
 *   <li>Pause (Art. 45, and supplement during review): the day a pause begins counts as used, the
 *       day it ends does not; counting resumes the next working day, as after acceptance (Art. 32,
 *       82). So the days given back are {@code workingDaysBetween(pauseDay, resumeDay)}; a pause
 *       that begins and ends on the same day gives back nothing. Whole working days only: the
 *       limit is counted in days, never in hours.
 *   <li>Extension (Art. 42): adds working days, bounded by the statutory limit: {@code promised +
 *       extended <= statutory}.
 *   <li>The deadline is always recomputed from the day of acceptance and the total of counted days
 *       ({@link ClockState#countedDays()}), so a newly loaded holiday schedule moves it exactly as
 *       if it had been known from the start.
 * </ul>
 */
public final class CaseClockRules {

  /** Deadline, warning time and completeness of a count of working days from acceptance. */
  public record Schedule(
      LocalDate deadlineDate,
      OffsetDateTime deadlineAt,
      OffsetDateTime warningAt,
      boolean calendarComplete) {}

  private final WorkingDayCalendar calendar;
  private final int warningWorkingDays;

  public CaseClockRules(WorkingDayCalendar calendar, int warningWorkingDays) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    if (warningWorkingDays < 0) {
      throw new IllegalArgumentException("warning working days must not be negative: " + warningWorkingDays);
    }
    this.warningWorkingDays = warningWorkingDays;
  }

  public WorkingDayCalendar calendar() {
    return calendar;
  }

  public int warningWorkingDays() {
    return warningWorkingDays;
  }

  public ZoneId zone() {
    return calendar.zone();
  }

  public LocalDate day(OffsetDateTime at) {
    return at.atZoneSameInstant(calendar.zone()).toLocalDate();
  }

  /** The deadline and warning of {@code countedDays} working days after {@code startedOn}. */
  public Schedule schedule(LocalDate startedOn, int countedDays) {
    Deadline deadline = calendar.deadline(startedOn, countedDays);
    LocalDate warningDay = calendar.addWorkingDays(startedOn, Math.max(0, countedDays - warningWorkingDays));
    return new Schedule(deadline.date(), deadline.at(), closingTime(warningDay), deadline.calendarComplete());
  }

  /** A new running clock for a case accepted at {@code now}. */
  public ClockState start(String receiptNumber, String processInstanceId, String itemCode,
      String leadDepartment, int promisedDays, int statutoryDays, OffsetDateTime now) {
    if (promisedDays < 0 || statutoryDays < promisedDays) {
      throw new IllegalArgumentException("promised " + promisedDays + " / statutory " + statutoryDays
          + " working days: the promised limit must be between 0 and the statutory limit");
    }
    LocalDate startedOn = day(now);
    Schedule s = schedule(startedOn, promisedDays);
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, 0, 0, startedOn, s.deadlineDate(), s.deadlineAt(), s.warningAt(),
        s.calendarComplete(), ClockPhase.RUNNING, null, null, null, null, null, null, now);
  }

  /** Stops the counting; the phase before is kept for the resume. */
  public ClockState pause(ClockState clock, PauseReason reason, OffsetDateTime now) {
    requireCounting(clock, "pause");
    return clock.withPause(ClockPhase.PAUSED, now, Objects.requireNonNull(reason, "reason"), clock.phase())
        .withUpdatedAt(now);
  }

  /** Working days given back for a pause from {@code since} to {@code now}. */
  public int pausedWorkingDays(OffsetDateTime since, OffsetDateTime now) {
    LocalDate from = day(since);
    LocalDate to = day(now);
    return to.isAfter(from) ? calendar.workingDaysBetween(from, to) : 0;
  }

  /**
   * Resumes counting: the deadline moves by the working days spent paused and the phase before
   * the pause returns (the remaining time is the same as when the pause began).
   */
  public ClockState resume(ClockState clock, OffsetDateTime now) {
    if (!clock.paused()) {
      throw new IllegalStateException("clock of " + clock.receiptNumber() + " is " + clock.phase() + ", not paused");
    }
    int paused = clock.pausedWorkingDays() + pausedWorkingDays(clock.pausedSince(), now);
    ClockState resumed = clock.withDays(clock.extendedDays(), paused);
    ClockPhase before = clock.phaseBeforePause() == null ? ClockPhase.RUNNING : clock.phaseBeforePause();
    return resumed.withSchedule(schedule(clock.startedOn(), resumed.countedDays()))
        .withPause(before, null, null, null)
        .withUpdatedAt(now);
  }

  /**
   * Extends the limit by {@code days} working days (Art. 42). A warned case whose new warning time
   * lies ahead runs again; it will be warned again at the new time.
   *
   * @throws IllegalArgumentException if the extension would pass the statutory limit
   */
  public ClockState extend(ClockState clock, int days, OffsetDateTime now) {
    if (clock.stopped()) {
      throw new IllegalStateException("clock of " + clock.receiptNumber() + " has stopped");
    }
    if (days < 1 || days > clock.extensionAllowance()) {
      throw new IllegalArgumentException("extension of " + days + " working days: allowed 1.."
          + clock.extensionAllowance() + " (statutory " + clock.statutoryDays() + ", promised "
          + clock.promisedDays() + ", extended " + clock.extendedDays() + ")");
    }
    ClockState extended = clock.withDays(clock.extendedDays() + days, clock.pausedWorkingDays());
    extended = extended.withSchedule(schedule(clock.startedOn(), extended.countedDays()));
    if (extended.phase() == ClockPhase.WARNING && now.isBefore(extended.warningAt())) {
      extended = extended.withPhase(ClockPhase.RUNNING);
    } else if (extended.paused() && extended.phaseBeforePause() == ClockPhase.WARNING
        && now.isBefore(extended.warningAt())) {
      extended = extended.withPause(ClockPhase.PAUSED, extended.pausedSince(), extended.pauseReasonType(),
          ClockPhase.RUNNING);
    }
    return extended.withUpdatedAt(now);
  }

  /**
   * The same clock counted with the calendar as it is now. The phase is kept: a warning or an
   * overdue that has fired stays recorded.
   */
  public ClockState recompute(ClockState clock, OffsetDateTime now) {
    return clock.withSchedule(schedule(clock.startedOn(), clock.countedDays())).withUpdatedAt(now);
  }

  /**
   * True if the counting of this clock runs through one of {@code years}: only then can a changed
   * schedule of those years move its deadline.
   */
  public boolean touches(ClockState clock, Set<Integer> years) {
    for (int year = clock.startedOn().plusDays(1).getYear(); year <= clock.deadlineDate().getYear(); year++) {
      if (years.contains(year)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The final state: result ready at {@code now} (or cancelled). A clock still paused is resumed
   * first, so the pause's days are given back. {@code finishedOnTime} is null for a cancelled case.
   */
  public ClockState stop(ClockState clock, OffsetDateTime now, boolean completed) {
    ClockState c = clock.paused() ? resume(clock, now) : clock;
    LocalDate today = day(now);
    int used = today.isAfter(c.startedOn())
        ? Math.max(0, calendar.workingDaysBetween(c.startedOn(), today) - c.pausedWorkingDays())
        : 0;
    Boolean onTime = completed ? !now.isAfter(c.deadlineAt()) : null;
    return c.withStop(now, onTime, used).withUpdatedAt(now);
  }

  private OffsetDateTime closingTime(LocalDate day) {
    return day.atTime(calendar.officeClosingTime()).atZone(calendar.zone()).toOffsetDateTime();
  }

  private static void requireCounting(ClockState clock, String what) {
    if (!clock.phase().counting()) {
      throw new IllegalStateException("cannot " + what + " the clock of " + clock.receiptNumber()
          + ": it is " + clock.phase());
    }
  }
}
