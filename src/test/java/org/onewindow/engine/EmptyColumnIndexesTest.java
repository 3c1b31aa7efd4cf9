package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** V14 on PostgreSQL: the engine's indexes on the columns OneWindow leaves empty hold no NULL entries. */
@OneWindowIntegrationTest
class EmptyColumnIndexesTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired ProcessEngine engine;

  @BeforeEach
  void onPostgresOnly() {
    String product = jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    Assumptions.assumeTrue(product.toLowerCase().contains("postgres"),
        "partial indexes are PostgreSQL's; the embedded H2 keeps the engine's indexes");
  }

  @Test
  void everyEngineIndexOnAnEmptyColumnLeavesTheNullsOut() {
    List<Map<String, Object>> indexes = jdbc.queryForList("""
        SELECT indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE %'
          AND (tablename LIKE 'act\\_ru\\_%' OR tablename LIKE 'act\\_hi\\_%' OR tablename LIKE 'act\\_ge\\_%')
          AND indexdef ~ ('USING btree \\((' || array_to_string(?::text[], '|') || ')\\)')""",
        (Object) EmptyColumnIndexesMigration.EMPTY_COLUMNS.toArray(String[]::new));

    assertThat(indexes).as("the engine's schema has such indexes: the query must find them").hasSizeGreaterThan(30);
    assertThat(indexes).allSatisfy(index ->
        assertThat((String) index.get("indexdef")).as((String) index.get("indexname")).endsWith("IS NOT NULL)"));
    assertThat(indexes).extracting(index -> index.get("indexname")).contains("act_idx_hi_act_inst_tenant_id",
        "act_idx_hi_act_inst_rm_time", "act_idx_var_bytearray", "act_idx_var_case_exe", "act_idx_job_exception",
        "act_idx_exe_super");
  }

  /**
   * The engine's lookups and the foreign-key checks name a value, so the partial index still
   * serves them; the planner is told not to scan the tables, so the plan shows which index it can use.
   */
  @Test
  void lookupsByValueStillUseTheIndexes() {
    Map<String, String> lookups = Map.of(
        "SELECT 1 FROM act_ru_variable WHERE bytearray_id_ = 'x'", "act_idx_var_bytearray",
        "SELECT 1 FROM act_ru_execution WHERE super_exec_ = 'x'", "act_idx_exe_super",
        "SELECT 1 FROM act_hi_actinst WHERE removal_time_ <= now()", "act_idx_hi_act_inst_rm_time",
        "SELECT 1 FROM act_ru_task WHERE tenant_id_ IN ('a', 'b')", "act_idx_task_tenant_id");
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    lookups.forEach((sql, index) -> {
      String plan = tx.execute(status -> {
        jdbc.execute("SET LOCAL enable_seqscan = off");
        jdbc.execute("SET LOCAL enable_bitmapscan = off");
        return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class));
      });
      assertThat(plan).as(sql).contains("using " + index);
    });
  }

  /** A byte-array variable's row is found through the partial index when its value is deleted. */
  @Test
  void aCaseWithABinaryVariableIsDeletedWhole() {
    String key = "emptyColumnIndexesTest";
    String deployment = engine.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn",
        Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().userTask().endEvent().done())
        .deploy().getId();
    try {
      String pi = engine.getRuntimeService().startProcessInstanceByKey(key,
          Variables.createVariables().putValue("scan", new byte[] {1, 2, 3})).getId();
      String bytes = jdbc.queryForObject("SELECT bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = ?",
          String.class, pi);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_variable WHERE bytearray_id_ = ?", Long.class,
          bytes)).isEqualTo(1);

      engine.getRuntimeService().deleteProcessInstance(pi, "test");

      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_variable WHERE proc_inst_id_ = ?", Long.class,
          pi)).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ge_bytearray WHERE id_ = ?", Long.class, bytes))
          .as("the runtime value is removed with the case").isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }
}
