package org.onewindow.notification;

/**
 * Outgoing port: delivers a text message to an applicant's mobile. Implementations must be
 * idempotent on {@code idempotencyKey}: a message sent again after a lost answer is delivered once.
 */
public interface SmsGateway {

  /**
   * @param idempotencyKey the same for every attempt of one notice
   * @param reference the receipt number the message is about (for the gateway's records)
   */
  record SmsMessage(String idempotencyKey, String mobile, String text, String reference) {}

  /**
   * Sends the message and returns the gateway's message id.
   *
   * @throws SmsSendException when the gateway refused the message ({@link SmsSendException#permanent()})
   *     or could not be reached or failed (worth another attempt later)
   */
  String send(SmsMessage message);
}
