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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On PostgreSQL the commands that move a case run with generic plans (start, complete a task, a
 * job run by the job executor), every other command keeps PostgreSQL's own choice, and the
 * setting ends with the command's transaction. On H2 nothing changes and the case runs as before.
 */
@OneWindowIntegrationTest
class GenericPlansPluginTest {
  private static final String KEY = "genericPlansTest";
  private static final String GENERIC = "force_generic_plan";

  @Autowired ProcessEngine engine;
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
