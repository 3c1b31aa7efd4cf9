package org.onewindow.cases;

/** No case with this receipt number (or none the caller may see). */
public class CaseNotFoundException extends RuntimeException {
  public CaseNotFoundException(String receiptNumber) {
    super("没有编号为 " + receiptNumber + " 的办件");
  }
}
