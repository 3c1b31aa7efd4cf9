package org.onewindow.calendar.clock;

/** The case exists but was not accepted: it has no clock yet (404 on the clock resource). */
public class ClockNotStartedException extends RuntimeException {
  public ClockNotStartedException(String message) {
    super(message);
  }
}
