package org.onewindow.department;

/**
 * Outgoing port: 税务登记, tax (税务局). The reference is the tax registration number.
 * Implementations are idempotent on the request's key, answer a business refusal with
 * {@link DepartmentRefusedException} and any technical failure with
 * {@link DepartmentUnavailableException}.
 */
public interface TaxRegistration {

  Registration registerForTax(RegistrationRequest request);
}
