package org.onewindow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.intake.Application;
import org.onewindow.intake.IntakeService;
import org.onewindow.process.CommitmentItemProcess;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.onewindow.support.OpenCases;
import org.onewindow.support.StaffTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine runs at OneWindow's history level: full history and operation log, no variable details,
 * no second copy of what OneWindow's tables keep.
 */
@OneWindowIntegrationTest
class CaseHistoryLevelTest {
  @Autowired ProcessEngineConfiguration configuration;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired IntakeService intake;

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  private OpenCases openCases;

  @BeforeEach
  void markOpenCases() {
    openCases = OpenCases.mark(jdbc, runtime);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
    openCases.endAll();
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

  @Test
  void keepsNoSecondCopyOfWhatTheCaseFileKeepsAndNoRowForAValuelessDeclaration() {
    StaffTasks staff = new StaffTasks(port);
    String rn = intakeAsWindow("JS-SG", List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书"));
    String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult().getId();
    staff.work("window1", "window", rn, CommitmentItemProcess.ACCEPTANCE,
        Map.of(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.ACCEPT));
    staff.work("housing1", "housing", rn, CommitmentItemProcess.JOINT_REVIEW, Map.of(
        CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_SUPPLEMENT,
        CommitmentItemProcess.MISSING_MATERIALS, "建筑日照分析报告",
        CommitmentItemProcess.REVIEW_COMMENT, "日照间距不满足要求"));
    staff.work("resources1", "resources", rn, CommitmentItemProcess.JOINT_REVIEW,
        Map.of(CommitmentItemProcess.REVIEW_OPINION, CommitmentItemProcess.OPINION_AGREE));

    List<String> names = history.createHistoricVariableInstanceQuery().processInstanceId(pid).list().stream()
        .map(HistoricVariableInstance::getName).toList();
    assertThat(names).contains(CommitmentItemProcess.ACCEPTANCE_DECISION, CommitmentItemProcess.LEAD_DEPARTMENT)
        .doesNotContainAnyElementsOf(CaseHistoryLevel.KEPT_IN_CASE_FILE);
    // The review's four declared locals: only the one housing gave a value has a history row.
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableName(CommitmentItemProcess.MISSING_MATERIALS).list().stream()
        .filter(v -> !pid.equals(v.getExecutionId())).map(HistoricVariableInstance::getValue))
        .containsExactly("建筑日照分析报告");
    assertThat(names).doesNotContain(CommitmentItemProcess.SUPPLIED_MATERIALS);
    // What the engine's history leaves out is in the case file.
    assertThat(jdbc.queryForList("SELECT department || '=' || opinion FROM ow_review_opinion WHERE receipt_number = ?",
        String.class, rn)).containsExactlyInAnyOrder("housing=SUPPLEMENT", "resources=AGREE");
    assertThat(jdbc.queryForObject("SELECT applicant_name FROM ow_case WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("某某建设有限公司");
    assertThat(jdbc.queryForObject("SELECT phase FROM ow_case_clock WHERE receipt_number = ?", String.class, rn))
        .isEqualTo("PAUSED");
  }

  private String intakeAsWindow(String itemCode, List<String> materials) {
    identity.setAuthentication("window1", List.of("window"));
    try {
      return intake.receive(new Application(itemCode, "WINDOW", "ORGANIZATION", "某某建设有限公司", null,
          Applications.CREDIT_CODE, Applications.MOBILE, materials)).receiptNumber();
    } finally {
      identity.clearAuthentication();
    }
  }
}
