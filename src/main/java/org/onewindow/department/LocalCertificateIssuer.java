package org.onewindow.department;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in for the departments' certificate systems until the HTTP adapters exist.
 * Numbers are derived from the receipt number, so the same case always gets the same certificate.
 */
@Component
public class LocalCertificateIssuer implements CertificateIssuer {
  private final ConcurrentMap<String, Certificate> issued = new ConcurrentHashMap<>();

  @Override
  public Certificate issue(CertificateRequest request) {
    return issued.computeIfAbsent(request.idempotencyKey(),
        key -> new Certificate(request.itemCode() + "-" + request.receiptNumber().substring(2)));
  }
}
