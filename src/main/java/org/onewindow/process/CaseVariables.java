package org.onewindow.process;

/** Process variable names shared by every OneWindow process, its forms, its code and its tests. */
public final class CaseVariables {
  public static final String RECEIPT_NUMBER = "receiptNumber";
  public static final String ITEM_CODE = "itemCode";
  public static final String ITEM_NAME = "itemName";
  public static final String CHANNEL = "channel";
  public static final String APPLICANT_KIND = "applicantKind";
  public static final String APPLICANT_NAME = "applicantName";
  /** Citizen ID number for a person, unified social credit code for an organisation. */
  public static final String APPLICANT_ID = "applicantId";
  public static final String MOBILE = "mobile";
  /** Material names, one per line: a display string for forms, the list itself lives in ow_case. */
  public static final String MATERIALS = "materials";

  /** Outcome of the window's decision on an immediate item and of the lead department's decision. */
  public static final String DECISION = "decision";
  public static final String DECISION_REASON = "decisionReason";
  public static final String DECISION_APPROVE = "APPROVE";
  public static final String DECISION_DENY = "DENY";

  public static final String CERTIFICATE_NUMBER = "certificateNumber";

  /**
   * The case clock's phase, mirrored as a process variable so Tasklist filters can select late
   * and paused cases: RUNNING, WARNING, OVERDUE, PAUSED, STOPPED (see ow_case_clock.phase).
   */
  public static final String CLOCK_PHASE = "clockPhase";
  /** The promised date (承诺办结日期), yyyy-MM-dd, for forms and the acceptance notice. */
  public static final String PROMISED_DATE = "promisedDate";

  private CaseVariables() {}
}
