package org.onewindow.department;

/**
 * Outgoing port: 银行开户信息告知: the bank (开户银行) learns of the new enterprise so it can open the basic account. The reference is the bank's notice number.
 * Implementations are idempotent on the request's key, answer a business refusal with
 * {@link DepartmentRefusedException} and any technical failure with
 * {@link DepartmentUnavailableException}.
 */
public interface BankAccountNotification {

  Registration notifyBankAccount(RegistrationRequest request);
}
