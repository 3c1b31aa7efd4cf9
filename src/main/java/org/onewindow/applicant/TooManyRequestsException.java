package org.onewindow.applicant;

import java.time.Duration;

/** A client that must wait: 429 with Retry-After. */
public class TooManyRequestsException extends RuntimeException {
  private final Duration retryAfter;

  public TooManyRequestsException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
