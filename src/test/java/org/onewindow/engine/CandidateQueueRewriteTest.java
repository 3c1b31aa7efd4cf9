package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The queue rewrite on the SQL text Camunda 7.24 sends to PostgreSQL (whitespace compacted). */
class CandidateQueueRewriteTest {
  private static final String COLUMNS = "RES.REV_, RES.ID_, RES.NAME_, RES.DUE_DATE_, RES.TASK_STATE_";
  private static final String GRANTS = " LEFT JOIN LATERAL (SELECT COALESCE((SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A"
      + " WHERE A.TYPE_ < 2 AND A.RESOURCE_ID_ = '*' LIMIT 1), (SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE"
      + " A.TYPE_ < 2 AND A.RESOURCE_ID_ = RES.ID_ LIMIT 1)) AS RESOURCE_ID_) AUTH ON TRUE\n";
  /** A clerk's first page by due date, after the authorization rewrite. */
  static final String PAGE = "select distinct \n " + COLUMNS + "\n from ACT_RU_TASK RES\n"
      + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_\n left join\n"
      + " ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_\n" + GRANTS
      + " WHERE ( ? = ? and ( RES.ASSIGNEE_ is null\n and I.TYPE_ = 'candidate'\n and\n (\n I.GROUP_ID_ IN\n ( ? , ? )\n )\n ) )\n"
      + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) )\n"
      + " order by RES.DUE_DATE_ asc\n LIMIT ? OFFSET ?";

  @Test
  void aQueuePageAsksForAMatchingLinkInsteadOfJoiningAndDeduplicating() {
    String sql = CandidateQueueRewrite.rewrite(PAGE);
    assertThat(sql).isNotNull().startsWith("select \n RES.REV_").doesNotContainIgnoringCase("distinct")
        .doesNotContain("left join ACT_RU_IDENTITYLINK")
        .contains("and ( RES.ASSIGNEE_ is null\n and EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE "
            + "I.TASK_ID_ = RES.ID_ and I.TYPE_ = 'candidate'\n and\n (\n I.GROUP_ID_ IN\n ( ? , ? )\n )) )")
        .contains("ACT_RE_PROCDEF D on").contains("AUTH ON TRUE").endsWith("order by RES.DUE_DATE_ asc\n LIMIT ? OFFSET ?");
    assertThat(parameters(sql)).isEqualTo(parameters(PAGE));
    assertThat(sql.replaceAll("\\s+", " ")).contains("WHERE ( ? = ? and ( RES.ASSIGNEE_ is null and EXISTS");
  }

  @Test
  void theCountTooAndACandidateUserWithTheUsersGroups() {
    String count = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES\n"
        + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_\n left join ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_\n"
        + GRANTS + " WHERE ( ? = ? and ( I.TYPE_ = 'candidate' and ( I.USER_ID_ = ? or I.GROUP_ID_ IN ( ? ) ) ) )\n"
        + " and ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) ) countDistinct";
    String sql = CandidateQueueRewrite.rewrite(count);
    assertThat(sql).isNotNull().startsWith("SELECT COUNT(*) FROM (SELECT RES.ID_ from ACT_RU_TASK RES")
        .contains("and ( EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE I.TASK_ID_ = RES.ID_ and "
            + "I.TYPE_ = 'candidate' and ( I.USER_ID_ = ? or I.GROUP_ID_ IN ( ? ) )) )")
        .endsWith(") countDistinct");
    assertThat(parameters(sql)).isEqualTo(parameters(count));
  }

  @Test
  void everyOtherShapeIsLeftAsTheEngineWroteIt() {
    // the engine's own authorization join can match several grants per task: DISTINCT is needed
    assertThat(CandidateQueueRewrite.rewrite(PAGE.replace(GRANTS,
        " left join ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 ) AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))\n")))
        .isNull();
    // an OR query: the candidate condition is one alternative among others
    assertThat(CandidateQueueRewrite.rewrite(PAGE.replace("? = ? and ( RES.ASSIGNEE_", "? = ? or ( RES.ASSIGNEE_"))).isNull();
    // the links used twice (involved user besides the candidate group)
    assertThat(CandidateQueueRewrite.rewrite(PAGE.replace("order by", "and (I.USER_ID_ = ? or RES.ASSIGNEE_ = ?) order by")))
        .isNull();
    // sorted by a variable: a join that can repeat a task
    assertThat(CandidateQueueRewrite.rewrite(PAGE.replace(" WHERE (",
        " left join ACT_RU_VARIABLE VAR0 on VAR0.PROC_INST_ID_ = RES.PROC_INST_ID_ WHERE ("))).isNull();
    // not a task query
    assertThat(CandidateQueueRewrite.rewrite("select * from ACT_RU_TASK RES where RES.ID_ = ?")).isNull();
  }

  private static long parameters(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }
}
