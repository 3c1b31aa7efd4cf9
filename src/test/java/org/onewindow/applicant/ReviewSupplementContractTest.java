package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.notification.simulator.SmsSimulator;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The contract with the case clock's model: during joint review a department asks for a supplement
 * with a user task {@code awaitReviewSupplement} in its own queue, holding the reviewer's
 * {@code missingMaterials} (and reason) in its scope, and goes on when the task is completed with
 * {@code suppliedMaterials}. A stand-in model with exactly that task shows the applicant's side works
 * with it: the status names the department and its list, the SMS goes out, the supplement completes it.
 */
@OneWindowIntegrationTest
class ReviewSupplementContractTest {
  private static final String MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                   xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://onewindow.org/test">
        <process id="review-supplement-contract" isExecutable="true" camunda:historyTimeToLive="1">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="awaitReviewSupplement"/>
          <userTask id="awaitReviewSupplement" name="等待补正（联合审查）" camunda:candidateGroups="housing">
            <extensionElements>
              <camunda:inputOutput>
                <camunda:inputParameter name="missingMaterials">${reviewerMissing}</camunda:inputParameter>
                <camunda:inputParameter name="supplementReason">${reviewerReason}</camunda:inputParameter>
              </camunda:inputOutput>
            </extensionElements>
          </userTask>
          <sequenceFlow id="f2" sourceRef="awaitReviewSupplement" targetRef="jointReview"/>
          <userTask id="jointReview" name="联合审查" camunda:candidateGroups="housing"/>
          <sequenceFlow id="f3" sourceRef="jointReview" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repository;

  @Autowired
  RuntimeService runtime;

  @Autowired
  TaskService tasks;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  SmsSimulator sms;

  @Autowired
  PublicThrottles throttles;

  private String deployment;

  @BeforeEach
  void deploy() {
    throttles.reset();
    deployment = repository.createDeployment().name("review-supplement-contract")
        .addString("review-supplement-contract.bpmn", MODEL).deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repository.deleteDeployment(deployment, true, true);
  }

  @Test
  void aDepartmentsSupplementRequestIsShownSentAndAnsweredOnline() {
    ApiClient applicant = ApiClient.anonymous(port);
    ApiClient.Response applied = applicant.post("/api/public/cases", Applications.organisation("JS-SG",
        List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书")));
    String rn = applied.json().get("receiptNumber").asText();
    String code = applied.json().get("queryCode").asText();
    // The case is under review in the stand-in model (the clock's model is not on this branch).
    String original = jdbc.queryForObject("SELECT process_instance_id FROM ow_case WHERE receipt_number = ?",
        String.class, rn);
    runtime.deleteProcessInstance(original, "replaced by the stand-in model", true, true);
    ProcessInstance pi = runtime.startProcessInstanceByKey("review-supplement-contract", rn, Map.of(
        "itemName", "建筑工程施工许可证", "applicantName", "县城建设发展有限公司", "mobile", Applications.MOBILE,
        "missingMaterials", "（受理时的清单，已过时）",
        "reviewerMissing", "施工图审查合格书（消防专篇）\n安全生产许可证", "reviewerReason", "消防专篇缺失"));
    jdbc.update("UPDATE ow_case SET process_instance_id = ?, status = 'UNDER_REVIEW' WHERE receipt_number = ?",
        pi.getId(), rn);

    JsonNode status = applicant.get("/api/public/cases/" + rn + "?code=" + code).json();
    assertThat(status.get("statusLabel").asText()).isEqualTo("待补正");
    assertThat(status.at("/supplementRequests/0/from").asText()).isEqualTo("住房和城乡建设局");
    assertThat(status.at("/supplementRequests/0/missingMaterials")).extracting(JsonNode::asText)
        .containsExactly("施工图审查合格书（消防专篇）", "安全生产许可证");
    assertThat(status.at("/supplementRequests/0/reason").asText()).isEqualTo("消防专篇缺失");

    SmsSimulator.Message message = await().atMost(Duration.ofSeconds(20))
        .until(() -> sms.messages(Applications.MOBILE, rn), m -> !m.isEmpty()).get(0);
    assertThat(message.text()).contains("住房和城乡建设局", "施工图审查合格书（消防专篇）、安全生产许可证", "消防专篇缺失");

    ApiClient.Response supplied = applicant.post("/api/public/cases/" + rn + "/supplement",
        Map.of("code", code, "materials", List.of("施工图审查合格书（消防专篇）", "安全生产许可证")));
    assertThat(supplied.status()).as(supplied.body()).isEqualTo(200);
    assertThat(supplied.json().get("statusLabel").asText()).isEqualTo("审查中");
    Task back = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(back.getTaskDefinitionKey()).isEqualTo("jointReview");
    assertThat(runtime.getVariable(pi.getId(), "suppliedMaterials"))
        .isEqualTo("施工图审查合格书（消防专篇）\n安全生产许可证");
  }
}
