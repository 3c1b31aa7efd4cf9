package org.onewindow.calendar;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the calendar API's errors into {@code application/problem+json}. Bad input carries an
 * {@code errors} list naming each bad parameter; nothing exposes stack traces or internals.
 *
 * <p>Scoped to {@link CalendarController} and ordered first, so it applies to the calendar API
 * whatever the application-wide handler does; Spring MVC's own exceptions (wrong method, bad
 * content type, ...) get the standard problem details through the base class.
 */
@RestControllerAdvice(assignableTypes = CalendarController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CalendarExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(CalendarExceptionHandler.class);

  @ExceptionHandler(CalendarRequestException.class)
  public ProblemDetail badRequest(CalendarRequestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(
        e.status() == HttpStatus.BAD_REQUEST ? "Invalid request parameters" : "Request rejected");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(InvalidHolidayScheduleException.class)
  public ProblemDetail invalidSchedule(InvalidHolidayScheduleException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid holiday schedule");
    problem.setProperty(
        "errors", List.of(new CalendarRequestException.FieldError("body", e.detail())));
    return problem;
  }

  @ExceptionHandler(Exception.class)
  public ProblemDetail unexpected(Exception e) {
    log.error("Calendar request failed", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The request could not be completed; the error has been logged.");
    problem.setTitle("Internal error");
    return problem;
  }
}
