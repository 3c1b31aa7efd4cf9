package org.onewindow.department;

/**
 * What OneWindow sends a department for one step of a case. {@code idempotencyKey} is derived
 * from the receipt number and the step: the department answers a repeated key with its first
 * result and registers nothing twice. {@code creditCode} is the enterprise's unified social
 * credit code once the market regulator has assigned it (null before).
 */
public record RegistrationRequest(
    String idempotencyKey,
    String receiptNumber,
    String itemCode,
    String enterpriseName,
    String applicantName,
    String applicantId,
    String creditCode) {

  /** {@code OW20260105000001:registerTax}: one key per case and step. */
  public static String idempotencyKey(String receiptNumber, String step) {
    return receiptNumber + ":" + step;
  }
}
