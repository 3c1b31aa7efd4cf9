package org.onewindow.rating;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.onewindow.calendar.Deadline;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.cases.CaseRecord;
import org.onewindow.cases.CaseStatus;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.process.CaseVariables;
import org.onewindow.process.RatingFollowUpProcess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 好差评: one rating per case once the service is over (picked up, withdrawn, or an immediate item
 * finished at the window). A bad rating starts the follow-up process (整改回访) for the supervisors,
 * due {@code onewindow.rating.follow-up-working-days} working days later, in the same transaction.
 */
@Service
public class RatingService {
  private static final Set<CaseStatus> OVER = Set.of(CaseStatus.PICKED_UP, CaseStatus.WITHDRAWN);
  private static final Set<CaseStatus> FINISHED_AT_THE_WINDOW = Set.of(CaseStatus.APPROVED, CaseStatus.DENIED);

  private final RatingRepository ratings;
  private final RuntimeService runtime;
  private final WorkingDayCalendar calendar;
  private final Catalog catalog;
  private final RatingProperties properties;

  public RatingService(RatingRepository ratings, RuntimeService runtime, WorkingDayCalendar calendar, Catalog catalog,
      RatingProperties properties) {
    this.ratings = ratings;
    this.runtime = runtime;
    this.calendar = calendar;
    this.catalog = catalog;
    this.properties = properties;
  }

  /** True when the service is over: picked up or withdrawn, or finished on the spot (decided and ended). */
  public static boolean isOver(CaseRecord c) {
    return OVER.contains(c.status()) || (FINISHED_AT_THE_WINDOW.contains(c.status()) && c.finishedAt() != null);
  }

  public Optional<RatingRecord> find(String receiptNumber) {
    return ratings.find(receiptNumber);
  }

  /** Records the rating of a case the caller holds locked. */
  @Transactional
  public RatingRecord rate(CaseRecord c, Rating rating, String comment, OffsetDateTime now) {
    if (!isOver(c)) {
      throw new RatingNotAllowedException("办件取件或撤回后才能评价");
    }
    if (ratings.find(c.receiptNumber()).isPresent()) {
      throw new RatingNotAllowedException("该办件已经评价，每个办件只能评价一次");
    }
    ratings.insert(c.receiptNumber(), rating, comment, now);
    if (rating.bad()) {
      Deadline due = calendar.deadline(now.toLocalDate(), properties.followUpWorkingDays());
      Map<String, Object> variables = new HashMap<>();
      variables.put(CaseVariables.RECEIPT_NUMBER, c.receiptNumber());
      variables.put(CaseVariables.ITEM_NAME, catalog.item(c.itemCode()).map(CatalogItem::name).orElse(c.itemCode()));
      variables.put(CaseVariables.APPLICANT_NAME, c.applicantName());
      variables.put(CaseVariables.MOBILE, c.mobile());
      variables.put(RatingFollowUpProcess.RATING, rating.name());
      variables.put(RatingFollowUpProcess.RATING_LABEL, rating.label());
      variables.put(RatingFollowUpProcess.RATING_COMMENT, comment == null ? "" : comment);
      variables.put(RatingFollowUpProcess.FOLLOW_UP_DUE, Date.from(due.at().toInstant()));
      ProcessInstance instance = runtime.startProcessInstanceByKey(RatingFollowUpProcess.KEY, c.receiptNumber(),
          variables);
      ratings.followUpStarted(c.receiptNumber(), instance.getId(), due.at());
    }
    return ratings.find(c.receiptNumber()).orElseThrow();
  }
}
