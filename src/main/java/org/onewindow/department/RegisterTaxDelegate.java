package org.onewindow.department;

import org.onewindow.engine.ModelApi;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.springframework.stereotype.Component;

/** 税务登记 at the tax bureau (税务局). */
@Component("registerTaxDelegate")
@ModelApi
public class RegisterTaxDelegate extends DepartmentCallDelegate {
  private final TaxRegistration port;

  public RegisterTaxDelegate(TaxRegistration port, DepartmentResults results) {
    super(results, HttpDepartmentAdapter.TAX, DepartmentCapability.TAX_REGISTRATION, EnterpriseEstablishmentProcess.TAX_REGISTRATION_NUMBER);
    this.port = port;
  }

  @Override
  protected Registration call(RegistrationRequest request) {
    return port.registerForTax(request);
  }
}
