package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine runs at OneWindow's history level: full history and operation log, no variable details. */
@OneWindowIntegrationTest
class CaseHistoryLevelTest {
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IntakeService intake;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void keepsTheAuditTrailWithoutACopyOfEveryVariableValue() {
    assertThat(((ProcessEngineConfigurationImpl) configuration).getHistoryLevel().getName())
        .isEqualTo(CaseHistoryLevel.NAME);

    identity.setAuthentication("window1", List.of("window"));
    String pid = intake.receive(new Application("SP-JY", "WINDOW", "ORGANIZATION", "某某餐饮有限公司", null,
        Applications.CREDIT_CODE, Applications.MOBILE,
        List.of("食品经营许可申请书", "营业执照", "经营场所平面图", "食品安全管理制度"))).processInstanceId();
    Task acceptance = tasks.createTaskQuery().processInstanceId(pid).singleResult();
    tasks.complete(acceptance.getId(), Map.of("acceptanceDecision", "ACCEPT"));
    identity.clearAuthentication();

    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableName("acceptanceDecision").singleResult().getValue()).isEqualTo("ACCEPT");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pid).taskDefinitionKey("acceptance")
        .finished().count()).isEqualTo(1);
    assertThat(history.createUserOperationLogQuery().taskId(acceptance.getId()).userId("window1")
        .operationType("Complete").count()).isEqualTo(1);
    assertThat(history.createHistoricDetailQuery().processInstanceId(pid).count()).isZero();
  }
}
