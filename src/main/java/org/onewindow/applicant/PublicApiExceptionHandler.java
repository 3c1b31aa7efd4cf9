package org.onewindow.applicant;

import java.util.List;
import org.onewindow.intake.FieldError;
import org.onewindow.material.MaterialRejectedException;
import org.onewindow.rating.RatingNotAllowedException;
import org.onewindow.web.ApiExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Problem answers of the applicant's side (ordered before the general {@link ApiExceptionHandler}):
 * 404 without a hint for a case not found, 429 with Retry-After, 409 for a case that does not take the
 * request now, 400/413 naming the field for an unusable upload.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PublicApiExceptionHandler {

  @ExceptionHandler(PublicCaseNotFoundException.class)
  public ResponseEntity<ProblemDetail> notFound(PublicCaseNotFoundException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    p.setTitle("办件不存在");
    return problem(p);
  }

  @ExceptionHandler(TooManyRequestsException.class)
  public ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    p.setTitle("请求过于频繁");
    long seconds = PublicThrottles.atLeastOneSecond(e.retryAfter()).toSeconds();
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(CaseStateException.class)
  public ResponseEntity<ProblemDetail> conflict(CaseStateException e) {
    return problem(conflictProblem(e.getMessage()));
  }

  @ExceptionHandler(RatingNotAllowedException.class)
  public ResponseEntity<ProblemDetail> ratingConflict(RatingNotAllowedException e) {
    return problem(conflictProblem(e.getMessage()));
  }

  @ExceptionHandler(MaterialRejectedException.class)
  public ResponseEntity<ProblemDetail> material(MaterialRejectedException e) {
    if (e.status() == HttpStatus.CONFLICT) {
      return problem(conflictProblem(e.getMessage()));
    }
    ProblemDetail p = ApiExceptionHandler.badRequest(List.of(new FieldError(e.field(), e.getMessage())));
    p.setStatus(e.status().value());
    if (e.status() == HttpStatus.PAYLOAD_TOO_LARGE) {
      p.setTitle("文件过大");
    }
    return problem(p);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  public ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    ProblemDetail p = ApiExceptionHandler.badRequest(List.of(new FieldError("file", "文件过大")));
    p.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    p.setTitle("文件过大");
    return problem(p);
  }

  @ExceptionHandler(MultipartException.class)
  public ResponseEntity<ProblemDetail> badMultipart(MultipartException e) {
    return problem(ApiExceptionHandler.badRequest(List.of(new FieldError("body", "上传内容不是有效的 multipart/form-data"))));
  }

  private static ProblemDetail conflictProblem(String message) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message);
    p.setTitle("办件当前状态不允许此操作");
    return p;
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}
