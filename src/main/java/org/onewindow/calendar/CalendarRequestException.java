package org.onewindow.calendar;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A calendar API request with bad parameters; every bad parameter is named. */
public class CalendarRequestException extends RuntimeException {

  /** One bad parameter, rendered as {@code {"field": ..., "message": ...}}. */
  public record FieldError(String field, String message) {}

  private final HttpStatus status;
  private final List<FieldError> errors;

  public CalendarRequestException(HttpStatus status, List<FieldError> errors) {
    super(summary(errors));
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static CalendarRequestException of(String field, String message) {
    return new CalendarRequestException(
        HttpStatus.BAD_REQUEST, List.of(new FieldError(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    StringBuilder out = new StringBuilder();
    for (FieldError error : errors) {
      if (!out.isEmpty()) {
        out.append("; ");
      }
      out.append(error.field()).append(": ").append(error.message());
    }
    return out.toString();
  }
}
