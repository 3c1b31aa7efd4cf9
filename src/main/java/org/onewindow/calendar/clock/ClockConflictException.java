package org.onewindow.calendar.clock;

/** The clock cannot do this now (paused twice, stopped, not started, a request pending): 409. */
public class ClockConflictException extends RuntimeException {
  public ClockConflictException(String message) {
    super(message);
  }
}
