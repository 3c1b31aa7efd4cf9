package org.onewindow.identity;

/** Group ids of the roles. Each department's group id is its catalog code (e.g. {@code market}). */
public final class Groups {
  public static final String WINDOW = "window";
  public static final String APPROVERS = "approvers";
  public static final String SUPERVISORS = "supervisors";
  /** Process designers: deploy BPMN, DMN and forms. */
  public static final String DESIGNERS = "designers";
  /** Camunda's own administrator group: members reach Admin. */
  public static final String ADMINISTRATORS = "camunda-admin";

  public static final String TYPE_ROLE = "role";
  public static final String TYPE_DEPARTMENT = "department";
  public static final String TYPE_SYSTEM = "SYSTEM";

  private Groups() {}
}
