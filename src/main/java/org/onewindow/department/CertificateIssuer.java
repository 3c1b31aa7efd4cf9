package org.onewindow.department;

/**
 * Outgoing port: the lead department's system produces the licence or certificate (制证).
 * Implementations must be idempotent on {@code idempotencyKey}: a retried call returns the first
 * certificate, never a second one.
 */
public interface CertificateIssuer {

  record CertificateRequest(String idempotencyKey, String receiptNumber, String itemCode, String department,
      String applicantName, String applicantId) {}

  record Certificate(String number) {}

  Certificate issue(CertificateRequest request);
}
