package org.onewindow.department;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The HTTP adapter behind every department port: maps each capability to its department and
 * resource and sends the case's identifying data. In the demo profile the base URLs point at the
 * simulator on this server; in production at the departments' systems.
 */
@Component
public class HttpDepartmentAdapter implements BusinessRegistration, SealEngraving, TaxRegistration,
    SocialInsuranceRegistration, BankAccountNotification, CertificateIssuer {
  public static final String MARKET = "market";
  public static final String POLICE = "police";
  public static final String TAX = "tax";
  public static final String SOCIAL = "social";
  public static final String BANK = "bank";

  private final HttpDepartmentClient client;

  public HttpDepartmentAdapter(HttpDepartmentClient client) {
    this.client = client;
  }

  @Override
  public Registration registerBusiness(RegistrationRequest request) {
    return call(MARKET, DepartmentCapability.BUSINESS_REGISTRATION, request);
  }

  @Override
  public Registration recordSealEngraving(RegistrationRequest request) {
    return call(POLICE, DepartmentCapability.SEAL_ENGRAVING, request);
  }

  @Override
  public Registration registerForTax(RegistrationRequest request) {
    return call(TAX, DepartmentCapability.TAX_REGISTRATION, request);
  }

  @Override
  public Registration registerForSocialInsurance(RegistrationRequest request) {
    return call(SOCIAL, DepartmentCapability.SOCIAL_INSURANCE_REGISTRATION, request);
  }

  @Override
  public Registration notifyBankAccount(RegistrationRequest request) {
    return call(BANK, DepartmentCapability.BANK_ACCOUNT_NOTIFICATION, request);
  }

  @Override
  public Certificate issue(CertificateRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receiptNumber", request.receiptNumber());
    body.put("itemCode", request.itemCode());
    body.put("applicantName", request.applicantName());
    body.put("applicantId", request.applicantId());
    Registration r = client.call(request.department(), DepartmentCapability.LICENCE_ISSUE, request.idempotencyKey(), body);
    return new Certificate(r.referenceNumber());
  }

  private Registration call(String department, DepartmentCapability capability, RegistrationRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("receiptNumber", request.receiptNumber());
    body.put("itemCode", request.itemCode());
    body.put("enterpriseName", request.enterpriseName());
    body.put("applicantName", request.applicantName());
    body.put("applicantId", request.applicantId());
    body.put("creditCode", request.creditCode());
    return client.call(department, capability, request.idempotencyKey(), body);
  }
}
