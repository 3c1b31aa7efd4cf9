package org.onewindow.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets PostgreSQL read a queue page in due-date order and stop after the page (used by {@link
 * TaskQueryAuthorizationPlugin} on PostgreSQL).
 *
 * <p>Camunda 7.24 asks for a candidate group's tasks with {@code SELECT DISTINCT} over every task
 * column and a join to the identity links; the DISTINCT only undoes the duplicates the join makes
 * when a task has several matching links. With both, the database must join and sort the whole
 * queue before it can return the first 15 tasks: 100 ms and more for a queue of 33,000. The same
 * question asked as {@code EXISTS (a matching link)} makes no duplicates, so the DISTINCT can go,
 * and the database walks the tasks by the due-date index, checking each task's links, until the
 * page is full.
 *
 * <p>Rewritten is exactly this shape and nothing else: one identity-link join, used by one
 * candidate condition that is AND-ed into the query ({@code taskCandidateGroup(s)}, {@code
 * taskCandidateUser}, with or without assigned tasks), and no other join that could repeat a task
 * (the process definition and execution joins match one row each; the authorization check must
 * already be the per-task lateral lookup). Anything else (OR queries, involved user, sorting by a
 * variable) is left as the engine wrote it. The parameters keep their order: only keywords and
 * the join move. The result is the same set of tasks in the same order.
 */
final class CandidateQueueRewrite {
  private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern IDENTITY_JOIN =
      Pattern.compile("\\sleft\\s+join\\s+ACT_RU_IDENTITYLINK\\s+I\\s+on\\s+I\\.TASK_ID_\\s*=\\s*RES\\.ID_\\s", CI);
  /** Task.xml's candidate block as AND-ed criterion; group 1: the assignee condition, group 2: the links'. */
  private static final Pattern CANDIDATE = Pattern.compile("\\band\\s*\\(\\s*(RES\\.ASSIGNEE_\\s+is\\s+null\\s+and\\s+)?"
      + "(I\\.TYPE_\\s*=\\s*'candidate'\\s+and\\s*\\(\\s*"
      + "(?:I\\.USER_ID_\\s*=\\s*\\?|I\\.GROUP_ID_\\s+IN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\))"
      + "(?:\\s+or\\s+(?:I\\.GROUP_ID_\\s+IN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)))?\\s*\\))\\s*\\)", CI);
  private static final Pattern LINK_COLUMN = Pattern.compile("\\bI\\.", CI);
  private static final Pattern JOIN = Pattern.compile("\\bjoin\\s+(\\S+)\\s+(\\S+)", CI);
  /** Joins that match at most one row per task (Task.xml's D, E, E1, CD, CE, and the lateral grant lookup). */
  private static final Pattern ONE_ROW_JOIN = Pattern.compile(
      "ACT_RE_PROCDEF D|ACT_RU_EXECUTION E|ACT_RU_EXECUTION E1|ACT_RE_CASE_DEF CD|ACT_RU_CASE_EXECUTION CE"
          + "|LATERAL \\(SELECT", CI);
  private static final Pattern DISTINCT = Pattern.compile("^(\\s*(?:SELECT\\s+COUNT\\(\\*\\)\\s+FROM\\s*\\(\\s*)?select\\s+)distinct\\s", CI);

  private CandidateQueueRewrite() {}

  /** The rewritten statement, or null when it is not exactly the shape above. */
  static String rewrite(String sql) {
    if (!sql.contains("ACT_RU_TASK RES")) {
      return null;
    }
    Matcher join = IDENTITY_JOIN.matcher(sql);
    if (!join.find()) {
      return null;
    }
    String withoutJoin = sql.substring(0, join.start()) + " " + sql.substring(join.end());
    if (IDENTITY_JOIN.matcher(withoutJoin).find()) {
      return null;
    }
    Matcher candidate = CANDIDATE.matcher(withoutJoin);
    if (!candidate.find()) {
      return null;
    }
    int start = candidate.start();
    int end = candidate.end();
    String assignee = candidate.group(1) == null ? "" : candidate.group(1);
    String links = candidate.group(2);
    String rest = withoutJoin.substring(0, start) + withoutJoin.substring(end);
    if (LINK_COLUMN.matcher(rest).find()) {
      return null; // the links are used elsewhere too (an OR query, involved user): not ours to change
    }
    Matcher joins = JOIN.matcher(rest);
    while (joins.find()) {
      if (!ONE_ROW_JOIN.matcher(joins.group(1) + " " + joins.group(2)).lookingAt()) {
        return null; // a join that can repeat a task: the DISTINCT stays needed
      }
    }
    Matcher distinct = DISTINCT.matcher(withoutJoin);
    if (!distinct.find()) {
      return null;
    }
    String exists = "and ( " + assignee + "EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE I.TASK_ID_ = RES.ID_ and "
        + links + ") )";
    String rewritten = withoutJoin.substring(0, start) + exists + withoutJoin.substring(end);
    return distinct.group(1) + rewritten.substring(distinct.end());
  }
}
