package org.onewindow.department;

/**
 * The department's system could not be used: down, too slow, an HTTP 5xx, a rejected credential.
 * The job that called it fails and is retried; when retries run out the incident in Cockpit
 * carries this message, which names the department, the step and the error.
 */
public class DepartmentUnavailableException extends RuntimeException {
  private final String department;

  public DepartmentUnavailableException(String department, String message, Throwable cause) {
    super(message, cause);
    this.department = department;
  }

  public String department() {
    return department;
  }
}
