package org.onewindow.department;

/**
 * The department's system answered and said no for a business reason (for example the enterprise
 * name is already taken). Not a failure to retry: the model takes the case back to the window.
 */
public class DepartmentRefusedException extends RuntimeException {
  private final String department;
  private final String code;
  private final String reason;

  public DepartmentRefusedException(String department, String departmentName, String code, String reason) {
    super(departmentName + "（" + department + "）不予办理：" + reason + (code == null ? "" : "（" + code + "）"));
    this.department = department;
    this.code = code;
    this.reason = reason;
  }

  public String department() {
    return department;
  }

  /** The department's own refusal code, e.g. {@code NAME_TAKEN}. */
  public String code() {
    return code;
  }

  /** The department's reason, in its words, for the window and the applicant. */
  public String reason() {
    return reason;
  }
}
