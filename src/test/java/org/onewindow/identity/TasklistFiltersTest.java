package org.onewindow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.onewindow.process.CaseVariables;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What each Chinese filter lists, for whom, with the case clock's phase set as the clock sets it. */
@OneWindowIntegrationTest
class TasklistFiltersTest {
  @LocalServerPort
  int port;

  @Autowired
  RuntimeService runtimeService;

  @Autowired
  TaskService taskService;

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  private String received(String item, List<String> materials) {
    ApiClient.Response r = as("window1").post("/api/cases", Applications.organisation(item, materials));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("receiptNumber").asText();
  }

  private void completeAcceptance(String rn, String decision) {
    JsonNode tasks = as("window1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(as("window1").post("/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
        Map.of("variables", Map.of("acceptanceDecision", Map.of("value", decision),
            "missingMaterials", Map.of("value", "施工合同")))).status()).isEqualTo(204);
  }

  private List<String> listed(String user, String filter, String rn) {
    String id = null;
    for (JsonNode f : as(user).get("/engine-rest/filter?resourceType=Task").json()) {
      if (f.get("name").asText().equals(filter)) {
        id = f.get("id").asText();
      }
    }
    assertThat(id).as("%s has filter %s", user, filter).isNotNull();
    List<String> keys = new ArrayList<>();
    as(user).post("/engine-rest/filter/" + id + "/list", Map.of("processInstanceBusinessKey", rn)).json()
        .forEach(t -> keys.add(t.get("taskDefinitionKey").asText()));
    return keys;
  }

  @Test
  void lateAndDueSoonFollowTheClockAndTheDueDate() {
    String rn = received("JS-GH", List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案"));
    completeAcceptance(rn, "ACCEPT");
    String pi = await().atMost(Duration.ofSeconds(20)).until(
        () -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(rn).singleResult(),
        p -> p != null && taskService.createTaskQuery().processInstanceId(p.getId()).count() == 4).getId();

    assertThat(listed("housing1", TasklistFilters.DEPARTMENT_QUEUE, rn)).containsExactly("jointReview");
    assertThat(listed("housing1", TasklistFilters.OVERDUE, rn)).isEmpty();

    runtimeService.setVariable(pi, CaseVariables.CLOCK_PHASE, "OVERDUE");
    assertThat(listed("housing1", TasklistFilters.OVERDUE, rn)).containsExactly("jointReview");
    assertThat(listed("resources1", TasklistFilters.OVERDUE, rn)).containsExactlyInAnyOrder("jointReview", "siteInspection");
    assertThat(listed("supervisor1", TasklistFilters.OVERDUE, rn)).hasSize(4);
    assertThat(listed("window1", TasklistFilters.OVERDUE, rn)).isEmpty();

    runtimeService.setVariable(pi, CaseVariables.CLOCK_PHASE, "WARNING");
    assertThat(listed("housing1", TasklistFilters.OVERDUE, rn)).isEmpty();
    assertThat(listed("enforcement1", TasklistFilters.DUE_SOON, rn)).containsExactly("jointReview");

    runtimeService.setVariable(pi, CaseVariables.CLOCK_PHASE, "RUNNING");
    assertThat(listed("enforcement1", TasklistFilters.DUE_SOON, rn)).isEmpty();
    // Due within one working day: in the list without any warning from the clock.
    Task housing = taskService.createTaskQuery().processInstanceId(pi).taskCandidateGroup("housing").singleResult();
    taskService.setDueDate(housing.getId(), new Date(System.currentTimeMillis() + 3_600_000L));
    assertThat(listed("housing1", TasklistFilters.DUE_SOON, rn)).containsExactly("jointReview");
    taskService.setDueDate(housing.getId(), new Date(System.currentTimeMillis() + 30 * 86_400_000L));
    assertThat(listed("housing1", TasklistFilters.DUE_SOON, rn)).isEmpty();

    runtimeService.setVariable(pi, CaseVariables.CLOCK_PHASE, "PAUSED");
    assertThat(listed("housing1", TasklistFilters.PAUSED, rn)).containsExactly("jointReview");
  }

  @Test
  void aCaseWaitingForSupplementIsInTheWindowsPausedList() {
    String rn = received("JS-SG", List.of("施工许可申请表", "建设工程规划许可证"));
    completeAcceptance(rn, "SUPPLEMENT");
    assertThat(listed("window1", TasklistFilters.PAUSED, rn)).containsExactly("awaitSupplement");
    assertThat(listed("window1", TasklistFilters.WINDOW_QUEUE, rn)).containsExactly("awaitSupplement");
    assertThat(listed("housing1", TasklistFilters.PAUSED, rn)).isEmpty();
  }
}
