package org.onewindow.calendar.clock;

import java.util.Arrays;
import java.util.List;

/**
 * Why a case clock may stop (stored as {@code reason_type}): the applicant's supplement during
 * review, and the special procedures whose time Art. 45 of the Administrative Licensing Law does
 * not count.
 */
public enum PauseReason {
  SUPPLEMENT("补正材料"),
  HEARING("听证"),
  TESTING("检测"),
  INSPECTION("检验"),
  QUARANTINE("检疫"),
  EXPERT_REVIEW("专家评审");

  private final String label;

  PauseReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The Art. 45 procedures, which staff pause and resume through the API. */
  public boolean specialProcedure() {
    return this != SUPPLEMENT;
  }

  public static List<PauseReason> specialProcedures() {
    return Arrays.stream(values()).filter(PauseReason::specialProcedure).toList();
  }
}
