package org.onewindow.calendar.clock;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One case clock: a row of {@code ow_case_clock}. Immutable; {@link CaseClockRules} computes the
 * next state of every transition.
 *
 * @param startedOn the day of acceptance, not counted (Art. 82)
 * @param deadlineDate the promised date (承诺办结日期): {@code promisedDays + extendedDays +
 *     pausedWorkingDays} working days after {@code startedOn}
 * @param deadlineAt the office closing time on {@code deadlineDate}: when the case goes overdue
 * @param warningAt when the warning fires: the closing time of the working day that lies the
 *     configured number of working days before {@code deadlineDate}
 * @param calendarComplete false while a year the counting runs through has no holiday schedule
 * @param phaseBeforePause the phase to return to on resume (a pause does not erase a warning)
 */
public record ClockState(
    String receiptNumber,
    String processInstanceId,
    String itemCode,
    String leadDepartment,
    int promisedDays,
    int statutoryDays,
    int extendedDays,
    int pausedWorkingDays,
    LocalDate startedOn,
    LocalDate deadlineDate,
    OffsetDateTime deadlineAt,
    OffsetDateTime warningAt,
    boolean calendarComplete,
    ClockPhase phase,
    OffsetDateTime pausedSince,
    PauseReason pauseReasonType,
    ClockPhase phaseBeforePause,
    OffsetDateTime stoppedAt,
    Boolean finishedOnTime,
    Integer workingDaysUsed,
    OffsetDateTime updatedAt) {

  /** Working days the deadline is counted over: promised, extended and given back for pauses. */
  public int countedDays() {
    return promisedDays + extendedDays + pausedWorkingDays;
  }

  /** Working days that may still be granted by extension without passing the statutory limit. */
  public int extensionAllowance() {
    return Math.max(0, statutoryDays - promisedDays - extendedDays);
  }

  public boolean paused() {
    return phase == ClockPhase.PAUSED;
  }

  public boolean stopped() {
    return phase == ClockPhase.STOPPED;
  }

  ClockState withSchedule(CaseClockRules.Schedule s) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extendedDays, pausedWorkingDays, startedOn, s.deadlineDate(), s.deadlineAt(),
        s.warningAt(), s.calendarComplete(), phase, pausedSince, pauseReasonType, phaseBeforePause,
        stoppedAt, finishedOnTime, workingDaysUsed, updatedAt);
  }

  ClockState withDays(int extended, int paused) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extended, paused, startedOn, deadlineDate, deadlineAt, warningAt,
        calendarComplete, phase, pausedSince, pauseReasonType, phaseBeforePause, stoppedAt,
        finishedOnTime, workingDaysUsed, updatedAt);
  }

  ClockState withPhase(ClockPhase newPhase) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extendedDays, pausedWorkingDays, startedOn, deadlineDate, deadlineAt,
        warningAt, calendarComplete, newPhase, pausedSince, pauseReasonType, phaseBeforePause,
        stoppedAt, finishedOnTime, workingDaysUsed, updatedAt);
  }

  ClockState withPause(ClockPhase newPhase, OffsetDateTime since, PauseReason reason, ClockPhase before) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extendedDays, pausedWorkingDays, startedOn, deadlineDate, deadlineAt,
        warningAt, calendarComplete, newPhase, since, reason, before, stoppedAt, finishedOnTime,
        workingDaysUsed, updatedAt);
  }

  ClockState withStop(OffsetDateTime at, Boolean onTime, Integer used) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extendedDays, pausedWorkingDays, startedOn, deadlineDate, deadlineAt,
        warningAt, calendarComplete, ClockPhase.STOPPED, null, null, null, at, onTime, used,
        updatedAt);
  }

  ClockState withUpdatedAt(OffsetDateTime at) {
    return new ClockState(receiptNumber, processInstanceId, itemCode, leadDepartment, promisedDays,
        statutoryDays, extendedDays, pausedWorkingDays, startedOn, deadlineDate, deadlineAt,
        warningAt, calendarComplete, phase, pausedSince, pauseReasonType, phaseBeforePause,
        stoppedAt, finishedOnTime, workingDaysUsed, at);
  }
}
