package org.onewindow.department;

/**
 * Outgoing port: 设立登记（营业执照）, market regulation (市场监督管理局). The reference is the enterprise's unified social credit code, which is also its business licence number since 五证合一.
 * Implementations are idempotent on the request's key, answer a business refusal with
 * {@link DepartmentRefusedException} and any technical failure with
 * {@link DepartmentUnavailableException}.
 */
public interface BusinessRegistration {

  Registration registerBusiness(RegistrationRequest request);
}
