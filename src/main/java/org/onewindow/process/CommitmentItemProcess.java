package org.onewindow.process;

/** Key, element ids and variables of processes/commitment-item.bpmn (承诺件). */
public final class CommitmentItemProcess {
  public static final String KEY = "commitment-item";

  // Elements
  public static final String START = "received";
  public static final String ACCEPTANCE = "acceptance";
  public static final String AWAIT_SUPPLEMENT = "awaitSupplement";
  public static final String ROUTE = "route";
  public static final String JOINT_REVIEW = "jointReview";
  public static final String SITE_INSPECTION = "siteInspection";
  public static final String JOIN_JOINT_WORK = "joinJointWork";
  public static final String DECISION = "decision";
  public static final String ISSUE_CERTIFICATE = "issueCertificate";
  public static final String NOTIFY_PICKUP = "notifyPickup";
  public static final String PICKUP = "pickup";
  public static final String END_FINISHED = "finished";
  public static final String END_REFUSED = "refused";

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
  public static final String REVIEW_COMMENT = "reviewComment";
  /** One line per department that has given its opinion, for the approver's form. */
  public static final String REVIEW_SUMMARY = "reviewSummary";
  public static final String INSPECTION_RESULT = "inspectionResult";
  public static final String INSPECTION_NOTES = "inspectionNotes";
  public static final String PICKED_UP_BY = "pickedUpBy";

  private CommitmentItemProcess() {}
}
