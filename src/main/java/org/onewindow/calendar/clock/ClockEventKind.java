package org.onewindow.calendar.clock;

/** The kinds of entries in a case clock's ledger ({@code ow_clock_event.kind}). */
public enum ClockEventKind {
  START,
  PAUSE,
  RESUME,
  EXTENSION,
  RECOMPUTE,
  STOP
}
