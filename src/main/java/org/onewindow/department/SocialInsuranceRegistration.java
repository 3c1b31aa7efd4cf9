package org.onewindow.department;

/**
 * Outgoing port: 社会保险登记, human resources and social security (人力资源和社会保障局). The reference is the social insurance registration number.
 * Implementations are idempotent on the request's key, answer a business refusal with
 * {@link DepartmentRefusedException} and any technical failure with
 * {@link DepartmentUnavailableException}.
 */
public interface SocialInsuranceRegistration {

  Registration registerForSocialInsurance(RegistrationRequest request);
}
