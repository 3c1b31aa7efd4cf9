package org.onewindow.cases;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/**
 * Keeps the case file's status in step with the process. The models call it from execution
 * listeners ({@code ${caseStatus.set(execution, 'ACCEPTED')}}), in the engine's transaction.
 */
@Component("caseStatus")
@ModelApi
public class CaseStatusListener {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final CaseRepository cases;

  public CaseStatusListener(CaseRepository cases) {
    this.cases = cases;
  }

  public void set(DelegateExecution execution, String status) {
    cases.updateStatus(execution.getProcessBusinessKey(), CaseStatus.valueOf(status), now());
  }

  public void finish(DelegateExecution execution, String status) {
    cases.finish(execution.getProcessBusinessKey(), CaseStatus.valueOf(status), now());
  }

  /** Records the decision in the variable {@code decision} (APPROVE or DENY). */
  public void decided(DelegateExecution execution) {
    String decision = (String) execution.getVariable(CaseVariables.DECISION);
    CaseStatus status = CaseVariables.DECISION_APPROVE.equals(decision) ? CaseStatus.APPROVED : CaseStatus.DENIED;
    cases.recordDecision(execution.getProcessBusinessKey(), decision, status, now());
  }

  /** Engine time, so tests that move the engine clock see consistent timestamps. */
  static OffsetDateTime now() {
    return ClockUtil.getCurrentTime().toInstant().atZone(ZONE).toOffsetDateTime();
  }
}
