package org.onewindow.notification;

import org.onewindow.cases.CaseRepository;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CaseVariables;
import org.springframework.stereotype.Component;

/**
 * 通知取件: puts the pickup notice in the outbox, in the step's transaction; the {@link NoticeSender}
 * delivers it. The notice is keyed by the case, so a retried job enqueues nothing twice, and a gateway
 * that is down never holds the case up.
 */
@Component("pickupNoticeDelegate")
@ModelApi
public class PickupNoticeDelegate implements JavaDelegate {
  public static final String KIND = "PICKUP";

  private final NoticeOutbox outbox;
  private final NoticeTemplates templates;
  private final CaseRepository cases;

  public PickupNoticeDelegate(NoticeOutbox outbox, NoticeTemplates templates, CaseRepository cases) {
    this.cases = cases;
    this.outbox = outbox;
    this.templates = templates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    if (outbox.exists(receiptNumber, KIND)) {
      return;
    }
    boolean approved = CaseVariables.DECISION_APPROVE.equals(execution.getVariable(CaseVariables.DECISION));
    Map<String, String> values = new HashMap<>();
    values.put("receiptNumber", receiptNumber);
    values.put("itemName", text(execution, CaseVariables.ITEM_NAME));
    values.put("applicantName", text(execution, CaseVariables.APPLICANT_NAME));
    values.put("certificateNumber", text(execution, CaseVariables.CERTIFICATE_NUMBER));
    String text = templates.render(approved ? NoticeTemplates.PICKUP_APPROVED : NoticeTemplates.PICKUP_DENIED, values);
    outbox.enqueue(receiptNumber, KIND, KIND, cases.mobile(receiptNumber), text,
        OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai")));
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }
}
