package org.onewindow.applicant;

/** The request does not fit where the case stands (409): nothing was changed. */
public class CaseStateException extends RuntimeException {
  public CaseStateException(String message) {
    super(message);
  }
}
