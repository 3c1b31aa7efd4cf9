package org.onewindow.review;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.catalog.Catalog;
import org.onewindow.engine.ModelApi;
import org.onewindow.process.CommitmentItemProcess;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each department's joint review opinion in ow_review_opinion. The opinion variables are
 * local to each review task (an input mapping in the model), so two departments finishing at the
 * same moment never write the same process variable.
 */
@Component("reviewOpinions")
@ModelApi
public class ReviewOpinions {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final JdbcTemplate jdbc;
  private final Catalog catalog;

  public ReviewOpinions(JdbcTemplate jdbc, Catalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
  }

  public record Opinion(String department, String opinion, String comment, String reviewer) {}

  /** Task listener on the joint review's {@code complete} event. */
  public void record(DelegateTask task) {
    String opinion = (String) task.getVariable(CommitmentItemProcess.REVIEW_OPINION);
    if (!CommitmentItemProcess.OPINION_AGREE.equals(opinion) && !CommitmentItemProcess.OPINION_OBJECT.equals(opinion)
        && !CommitmentItemProcess.OPINION_SUPPLEMENT.equals(opinion)) {
      throw new IllegalArgumentException("审查意见应为同意（AGREE）、不同意（OBJECT）或需申请人补正（SUPPLEMENT）");
    }
    String comment = (String) task.getVariable(CommitmentItemProcess.REVIEW_COMMENT);
    if (CommitmentItemProcess.OPINION_SUPPLEMENT.equals(opinion)) {
      // The department's interim answer; its list of missing materials is what the applicant is told.
      Object missing = task.getVariable(CommitmentItemProcess.MISSING_MATERIALS);
      if (missing == null || missing.toString().isBlank()) {
        throw new IllegalArgumentException("要求补正时须列明需申请人补正的材料");
      }
      comment = "需补正：" + missing.toString().strip() + (comment == null || comment.isBlank() ? "" : "；" + comment);
    }
    if (comment != null && comment.length() > 2000) {
      comment = comment.substring(0, 1999) + "…";
    }
    String reviewer = task.getAssignee() != null ? task.getAssignee()
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null ? null
        : task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
    jdbc.update("""
        INSERT INTO ow_review_opinion (receipt_number, department, task_id, opinion, comment_text, reviewer, reviewed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""",
        task.getExecution().getProcessBusinessKey(),
        task.getVariable(CommitmentItemProcess.DEPARTMENT),
        task.getId(),
        opinion,
        comment,
        reviewer,
        OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZONE));
  }

  /** Task listener on the decision's {@code create} event: one line per department for the approver. */
  public void summarize(DelegateTask task) {
    String summary = String.join("\n", opinions(task.getExecution().getProcessBusinessKey()).stream()
        .map(o -> catalog.departmentName(o.department()) + "："
            + (CommitmentItemProcess.OPINION_AGREE.equals(o.opinion()) ? "同意"
                : CommitmentItemProcess.OPINION_SUPPLEMENT.equals(o.opinion()) ? "要求补正" : "不同意")
            + (o.comment() == null || o.comment().isBlank() ? "" : "（" + o.comment().strip() + "）"))
        .toList());
    task.setVariable(CommitmentItemProcess.REVIEW_SUMMARY, summary);
  }

  public List<Opinion> opinions(String receiptNumber) {
    return jdbc.query("SELECT department, opinion, comment_text, reviewer FROM ow_review_opinion "
            + "WHERE receipt_number = ? ORDER BY reviewed_at, id",
        (rs, i) -> new Opinion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), receiptNumber);
  }
}
