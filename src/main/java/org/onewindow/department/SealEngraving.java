package org.onewindow.department;

/**
 * Outgoing port: 印章刻制备案, public security (公安局). The reference is the seal record number.
 * Implementations are idempotent on the request's key, answer a business refusal with
 * {@link DepartmentRefusedException} and any technical failure with
 * {@link DepartmentUnavailableException}.
 */
public interface SealEngraving {

  Registration recordSealEngraving(RegistrationRequest request);
}
