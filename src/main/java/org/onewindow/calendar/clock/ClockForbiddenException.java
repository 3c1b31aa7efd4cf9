package org.onewindow.calendar.clock;

/** The caller is not one of those who may change this case's clock: 403. */
public class ClockForbiddenException extends RuntimeException {
  public ClockForbiddenException(String message) {
    super(message);
  }
}
