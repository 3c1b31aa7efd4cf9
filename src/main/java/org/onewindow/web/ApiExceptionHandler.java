package org.onewindow.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.onewindow.cases.CaseNotFoundException;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the project's API is {@code application/problem+json}. Bad fields are listed
 * under {@code errors}; unexpected failures are logged and answered without any internals.
 */
@RestControllerAdvice(basePackages = "org.onewindow")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  public static ProblemDetail badRequest(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(e -> e.field() + "：" + e.message()).collect(Collectors.joining("；")));
    problem.setTitle("请求内容有误");
    problem.setType(URI.create("urn:onewindow:problem:invalid-request"));
    problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }

  @ExceptionHandler(CaseValidationException.class)
  public ProblemDetail invalid(CaseValidationException e) {
    return badRequest(e.errors());
  }

  @ExceptionHandler(CaseNotFoundException.class)
  public ProblemDetail notFound(CaseNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("办件不存在");
    return problem;
  }

  @ExceptionHandler(Exception.class)
  public ProblemDetail unexpected(Exception e) {
    log.error("Unexpected error answering an API request", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "系统内部错误，请稍后重试；如持续出现请联系管理员。");
    problem.setTitle("系统内部错误");
    return problem;
  }

  /** A body that is not JSON, or a field of the wrong JSON type: name the field, echo nothing. */
  @Override
  protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
    FieldError error;
    if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      error = new FieldError(path(mismatch.getPath()), "类型不正确");
    } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      error = new FieldError(path(mapping.getPath()), "内容无法识别");
    } else {
      error = new FieldError("body", "请求体不是有效的 JSON");
    }
    return org.springframework.http.ResponseEntity.badRequest()
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(badRequest(List.of(error)));
  }

  private static String path(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
