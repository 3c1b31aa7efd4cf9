package org.onewindow.department;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.cases.CaseRepository;
import org.onewindow.catalog.Catalog;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/** 制证: asks the lead department's system for the certificate and keeps its number with the case. */
@Component("issueCertificateDelegate")
public class IssueCertificateDelegate implements JavaDelegate {
  private final CertificateIssuer issuer;
  private final CaseRepository cases;
  private final Catalog catalog;

  public IssueCertificateDelegate(CertificateIssuer issuer, CaseRepository cases, Catalog catalog) {
    this.issuer = issuer;
    this.cases = cases;
    this.catalog = catalog;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    String itemCode = (String) execution.getVariable(CaseVariables.ITEM_CODE);
    CertificateIssuer.Certificate certificate = issuer.issue(new CertificateIssuer.CertificateRequest(
        receiptNumber + ":" + execution.getCurrentActivityId(), receiptNumber, itemCode,
        catalog.require(itemCode).leadDepartment(),
        (String) execution.getVariable(CaseVariables.APPLICANT_NAME),
        (String) execution.getVariable(CaseVariables.APPLICANT_ID)));
    execution.setVariable(CaseVariables.CERTIFICATE_NUMBER, certificate.number());
    cases.recordCertificate(receiptNumber, certificate.number(),
        OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai")));
  }
}
