package org.onewindow.process;

/** Key, element ids and variables of processes/immediate-item.bpmn (即办件). */
public final class ImmediateItemProcess {
  public static final String KEY = "immediate-item";

  public static final String START = "received";
  public static final String WINDOW_HANDLING = "windowHandling";
  public static final String END_APPROVED = "approved";
  public static final String END_DENIED = "denied";

  private ImmediateItemProcess() {}
}
