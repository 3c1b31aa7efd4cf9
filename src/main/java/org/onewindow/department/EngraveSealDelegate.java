package org.onewindow.department;

import org.onewindow.engine.ModelApi;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.springframework.stereotype.Component;

/** 印章刻制备案 at public security (公安局). */
@Component("engraveSealDelegate")
@ModelApi
public class EngraveSealDelegate extends DepartmentCallDelegate {
  private final SealEngraving port;

  public EngraveSealDelegate(SealEngraving port, DepartmentResults results) {
    super(results, HttpDepartmentAdapter.POLICE, DepartmentCapability.SEAL_ENGRAVING, EnterpriseEstablishmentProcess.SEAL_RECORD_NUMBER);
    this.port = port;
  }

  @Override
  protected Registration call(RegistrationRequest request) {
    return port.recordSealEngraving(request);
  }
}
