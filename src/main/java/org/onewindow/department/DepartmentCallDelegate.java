package org.onewindow.department;

import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.EnterpriseEstablishmentProcess;

/**
 * A service task that calls one department: reads the case's variables, calls the port with an
 * idempotency key of receipt number and step, keeps the answer with the case and in a variable.
 *
 * <p>A step whose answer is already stored is not called again. A business refusal becomes the
 * BPMN error {@value #DEPARTMENT_REFUSED} with the department and its reason in variables; a
 * technical failure propagates, so the job is retried and finally raises an incident.
 */
public abstract class DepartmentCallDelegate implements JavaDelegate {
  /** BPMN error code of a department's business refusal. */
  public static final String DEPARTMENT_REFUSED = "DEPARTMENT_REFUSED";

  private final DepartmentResults results;
  private final String department;
  private final DepartmentCapability capability;
  private final String resultVariable;

  protected DepartmentCallDelegate(DepartmentResults results, String department, DepartmentCapability capability,
      String resultVariable) {
    this.results = results;
    this.department = department;
    this.capability = capability;
    this.resultVariable = resultVariable;
  }

  /** The port call. */
  protected abstract Registration call(RegistrationRequest request);

  @Override
  public void execute(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    String step = execution.getCurrentActivityId();
    String key = RegistrationRequest.idempotencyKey(receiptNumber, step);
    String reference = results.find(key).map(DepartmentResults.DepartmentResult::referenceNumber).orElse(null);
    if (reference == null) {
      Registration registration;
      try {
        registration = call(new RegistrationRequest(key, receiptNumber,
            text(execution, CaseVariables.ITEM_CODE),
            enterpriseName(execution),
            text(execution, CaseVariables.APPLICANT_NAME),
            text(execution, CaseVariables.APPLICANT_ID),
            text(execution, EnterpriseEstablishmentProcess.CREDIT_CODE)));
      } catch (DepartmentRefusedException refused) {
        DelegateExecution instance = execution.getProcessInstance();
        instance.setVariable(EnterpriseEstablishmentProcess.REFUSING_DEPARTMENT, refused.department());
        instance.setVariable(EnterpriseEstablishmentProcess.REFUSAL_CODE, refused.code());
        instance.setVariable(EnterpriseEstablishmentProcess.DEPARTMENT_REFUSAL_REASON, refused.reason());
        throw new BpmnError(DEPARTMENT_REFUSED, refused.getMessage());
      }
      reference = registration.referenceNumber();
      results.record(new DepartmentResults.DepartmentResult(receiptNumber, step, department, capability.name(),
          reference, key, ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime()));
    }
    execution.setVariable(resultVariable, reference);
    afterRegistration(execution, reference);
  }

  /** Hook for a step whose answer also goes into the case file. */
  protected void afterRegistration(DelegateExecution execution, String referenceNumber) {}

  private static String enterpriseName(DelegateExecution execution) {
    String name = text(execution, EnterpriseEstablishmentProcess.ENTERPRISE_NAME);
    return name == null || name.isBlank() ? text(execution, CaseVariables.APPLICANT_NAME) : name.strip();
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }
}
