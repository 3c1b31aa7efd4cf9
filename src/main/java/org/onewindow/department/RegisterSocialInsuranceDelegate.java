package org.onewindow.department;

import org.onewindow.engine.ModelApi;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.springframework.stereotype.Component;

/** 社会保险登记 at human resources and social security (人力资源和社会保障局). */
@Component("registerSocialInsuranceDelegate")
@ModelApi
public class RegisterSocialInsuranceDelegate extends DepartmentCallDelegate {
  private final SocialInsuranceRegistration port;

  public RegisterSocialInsuranceDelegate(SocialInsuranceRegistration port, DepartmentResults results) {
    super(results, HttpDepartmentAdapter.SOCIAL, DepartmentCapability.SOCIAL_INSURANCE_REGISTRATION, EnterpriseEstablishmentProcess.SOCIAL_INSURANCE_NUMBER);
    this.port = port;
  }

  @Override
  protected Registration call(RegistrationRequest request) {
    return port.registerForSocialInsurance(request);
  }
}
