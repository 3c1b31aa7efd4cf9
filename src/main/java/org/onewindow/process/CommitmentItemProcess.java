package org.onewindow.process;

/** Key, element ids and variables of processes/commitment-item.bpmn (承诺件). */
public final class CommitmentItemProcess {
  public static final String KEY = "commitment-item";

  // Elements
  public static final String START = "received";
  public static final String ACCEPTANCE = "acceptance";
  public static final String AWAIT_SUPPLEMENT = "awaitSupplement";
  /** Acceptance starts the case clock (承诺时限起算). */
  public static final String START_CLOCK = "startClock";
  /** The handling (办理) sub-process: everything the clock measures, from routing to the pickup notice. */
  public static final String HANDLING = "handling";
  /** Terminate end of the handling: the result is ready, the clock stops, open clock work is cancelled. */
  public static final String RESULT_READY = "resultReady";
  public static final String ROUTE = "route";
  /** Multi-instance sub-process: one per reviewing department (review, and supplement if asked). */
  public static final String JOINT_REVIEW_BY_DEPARTMENT = "jointReviewByDepartment";
  public static final String JOINT_REVIEW = "jointReview";
  /** A reviewing department waits for the applicant's supplement; the clock is paused. */
  public static final String AWAIT_REVIEW_SUPPLEMENT = "awaitReviewSupplement";
  public static final String SITE_INSPECTION = "siteInspection";
  public static final String JOIN_JOINT_WORK = "joinJointWork";
  public static final String DECISION = "decision";
  public static final String ISSUE_CERTIFICATE = "issueCertificate";
  public static final String NOTIFY_PICKUP = "notifyPickup";
  public static final String PICKUP = "pickup";
  public static final String END_FINISHED = "finished";
  public static final String END_REFUSED = "refused";

  // The clock's event sub-processes inside the handling
  public static final String WARNING_EVENTS = "warningEvents";
  public static final String WARNING_TIMER = "warningTimer";
  public static final String RECORD_WARNING = "recordWarning";
  public static final String OVERDUE_EVENTS = "overdueEvents";
  public static final String OVERDUE_TIMER = "overdueTimer";
  public static final String RECORD_OVERDUE = "recordOverdue";
  /** 督办: the supervisors' task on an overdue case. */
  public static final String SUPERVISION_ORDER = "supervisionOrder";
  public static final String EXTENSION_EVENTS = "extensionEvents";
  public static final String EXTENSION_REQUESTED = "extensionRequested";
  /** 延期审批. */
  public static final String APPROVE_EXTENSION = "approveExtension";
  public static final String EXTEND_DEADLINE = "extendDeadline";
  public static final String REWARN_TIMER = "rewarnTimer";
  /** Message that starts the extension event sub-process (sent by the extension request API). */
  public static final String MESSAGE_EXTENSION_REQUESTED = "caseExtensionRequested";

  // Variables
  public static final String ACCEPTANCE_DECISION = "acceptanceDecision";
  public static final String ACCEPT = "ACCEPT";
  public static final String SUPPLEMENT = "SUPPLEMENT";
  public static final String REFUSE = "REFUSE";
  public static final String ACCEPTANCE_COMMENT = "acceptanceComment";
  public static final String MISSING_MATERIALS = "missingMaterials";
  public static final String REFUSAL_REASON = "refusalReason";
  public static final String SUPPLIED_MATERIALS = "suppliedMaterials";
  public static final String LEAD_DEPARTMENT = "leadDepartment";
  public static final String NEEDS_SITE_INSPECTION = "siteInspection";
  /** Element variable of the joint review multi-instance: the reviewing department's code. */
  public static final String DEPARTMENT = "department";
  public static final String REVIEW_OPINION = "reviewOpinion";
  public static final String OPINION_AGREE = "AGREE";
  public static final String OPINION_OBJECT = "OBJECT";
  /** The department needs more from the applicant: the case waits, the clock is paused. */
  public static final String OPINION_SUPPLEMENT = "SUPPLEMENT";
  public static final String REVIEW_COMMENT = "reviewComment";
  /** One line per department that has given its opinion, for the approver's form. */
  public static final String REVIEW_SUMMARY = "reviewSummary";
  public static final String INSPECTION_RESULT = "inspectionResult";
  public static final String INSPECTION_NOTES = "inspectionNotes";
  public static final String PICKED_UP_BY = "pickedUpBy";

  private CommitmentItemProcess() {}
}
