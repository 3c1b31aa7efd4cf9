package org.onewindow.process;

/** Key, element ids and variables of processes/rating-follow-up.bpmn (差评整改回访). */
public final class RatingFollowUpProcess {
  public static final String KEY = "rating-follow-up";

  // Elements
  public static final String START = "badRating";
  public static final String FOLLOW_UP = "followUp";
  public static final String END = "followedUp";

  // Variables (the receipt number, item and applicant are CaseVariables)
  /** VERY_SATISFIED, SATISFIED, AVERAGE, DISSATISFIED, VERY_DISSATISFIED. */
  public static final String RATING = "rating";
  /** The rating in the applicant's words, e.g. 非常不满意. */
  public static final String RATING_LABEL = "ratingLabel";
  public static final String RATING_COMMENT = "ratingComment";
  /** When the follow-up is due (java.util.Date): 15 working days after the rating. */
  public static final String FOLLOW_UP_DUE = "followUpDue";
  /** What the supervisor did and what the applicant said (整改回访情况). */
  public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
  /** "true" or "false" from the form's radio (or a boolean through the REST API). */
  public static final String RESOLVED = "resolved";

  private RatingFollowUpProcess() {}
}
