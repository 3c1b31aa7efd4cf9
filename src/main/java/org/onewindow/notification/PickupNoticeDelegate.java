package org.onewindow.notification;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.process.CaseVariables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 通知取件: sends the pickup notice and records it on the case. The record is unique per case, so
 * a retried job sends nothing twice once the first send has committed.
 */
@Component("pickupNoticeDelegate")
public class PickupNoticeDelegate implements JavaDelegate {
  public static final String KIND = "PICKUP";

  private final PickupNotifier notifier;
  private final JdbcTemplate jdbc;

  public PickupNoticeDelegate(PickupNotifier notifier, JdbcTemplate jdbc) {
    this.notifier = notifier;
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String receiptNumber = execution.getProcessBusinessKey();
    Integer sent = jdbc.queryForObject("SELECT COUNT(*) FROM ow_notice WHERE receipt_number = ? AND kind = ?",
        Integer.class, receiptNumber, KIND);
    if (sent != null && sent > 0) {
      return;
    }
    String mobile = (String) execution.getVariable(CaseVariables.MOBILE);
    String text = text(receiptNumber, (String) execution.getVariable(CaseVariables.ITEM_NAME),
        (String) execution.getVariable(CaseVariables.DECISION));
    notifier.send(new PickupNotifier.PickupNotice(receiptNumber, mobile, text));
    jdbc.update("INSERT INTO ow_notice (receipt_number, kind, mobile, text_content, sent_at) VALUES (?, ?, ?, ?, ?)",
        receiptNumber, KIND, mobile, text,
        OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.of("Asia/Shanghai")));
  }

  static String text(String receiptNumber, String itemName, String decision) {
    String result = CaseVariables.DECISION_APPROVE.equals(decision) ? "已办结（准予）" : "已办结（不予许可）";
    return "【政务服务中心】您申请的“" + itemName + "”（办件编号 " + receiptNumber + "）" + result
        + "，请携带身份证件到政务服务中心窗口领取办理结果。";
  }
}
