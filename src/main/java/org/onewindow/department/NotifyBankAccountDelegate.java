package org.onewindow.department;

import org.onewindow.engine.ModelApi;
import org.onewindow.process.EnterpriseEstablishmentProcess;
import org.springframework.stereotype.Component;

/** 银行开户信息告知 to the bank. */
@Component("notifyBankAccountDelegate")
@ModelApi
public class NotifyBankAccountDelegate extends DepartmentCallDelegate {
  private final BankAccountNotification port;

  public NotifyBankAccountDelegate(BankAccountNotification port, DepartmentResults results) {
    super(results, HttpDepartmentAdapter.BANK, DepartmentCapability.BANK_ACCOUNT_NOTIFICATION, EnterpriseEstablishmentProcess.BANK_NOTICE_NUMBER);
    this.port = port;
  }

  @Override
  protected Registration call(RegistrationRequest request) {
    return port.notifyBankAccount(request);
  }
}
