package org.onewindow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Staff doing their tasks through the engine REST API, as Tasklist does: find in the queue, claim, complete. */
public final class StaffTasks {
  private final int port;

  public StaffTasks(int port) {
    this.port = port;
  }

  public ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  /** The single open task of the case with this key in this group's queue (waits for it to appear). */
  public JsonNode task(String user, String group, String receiptNumber, String taskKey) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + receiptNumber + "&candidateGroup=" + group
        + "&taskDefinitionKey=" + taskKey;
    return await().atMost(Duration.ofSeconds(20)).until(() -> as(user).get(query).json(), t -> t.size() == 1).get(0);
  }

  /** Claims and completes that task with the variables; fails unless the engine answers 204. */
  public void work(String user, String group, String receiptNumber, String taskKey, Map<String, Object> variables) {
    String id = task(user, group, receiptNumber, taskKey).get("id").asText();
    assertThat(as(user).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user)).status()).isEqualTo(204);
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    ApiClient.Response done = as(user).post("/engine-rest/task/" + id + "/complete", Map.of("variables", vars));
    assertThat(done.status()).as("complete %s as %s: %s", taskKey, user, done.body()).isEqualTo(204);
  }
}
