package org.onewindow.notification;

/** A message the gateway did not accept: permanently (a bad number) or for now (down, failing, timed out). */
public class SmsSendException extends RuntimeException {
  private final boolean permanent;

  public SmsSendException(boolean permanent, String message, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public SmsSendException(boolean permanent, String message) {
    this(permanent, message, null);
  }

  /** True when another attempt cannot succeed (the gateway refused this message). */
  public boolean permanent() {
    return permanent;
  }
}
