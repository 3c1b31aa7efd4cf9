package org.onewindow.applicant;

/**
 * No case for this receipt number and query code. The same answer for an unknown receipt number, a
 * case applied for at the window (no code), a wrong code and a missing one: nothing is revealed.
 */
public class PublicCaseNotFoundException extends RuntimeException {
  public PublicCaseNotFoundException() {
    super("没有找到该办件，请核对办件编号和查询码");
  }
}
