package org.onewindow.department;

import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.cases.CaseRepository;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.springframework.stereotype.Component;

/**
 * 设立登记 at market regulation. The unified social credit code it assigns is also the business
 * licence number (五证合一): the later steps send it, and it becomes the case's certificate number.
 */
@Component("registerBusinessDelegate")
@ModelApi
public class RegisterBusinessDelegate extends DepartmentCallDelegate {
  private final BusinessRegistration port;
  private final CaseRepository cases;

  public RegisterBusinessDelegate(BusinessRegistration port, DepartmentResults results, CaseRepository cases) {
    super(results, HttpDepartmentAdapter.MARKET, DepartmentCapability.BUSINESS_REGISTRATION,
        EnterpriseEstablishmentProcess.CREDIT_CODE);
    this.port = port;
    this.cases = cases;
  }

  @Override
  protected Registration call(RegistrationRequest request) {
    return port.registerBusiness(request);
  }

  @Override
  protected void afterRegistration(DelegateExecution execution, String creditCode) {
    cases.recordCertificate(execution.getProcessBusinessKey(), creditCode,
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
  }
}
