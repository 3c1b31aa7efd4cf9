package org.onewindow.calendar.clock;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 409, 403 and "no clock yet" (404) problems of the clock API. Bad input (400), unknown cases
 * (404) and everything else go to the application's {@code ApiExceptionHandler}.
 */
@RestControllerAdvice(assignableTypes = CaseClockController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClockExceptionHandler {

  @ExceptionHandler(ClockConflictException.class)
  public ProblemDetail conflict(ClockConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("办件计时当前不能进行此操作");
    problem.setType(URI.create("urn:onewindow:problem:clock-conflict"));
    return problem;
  }

  @ExceptionHandler(ClockNotStartedException.class)
  public ProblemDetail notStarted(ClockNotStartedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("未开始计时");
    problem.setType(URI.create("urn:onewindow:problem:clock-not-started"));
    return problem;
  }

  @ExceptionHandler(ClockForbiddenException.class)
  public ProblemDetail forbidden(ClockForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("无权操作");
    problem.setType(URI.create("urn:onewindow:problem:forbidden"));
    return problem;
  }
}
