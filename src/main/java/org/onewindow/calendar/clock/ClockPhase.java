package org.onewindow.calendar.clock;

/**
 * Where a case clock stands; stored in {@code ow_case_clock.phase} and mirrored in the process
 * variable {@code clockPhase}, which the Tasklist filters select on.
 */
public enum ClockPhase {
  /** Counting, more than the warning margin left. */
  RUNNING,
  /** Counting, the warning (预警) has fired. */
  WARNING,
  /** Counting past the deadline (超期); a supervision order exists. */
  OVERDUE,
  /** Not counting: supplement (补正) or an Art. 45 procedure. */
  PAUSED,
  /** The result is ready (or the case was cancelled); the clock is final. */
  STOPPED;

  public boolean counting() {
    return this == RUNNING || this == WARNING || this == OVERDUE;
  }
}
