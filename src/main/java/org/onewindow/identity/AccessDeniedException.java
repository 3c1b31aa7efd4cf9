package org.onewindow.identity;

/** The authenticated user may not do or see this: answered 403. */
public class AccessDeniedException extends RuntimeException {
  public AccessDeniedException(String message) {
    super(message);
  }
}
