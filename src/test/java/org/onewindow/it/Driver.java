package org.onewindow.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;

/** What clerks do on a node, over HTTP (the project's API and the engine REST API), as demo users. */
public final class Driver {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String SIMULATOR_ADMIN = "Bearer demo-simulator-admin";
  public static final List<String> QY_KB_MATERIALS = List.of("企业设立登记申请书", "公司章程", "股东身份证明", "住所使用证明");
  public static final List<String> JS_SG_MATERIALS = List.of("施工许可申请表", "建设工程规划许可证", "施工合同", "施工图审查合格书");

  private Driver() {}

  /** POST /api/cases as window1; the receipt number, or an AssertionError with the answer. */
  public static String receive(Node node, String itemCode) {
    Map<String, Object> application = itemCode.equals("QY-KB")
        ? Applications.person(itemCode, QY_KB_MATERIALS) : Applications.organisation(itemCode, JS_SG_MATERIALS);
    ApiClient.Response r = ApiClient.as(node.port, "window1", "demo").post("/api/cases", application);
    if (r.status() != 201) {
      throw new AssertionError("intake on " + node.name + ": " + r.status() + " " + r.body());
    }
    return r.json().get("receiptNumber").asText();
  }

  /** The case's open task of that definition in that queue, or null. */
  public static JsonNode task(Node node, String user, String rn, String taskKey, String group) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + rn + "&taskDefinitionKey=" + taskKey
        + (group == null ? "" : "&candidateGroup=" + group + "&includeAssignedTasks=true");
    ApiClient.Response r = ApiClient.as(node.port, user, "demo").get(query);
    if (r.status() != 200) {
      throw new AssertionError("task query on " + node.name + ": " + r.status() + " " + r.body());
    }
    return r.json().size() == 1 ? r.json().get(0) : null;
  }

  /** Waits for the task, claims and completes it on that node with the variables. */
  public static void work(Node node, String user, String rn, String taskKey, String group, Map<String, Object> variables,
      Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    JsonNode task;
    while ((task = task(node, user, rn, taskKey, group)) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no task " + taskKey + " for " + rn + " in queue " + group + " on " + node.name);
      }
      Node.sleep(200);
    }
    complete(node, user, task.get("id").asText(), variables);
  }

  /**
   * Optimistic-locking conflicts clerks met and retried: a completion that collided with a job of
   * the same case (e.g. the case clock's timer) is rolled back whole, and the clerk submits again.
   */
  public static final java.util.concurrent.atomic.AtomicInteger CONFLICTS = new java.util.concurrent.atomic.AtomicInteger();

  public static void complete(Node node, String user, String taskId, Map<String, Object> variables) {
    ApiClient api = ApiClient.as(node.port, user, "demo");
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    for (int attempt = 1; ; attempt++) {
      ApiClient.Response claim = api.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
      ApiClient.Response done = claim.status() != 204 ? claim
          : api.post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", vars));
      if (done.status() == 204) {
        return;
      }
      if (attempt < 5 && done.body() != null && done.body().contains("updated by another transaction concurrently")) {
        CONFLICTS.incrementAndGet();
        Node.sleep(200L * attempt);
        continue;
      }
      throw new AssertionError((claim.status() != 204 ? "claim" : "complete") + " on " + node.name + ": "
          + done.status() + " " + done.body());
    }
  }

  // ------------------------------------------------------------------ the simulator's admin API

  public static void behave(String simulatorBase, String department, String behaviourJson) {
    send(HttpRequest.newBuilder(URI.create(simulatorBase + "/admin/departments/" + department))
        .header("Authorization", SIMULATOR_ADMIN).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(behaviourJson)));
  }

  /** {"calls": n, "registered": bool, "referenceNumber": ...} for one idempotency key. */
  public static JsonNode calls(String simulatorBase, String department, String idempotencyKey) {
    return send(HttpRequest.newBuilder(URI.create(simulatorBase + "/admin/calls?department=" + department
        + "&idempotencyKey=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8)))
        .header("Authorization", SIMULATOR_ADMIN).GET());
  }

  /** {"calls": n, "registrations": n, ...} for one department. */
  public static JsonNode department(String simulatorBase, String department) {
    return send(HttpRequest.newBuilder(URI.create(simulatorBase + "/admin/departments/" + department))
        .header("Authorization", SIMULATOR_ADMIN).GET());
  }

  private static JsonNode send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new AssertionError("simulator: " + r.statusCode() + " " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("simulator unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts to the test-only clock hook of a node. */
  public static void moveClock(Node node, long offsetMillis) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/it-hook/clock?offsetMillis="
          + offsetMillis)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("clock hook on " + node.name + ": " + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
