package org.onewindow.calendar;

/** A holiday schedule file or request body that cannot be loaded. */
public class InvalidHolidayScheduleException extends RuntimeException {

  private final String source;
  private final String detail;

  /**
   * @param source what was read, e.g. a file name or "PUT /api/calendar/2027"
   * @param detail what is wrong, naming the offending date or key
   */
  public InvalidHolidayScheduleException(String source, String detail) {
    super(source + ": " + detail);
    this.source = source;
    this.detail = detail;
  }

  public String source() {
    return source;
  }

  public String detail() {
    return detail;
  }
}
