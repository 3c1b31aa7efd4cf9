package org.onewindow.notification;

import org.onewindow.cases.CaseRepository;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.applicant.SupplementRequests;
import org.onewindow.process.CaseVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * 补正告知: when a case starts waiting for a supplement (the window's {@code awaitSupplement} or a
 * department's {@code awaitReviewSupplement} task is created), the applicant is told by SMS, once and
 * in full, what is missing and why. The notice is enqueued in the engine's transaction, from the
 * engine's task events (Camunda's Spring event bridge, {@code camunda.bpm.eventing.task}), so no model
 * has to name this listener. When the task ends before the notice went out (the materials came
 * first), the pending notice is cancelled.
 */
@Component
public class SupplementNoticeListener {
  public static final String KIND = "SUPPLEMENT";
  private static final Logger log = LoggerFactory.getLogger(SupplementNoticeListener.class);
  private static final int MAX_MATERIALS_TEXT = 300;

  private final SupplementRequests requests;
  private final NoticeOutbox outbox;
  private final NoticeTemplates templates;
  private final CaseRepository cases;

  public SupplementNoticeListener(SupplementRequests requests, NoticeOutbox outbox, NoticeTemplates templates,
      CaseRepository cases) {
    this.requests = requests;
    this.outbox = outbox;
    this.templates = templates;
    this.cases = cases;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    if (!SupplementRequests.isWaitingTask(task.getTaskDefinitionKey()) || task.getExecution() == null) {
      return;
    }
    String receiptNumber = task.getExecution().getProcessBusinessKey();
    if (receiptNumber == null) {
      log.warn("Supplement task {} has no receipt number; no notice", task.getId());
      return;
    }
    String event = task.getEventName();
    if (TaskListener.EVENTNAME_COMPLETE.equals(event) || TaskListener.EVENTNAME_DELETE.equals(event)) {
      // Supplied (at the window or online) before the request went out: no request to send any more.
      outbox.cancelPending(receiptNumber, KIND + ":" + task.getId(), "补正已完成，无需再发送");
      return;
    }
    if (!TaskListener.EVENTNAME_CREATE.equals(event)) {
      return;
    }
    SupplementRequests.Request request = requests.request(task);
    Map<String, String> values = new HashMap<>();
    values.put("receiptNumber", receiptNumber);
    values.put("itemName", text(task, CaseVariables.ITEM_NAME));
    values.put("applicantName", text(task, CaseVariables.APPLICANT_NAME));
    values.put("missingMaterials", materials(request.missingMaterials()));
    values.put("reason", request.reason());
    values.put("from", request.from());
    outbox.enqueue(receiptNumber, KIND, KIND + ":" + task.getId(), cases.mobile(receiptNumber),
        templates.render(NoticeTemplates.SUPPLEMENT, values),
        OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai")));
  }

  /** The list in one line; a very long one is cut (the applicant sees it in full online and at the window). */
  static String materials(List<String> materials) {
    String text = String.join("、", materials);
    if (text.length() <= MAX_MATERIALS_TEXT) {
      return text;
    }
    return text.substring(0, MAX_MATERIALS_TEXT) + "…等" + materials.size() + "项";
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }
}
