package org.onewindow.catalog;

/** The report's two kinds of items. */
public enum ItemType {
  /** 即办件: decided and finished at the window, on the spot. */
  IMMEDIATE("即办件"),
  /** 承诺件: handled inside the government within a promised number of working days. */
  COMMITMENT("承诺件");

  private final String label;

  ItemType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
