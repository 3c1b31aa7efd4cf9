package org.onewindow.department;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.cases.CaseRepository;
import org.onewindow.catalog.Catalog;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/**
 * 制证: asks the lead department's system for the certificate and keeps its number with the case.
 * The commitment model has no path for a refusal at this point (the case is already approved), so
 * a refusal is treated like a failure: retried, then an incident that names department and reason.
 */
@Component("issueCertificateDelegate")
@ModelApi
public class IssueCertificateDelegate implements JavaDelegate {
  private final CertificateIssuer issuer;
  private final CaseRepository cases;
  private final Catalog catalog;
  private final DepartmentResults results;

  public IssueCertificateDelegate(CertificateIssuer issuer, CaseRepository cases, Catalog catalog,
      DepartmentResults results) {
    this.issuer = issuer;
    this.cases = cases;
    this.catalog = catalog;
    this.results = results;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    String itemCode = (String) execution.getVariable(CaseVariables.ITEM_CODE);
    String department = catalog.require(itemCode).leadDepartment();
    String step = execution.getCurrentActivityId();
    String key = RegistrationRequest.idempotencyKey(receiptNumber, step);
    OffsetDateTime now = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai"));
    String number = results.find(key).map(DepartmentResults.DepartmentResult::referenceNumber).orElse(null);
    if (number == null) {
      try {
        number = issuer.issue(new CertificateIssuer.CertificateRequest(key, receiptNumber, itemCode, department,
            (String) execution.getVariable(CaseVariables.APPLICANT_NAME),
            (String) execution.getVariable(CaseVariables.APPLICANT_ID))).number();
      } catch (DepartmentRefusedException refused) {
        throw new DepartmentUnavailableException(department, "制证被拒绝：" + refused.getMessage(), refused);
      }
      results.record(new DepartmentResults.DepartmentResult(receiptNumber, step, department,
          DepartmentCapability.LICENCE_ISSUE.name(), number, key, now));
    }
    execution.setVariable(CaseVariables.CERTIFICATE_NUMBER, number);
    cases.recordCertificate(receiptNumber, number, now);
  }
}
