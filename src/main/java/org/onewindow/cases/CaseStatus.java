package org.onewindow.cases;

/** Where a case stands, with the plain Chinese the applicant and the clerk read. */
public enum CaseStatus {
  RECEIVED("已收件"),
  AWAITING_SUPPLEMENT("待补正"),
  ACCEPTED("已受理"),
  UNDER_REVIEW("审查中"),
  /** A department refused (e.g. the enterprise name is taken): back at the window with its reason. */
  RETURNED("部门退回"),
  APPROVED("已办结-准予"),
  DENIED("已办结-不予"),
  AWAITING_PICKUP("待取件"),
  PICKED_UP("已取件"),
  REFUSED("不予受理"),
  WITHDRAWN("已撤回");

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
