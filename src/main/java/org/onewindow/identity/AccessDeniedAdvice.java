package org.onewindow.identity;

import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal by the engine's authorization or by the project's own checks is 403 problem+json,
 * never a 500. Ordered before the general API handler, which would answer any exception with 500.
 */
@RestControllerAdvice(basePackages = "org.onewindow")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessDeniedAdvice {

  @ExceptionHandler(AccessDeniedException.class)
  public ProblemDetail denied(AccessDeniedException e) {
    return forbidden(e.getMessage());
  }

  @ExceptionHandler(AuthorizationException.class)
  public ProblemDetail denied(AuthorizationException e) {
    // The engine's message names resources and ids: keep it out of the answer.
    return forbidden("没有执行此操作的权限");
  }

  private static ProblemDetail forbidden(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
    problem.setTitle("没有权限");
    return problem;
  }
}
