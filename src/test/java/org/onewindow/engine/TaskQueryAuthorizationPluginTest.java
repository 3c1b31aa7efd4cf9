package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/** The rewrite of the engine's task authorization join, on the SQL text Camunda 7.24 generates. */
class TaskQueryAuthorizationPluginTest {
  /** A clerk's queue count as the engine sends it to PostgreSQL (whitespace compacted). */
  static final String COUNT = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES\n"
      + " left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_\n left join\n"
      + " ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_\n left join \n (\n SELECT A.*\n"
      + " FROM ACT_RU_AUTHORIZATION A\n WHERE A.TYPE_ < 2 \n AND ( A.USER_ID_ in ( ?, '*') \n"
      + " OR A.GROUP_ID_ IN ( ? ) \n )\n AND (\n ( \n A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?\n OR \n"
      + " A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?\n ) \n )\n )\n"
      + " AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))\n"
      + " WHERE ( 1 = 1 and ( RES.ASSIGNEE_ is null and I.TYPE_ = 'candidate' and ( I.GROUP_ID_ IN ( ? ) ) ) )\n"
      + " AND ( (RES.CASE_EXECUTION_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL) ) ) countDistinct";

  private final Configuration configuration = new Configuration();

  private BoundSql bound(String sql, int parameters) {
    List<ParameterMapping> mappings = new ArrayList<>();
    for (int i = 0; i < parameters; i++) {
      mappings.add(new ParameterMapping.Builder(configuration, "p" + i, Object.class).build());
    }
    return new BoundSql(configuration, sql, mappings, new Object());
  }

  @Test
  void theJoinBecomesThreeIndexedLookupsPerTaskWithTheSameGrantConditions() {
    BoundSql bound = bound(COUNT, 9);
    assertThat(TaskQueryAuthorizationPlugin.Rewrite.rewrite(bound, SystemMetaObject.forObject(bound))).isTrue();

    String sql = bound.getSql();
    assertThat(sql).doesNotContain("SELECT A.*").contains("LEFT JOIN LATERAL").contains("AUTH ON TRUE")
        .contains("A.RESOURCE_ID_ = '*' LIMIT 1").contains("A.RESOURCE_ID_ = D.KEY_ LIMIT 1")
        .contains("A.RESOURCE_ID_ = RES.ID_ LIMIT 1")
        .contains("(AUTH.RESOURCE_ID_ IS NOT NULL)");
    assertThat(sql.split("A\\.GROUP_ID_ IN \\( \\? \\)", -1)).hasSize(4);
    // The eight grant parameters three times, in place; the queue's group parameter stays last.
    List<String> order = bound.getParameterMappings().stream().map(ParameterMapping::getProperty).toList();
    assertThat(order).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
        "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
        "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8");
    assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(order.size());
  }

  @Test
  void otherStatementsAreLeftAlone() {
    String sql = "select * from ACT_RU_TASK RES where RES.ID_ = ?";
    BoundSql bound = bound(sql, 1);
    assertThat(TaskQueryAuthorizationPlugin.Rewrite.rewrite(bound, SystemMetaObject.forObject(bound))).isFalse();
    assertThat(bound.getSql()).isEqualTo(sql);
    assertThat(bound.getParameterMappings()).hasSize(1);
  }
}
