package org.onewindow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A JS-GH case (建设工程规划许可证) from the window to pickup, over real HTTP through the project's
 * API and the engine REST API, each step done by the user whose queue holds it.
 */
@OneWindowIntegrationTest
class CaseLifecycleTest {
  @LocalServerPort
  int port;

  @Autowired
  JdbcTemplate jdbc;

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  /** The single open task of the case in this group's queue, claimed and completed by the user. */
  private void work(String user, String group, String rn, String taskKey, Map<String, Object> variables) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + rn + "&candidateGroup=" + group
        + "&taskDefinitionKey=" + taskKey;
    JsonNode tasks = await().atMost(Duration.ofSeconds(20)).until(() -> as(user).get(query).json(), t -> t.size() == 1);
    String id = tasks.get(0).get("id").asText();
    ApiClient.Response form = as(user).get("/engine-rest/task/" + id + "/deployed-form");
    assertThat(form.status()).as("the form of %s is deployed", taskKey).isEqualTo(200);
    assertThat(form.json().get("id").asText()).isEqualTo(tasks.get(0).get("camundaFormRef").get("key").asText());
    assertThat(as(user).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Map<String, Object> vars = new java.util.LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    ApiClient.Response done = as(user).post("/engine-rest/task/" + id + "/complete", Map.of("variables", vars));
    assertThat(done.status()).as("complete %s as %s: %s", taskKey, user, done.body()).isEqualTo(204);
  }

  private JsonNode caseFile(String rn) {
    ApiClient.Response r = as("window1").get("/api/cases/" + rn);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  @Test
  void planningPermitCaseGoesFromTheWindowThroughThreeDepartmentsToPickup() {
    ApiClient.Response received = as("window1").post("/api/cases", Applications.organisation("JS-GH",
        List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String rn = received.json().get("receiptNumber").asText();
    assertThat(rn).matches("OW\\d{14}");
    assertThat(received.location()).endsWith("/api/cases/" + rn);
    assertThat(received.json().get("missingMaterials")).isEmpty();

    JsonNode file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("RECEIVED");
    assertThat(file.get("statusLabel").asText()).isEqualTo("已收件");
    assertThat(file.at("/item/name").asText()).isEqualTo("建设工程规划许可证");
    assertThat(file.at("/currentTasks/0/key").asText()).isEqualTo("acceptance");
    assertThat(file.at("/currentTasks/0/candidateGroups/0").asText()).isEqualTo("window");

    work("window1", "window", rn, "acceptance", Map.of("acceptanceDecision", "ACCEPT"));

    file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(file.get("acceptedAt").isNull()).isFalse();
    List<String> queues = new ArrayList<>();
    file.get("currentTasks").forEach(t -> queues.add(t.get("key").asText() + "@" + t.at("/candidateGroups/0").asText()));
    assertThat(queues).containsExactlyInAnyOrder(
        "jointReview@resources", "jointReview@housing", "jointReview@enforcement", "siteInspection@resources");

    work("housing1", "housing", rn, "jointReview", Map.of("reviewOpinion", "AGREE", "reviewComment", "符合要求"));
    work("enforcement1", "enforcement", rn, "jointReview", Map.of("reviewOpinion", "AGREE"));
    work("resources1", "resources", rn, "jointReview", Map.of("reviewOpinion", "AGREE"));
    work("resources1", "resources", rn, "siteInspection", Map.of("inspectionResult", "PASS"));

    work("approver1", "approvers", rn, "decision", Map.of("decision", "APPROVE", "decisionReason", "符合规划"));
    work("window1", "window", rn, "pickup", Map.of("pickedUpBy", "李经办"));

    file = caseFile(rn);
    assertThat(file.get("status").asText()).isEqualTo("PICKED_UP");
    assertThat(file.get("statusLabel").asText()).isEqualTo("已取件");
    assertThat(file.get("outcome").asText()).isEqualTo("APPROVE");
    assertThat(file.get("certificateNumber").asText()).startsWith("JS-GH-");
    assertThat(file.get("currentTasks")).isEmpty();
    assertThat(file.get("finishedAt").isNull()).isFalse();
    assertThat(jdbc.queryForList("SELECT department FROM ow_review_opinion WHERE receipt_number = ?", String.class, rn))
        .containsExactlyInAnyOrder("resources", "housing", "enforcement");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ow_notice WHERE receipt_number = ? AND kind = 'PICKUP'",
        Integer.class, rn)).isEqualTo(1);
  }

  @Test
  void nothingAnswersAnonymously() {
    ApiClient anonymous = ApiClient.anonymous(port);
    for (String path : List.of("/api/cases/OW20260101000001", "/engine-rest/task", "/engine-rest/process-definition")) {
      ApiClient.Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.contentType()).as(path).startsWith("application/problem+json");
    }
    // A wrong password also gets 401 (an unknown user here: a known one would be throttled for later tests).
    assertThat(ApiClient.as(port, "nobody", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
  }
}
