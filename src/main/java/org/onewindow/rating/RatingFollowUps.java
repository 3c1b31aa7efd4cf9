package org.onewindow.rating;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.engine.ModelApi;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.onewindow.process.RatingFollowUpProcess;
import org.springframework.stereotype.Component;

/**
 * Listens to the end of the follow-up task ({@code delegateExpression="${ratingFollowUps}"} in
 * processes/rating-follow-up.bpmn): checks the outcome and writes it to the rating. A missing outcome
 * is a form error (Tasklist shows it; the REST API answers 400), and the task stays open. (An execution
 * listener, not a task listener: the engine wraps a task listener's exception into a 500.)
 */
@Component("ratingFollowUps")
@ModelApi
public class RatingFollowUps implements ExecutionListener {
  static final int MAX_OUTCOME = 2000;

  private final RatingRepository ratings;

  public RatingFollowUps(RatingRepository ratings) {
    this.ratings = ratings;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object outcomeValue = execution.getVariable(RatingFollowUpProcess.FOLLOW_UP_OUTCOME);
    String outcome = outcomeValue == null ? "" : String.valueOf(outcomeValue).strip();
    Boolean resolved = resolved(execution.getVariable(RatingFollowUpProcess.RESOLVED));
    List<FieldError> errors = new ArrayList<>();
    if (outcome.isEmpty()) {
      errors.add(new FieldError(RatingFollowUpProcess.FOLLOW_UP_OUTCOME, "请填写整改回访情况"));
    } else if (outcome.length() > MAX_OUTCOME) {
      errors.add(new FieldError(RatingFollowUpProcess.FOLLOW_UP_OUTCOME, "整改回访情况不能超过" + MAX_OUTCOME + "个字符"));
    }
    if (resolved == null) {
      errors.add(new FieldError(RatingFollowUpProcess.RESOLVED, "请选择问题是否已解决"));
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String by = auth == null ? null : auth.getUserId();
    ratings.followedUp(execution.getProcessBusinessKey(), outcome, resolved, by,
        ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
  }

  static Boolean resolved(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value == null) {
      return null;
    }
    String s = String.valueOf(value).strip();
    return "true".equalsIgnoreCase(s) ? Boolean.TRUE : "false".equalsIgnoreCase(s) ? Boolean.FALSE : null;
  }
}
