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

  // The clock's event sub-processes (warning, overdue, extension); local to their scope.
  /** Working days asked for by an extension request (延期申请). */
  public static final String EXTENSION_DAYS = "extensionDays";
  public static final String EXTENSION_REASON = "extensionReason";
  /** User id of the lead department's member who asked for the extension. */
  public static final String EXTENSION_REQUESTED_BY = "extensionRequestedBy";
  /** The approver's answer: true or false (a form radio may submit "true" / "false"). */
  public static final String EXTENSION_APPROVED = "extensionApproved";
  public static final String EXTENSION_COMMENT = "extensionComment";
  /** Set by the extension: true if a warned case runs again and must be warned at the new time. */
  public static final String CLOCK_REWARN = "clockRewarn";
  /** The late step(s) and their department(s) when the case went overdue, for the supervision order. */
  public static final String LATE_STEP = "lateStep";
  public static final String LATE_DEPARTMENT = "lateDepartment";
  /** The supervisor's instruction (督办意见) on a supervision order. */
  public static final String SUPERVISION_INSTRUCTION = "supervisionInstruction";
  /** Id of the ow_supervision_event row of the overdue a supervision order belongs to. */
  public static final String SUPERVISION_EVENT_ID = "supervisionEventId";

  private CaseVariables() {}
}
