package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On PostgreSQL the commands that move a case run with generic plans (start, complete a task, a
 * job run by the job executor), every other command keeps PostgreSQL's own choice, and the
 * setting ends with the command's transaction; the lookup columns' statistics (V14) keep such a
 * plan an index lookup. On H2 nothing changes and the case runs as before.
 */
@OneWindowIntegrationTest
class GenericPlansPluginTest {
  private static final String KEY = "genericPlansTest";
  private static final String GENERIC = "force_generic_plan";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  private String deploymentId;

  @BeforeEach
  void deploy() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("atStart").camundaClass(PlanProbe.class.getName())
        .userTask("review")
        .serviceTask("afterReview").camundaClass(PlanProbe.class.getName())
        .serviceTask("inJob").camundaAsyncBefore().camundaClass(PlanProbe.class.getName())
        .userTask("done")
        .endEvent()
        .done();
    deploymentId = engine.getRepositoryService().createDeployment().name(KEY)
        .addModelInstance(KEY + ".bpmn", model).deploy().getId();
  }

  @AfterEach
  void undeploy() {
    engine.getRepositoryService().deleteDeployment(deploymentId, true);
  }

  @Test
  void theCommandsThatMoveACaseUseGenericPlansOnPostgres() {
    String pi = engine.getRuntimeService().startProcessInstanceByKey(KEY).getId();
    String afterStart = currentMode();
    Task review = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
    engine.getTaskService().complete(review.getId());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult())
            .as("the job executor ran the asynchronous step").isNotNull()
            .extracting(Task::getTaskDefinitionKey).isEqualTo("done"));
    Map<String, Object> seen = engine.getRuntimeService().getVariables(pi);

    if (onPostgres()) {
      assertThat(seen).as("the mode each step's transaction ran with").containsEntry("atStart", GENERIC)
          .containsEntry("afterReview", GENERIC).containsEntry("inJob", GENERIC);
      assertThat(afterStart).as("any other command, on the same thread right after the start")
          .isEqualTo("auto");
    } else {
      assertThat(seen).containsEntry("atStart", PlanProbe.NOT_POSTGRES)
          .containsEntry("afterReview", PlanProbe.NOT_POSTGRES).containsEntry("inJob", PlanProbe.NOT_POSTGRES);
    }
  }

  @Test
  void theLookupColumnsKeepTheirShareOfDistinctParentsWhateverAnalyzeSamples() {
    Assumptions.assumeTrue(onPostgres(), "PostgreSQL's planner statistics (V14)");
    for (String[] lookup : LookupStatisticsMigration.LOOKUPS) {
      assertThat(jdbc.queryForObject("SELECT array_to_string(attoptions, ',') FROM pg_attribute"
          + " WHERE attrelid = ?::regclass AND attname = ?", String.class, lookup[0], lookup[1]))
          .as("distinct parents of %s.%s, whatever ANALYZE samples", lookup[0], lookup[1])
          .contains("n_distinct=-0.1");
    }
  }

  @Test
  void withTheFixedShareAGenericPlanStillLooksUpByIndexAfterTheTableGrew() {
    Assumptions.assumeTrue(onPostgres(), "PostgreSQL's planner");
    // A table like ACT_RU_VARIABLE, analysed while it held the rows of three executions, then grown.
    assertThat(genericPlanAfterGrowth(false)).as("without the setting").contains("Seq Scan");
    assertThat(genericPlanAfterGrowth(true)).as("with V14's setting").doesNotContain("Seq Scan")
        .contains("plan_test_exe");
  }

  private String genericPlanAfterGrowth(boolean fixedShare) {
    return jdbc.execute((java.sql.Connection c) -> {
      c.setAutoCommit(false);
      try (Statement statement = c.createStatement()) {
        statement.execute("CREATE TEMP TABLE plan_test (id varchar(64) PRIMARY KEY, execution_id_ varchar(64),"
            + " text_ varchar(4000)) ON COMMIT DROP");
        statement.execute("CREATE INDEX plan_test_exe ON plan_test (execution_id_)");
        if (fixedShare) {
          statement.execute("ALTER TABLE plan_test ALTER COLUMN execution_id_ SET (n_distinct = "
              + LookupStatisticsMigration.DISTINCT_FRACTION + ")");
        }
        statement.execute("INSERT INTO plan_test SELECT 'a' || g, 'e' || (g % 3), repeat('x', 100)"
            + " FROM generate_series(1, 60) g");
        statement.execute("ANALYZE plan_test");
        statement.execute("INSERT INTO plan_test SELECT 'b' || g, 'f' || (g / 7), repeat('x', 100)"
            + " FROM generate_series(1, 4000) g");
        statement.execute(GenericPlansPlugin.SET_GENERIC);
        statement.execute("PREPARE plan_test_lookup(varchar) AS SELECT * FROM plan_test WHERE execution_id_ = $1");
        StringBuilder plan = new StringBuilder();
        try (ResultSet result = statement.executeQuery("EXPLAIN EXECUTE plan_test_lookup('f5')")) {
          while (result.next()) {
            plan.append(result.getString(1)).append('\n');
          }
        }
        statement.execute("DEALLOCATE plan_test_lookup");
        return plan.toString();
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    });
  }

  private String currentMode() {
    return configuration().getCommandExecutorTxRequired().execute(PlanProbe::mode);
  }

  private boolean onPostgres() {
    return "postgres".equals(configuration().getDatabaseType());
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** Records, under the step's id, the plan cache mode of the transaction the step runs in. */
  public static class PlanProbe implements JavaDelegate {
    static final String NOT_POSTGRES = "not PostgreSQL";

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(execution.getCurrentActivityId(), mode(Context.getCommandContext()));
    }

    static String mode(CommandContext context) {
      if (!"postgres".equals(context.getProcessEngineConfiguration().getDatabaseType())) {
        return NOT_POSTGRES;
      }
      try (Statement statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
          ResultSet result = statement.executeQuery("SHOW plan_cache_mode")) {
        result.next();
        return result.getString(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
