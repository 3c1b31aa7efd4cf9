package org.onewindow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authorization over real HTTP on a case that needs three departments (JS-GH: resources leads,
 * housing and enforcement co-handle): each reviewer sees and works only their own department's
 * steps, through the engine REST API and the project's API; the supervisor sees all, works none.
 */
@OneWindowIntegrationTest
class DepartmentQueuesTest {
  private static final List<String> DEPARTMENTS = List.of("resources", "housing", "enforcement");

  @LocalServerPort
  int port;

  @Autowired
  AuthorizationSetup authorizationSetup;

  @Autowired
  AuthorizationService authorizationService;

  @Autowired
  FilterService filterService;

  private String rn;
  /** Task id to the department (candidate group) whose queue holds it. */
  private final Map<String, String> departmentOf = new LinkedHashMap<>();

  private ApiClient as(String user) {
    return ApiClient.as(port, user, "demo");
  }

  @BeforeEach
  void caseInJointReview() {
    ApiClient.Response received = as("window1").post("/api/cases", Applications.organisation("JS-GH",
        List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    rn = received.json().get("receiptNumber").asText();
    JsonNode acceptance = as("window1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(acceptance).hasSize(1);
    String id = acceptance.get(0).get("id").asText();
    assertThat(as("window1").post("/engine-rest/task/" + id + "/complete",
        Map.of("variables", Map.of("acceptanceDecision", Map.of("value", "ACCEPT")))).status()).isEqualTo(204);
    JsonNode all = await().atMost(Duration.ofSeconds(20))
        .until(() -> as("supervisor1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json(), t -> t.size() == 4);
    for (JsonNode t : all) {
      JsonNode links = as("supervisor1").get("/engine-rest/task/" + t.get("id").asText() + "/identity-links?type=candidate").json();
      departmentOf.put(t.get("id").asText(), links.get(0).get("groupId").asText());
    }
    assertThat(departmentOf.values()).containsExactlyInAnyOrder("resources", "resources", "housing", "enforcement");
  }

  @Test
  void eachReviewerSeesExactlyTheirOwnDepartmentsSteps() {
    for (String dept : DEPARTMENTS) {
      String user = dept + "1";
      List<String> own = idsOf(dept);
      JsonNode visible = as(user).get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
      assertThat(ids(visible)).as("%s sees through the engine REST API", user).containsExactlyInAnyOrderElementsOf(own);
      assertThat(as(user).get("/engine-rest/task/count?processInstanceBusinessKey=" + rn).json().get("count").asInt())
          .isEqualTo(own.size());

      JsonNode file = as(user).get("/api/cases/" + rn).json();
      List<String> inFile = new ArrayList<>();
      file.get("currentTasks").forEach(t -> inFile.add(t.get("id").asText()));
      // The departments a case is routed to share its file (信息共享): each sees where the case
      // stands, every current step, though it can read and work only its own tasks.
      assertThat(inFile).as("%s sees in the case file", user).containsExactlyInAnyOrderElementsOf(departmentOf.keySet());
    }
  }

  @Test
  void noReviewerCanReadOrWorkAnotherDepartmentsStep() {
    for (String dept : DEPARTMENTS) {
      String user = dept + "1";
      for (Map.Entry<String, String> e : departmentOf.entrySet()) {
        if (e.getValue().equals(dept)) {
          continue;
        }
        String task = "/engine-rest/task/" + e.getKey();
        assertThat(as(user).get(task).status()).as("%s reads %s's task", user, e.getValue()).isIn(403, 404);
        assertThat(as(user).get(task + "/variables").status()).isIn(403, 404);
        assertThat(as(user).get(task + "/form-variables").status()).isIn(403, 404);
        assertThat(as(user).post(task + "/claim", Map.of("userId", user)).status()).isEqualTo(403);
        assertThat(as(user).post(task + "/complete", Map.of("variables", Map.of())).status())
            .as("%s completes %s's task", user, e.getValue()).isEqualTo(403);
      }
    }
    // Nothing moved: every step is still open and unclaimed.
    JsonNode all = as("supervisor1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(all).hasSize(4);
    all.forEach(t -> assertThat(t.get("assignee").isNull()).isTrue());
  }

  @Test
  void reviewerWorksTheirOwnStep() {
    String housingTask = idsOf("housing").get(0);
    assertThat(as("housing1").post("/engine-rest/task/" + housingTask + "/claim", Map.of("userId", "housing1")).status())
        .isEqualTo(204);
    assertThat(as("housing1").post("/engine-rest/task/" + housingTask + "/complete",
        Map.of("variables", Map.of("reviewOpinion", Map.of("value", "AGREE")))).status()).isEqualTo(204);
  }

  @Test
  void supervisorSeesEveryStepAndWorksNone() {
    JsonNode all = as("supervisor1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json();
    assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(departmentOf.keySet());
    for (String id : departmentOf.keySet()) {
      assertThat(as("supervisor1").get("/engine-rest/task/" + id).status()).isEqualTo(200);
      assertThat(as("supervisor1").get("/engine-rest/task/" + id + "/variables").status()).isEqualTo(200);
      assertThat(as("supervisor1").post("/engine-rest/task/" + id + "/claim", Map.of("userId", "supervisor1")).status())
          .isEqualTo(403);
      assertThat(as("supervisor1").post("/engine-rest/task/" + id + "/complete", Map.of("variables", Map.of())).status())
          .isEqualTo(403);
      assertThat(as("supervisor1").post("/engine-rest/task/" + id + "/assignee", Map.of("userId", "supervisor1")).status())
          .isEqualTo(403);
    }
    assertThat(as("supervisor1").get("/engine-rest/process-instance?businessKey=" + rn).json()).hasSize(1);
    assertThat(as("supervisor1").get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + rn).json())
        .hasSize(1);
    JsonNode file = as("supervisor1").get("/api/cases/" + rn).json();
    assertThat(file.get("currentTasks")).hasSize(4);
  }

  @Test
  void windowClerkSeesTheWindowQueueNotTheDepartmentsTasks() {
    assertThat(as("window1").get("/engine-rest/task?processInstanceBusinessKey=" + rn).json()).isEmpty();
    // ...but can follow the case: the case file names every current step.
    assertThat(as("window1").get("/api/cases/" + rn).json().get("currentTasks")).hasSize(4);
    // The window cannot see another department's queue through the task query either.
    assertThat(as("window1").get("/engine-rest/task?candidateGroup=housing").json()).isEmpty();
  }

  @Test
  void filtersAreSharedWithTheRightGroups() {
    assertThat(filterNames("window1")).contains("待受理", "我的待办", "即将超期", "已超期", "补正/暂停中")
        .doesNotContain("本部门待办");
    assertThat(filterNames("housing1")).contains("本部门待办", "我的待办", "即将超期", "已超期", "补正/暂停中")
        .doesNotContain("待受理");
    assertThat(filterNames("supervisor1")).contains("待受理", "本部门待办", "我的待办", "即将超期", "已超期", "补正/暂停中");
    assertThat(filterNames("designer1")).isEmpty();

    String departmentQueue = filterId("housing1", "本部门待办");
    JsonNode listed = as("housing1").post("/engine-rest/filter/" + departmentQueue + "/list", Map.of(
        "processInstanceBusinessKey", rn)).json();
    assertThat(ids(listed)).containsExactlyElementsOf(idsOf("housing"));
  }

  @Test
  void designersDeployModelsOthersDoNot() throws Exception {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            targetNamespace="http://onewindow.org/test">
          <process id="designer-check" isExecutable="false" camunda:historyTimeToLive="1">
            <startEvent id="s"/>
          </process>
        </definitions>
        """;
    assertThat(deploy("window1", bpmn)).isEqualTo(403);
    assertThat(deploy("supervisor1", bpmn)).isEqualTo(403);
    assertThat(deploy("designer1", bpmn)).isEqualTo(200);
  }

  @Test
  void onlyAdministratorsReachAdmin() throws Exception {
    for (String user : List.of("window1", "housing1", "supervisor1", "designer1")) {
      assertThat(webappLogin(user, "admin")).as("%s logs in to Admin", user).isIn(401, 403);
    }
    assertThat(webappLogin("admin", "admin")).isEqualTo(200);
    assertThat(webappLogin("housing1", "tasklist")).isEqualTo(200);
    assertThat(webappLogin("housing1", "cockpit")).isIn(401, 403);
    assertThat(webappLogin("supervisor1", "cockpit")).isEqualTo(200);
  }

  @Test
  void grantsAtStartUpAreIdempotent() {
    long before = authorizationService.createAuthorizationQuery().count();
    assertThat(authorizationSetup.apply()).isZero();
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  private List<String> idsOf(String department) {
    return departmentOf.entrySet().stream().filter(e -> e.getValue().equals(department)).map(Map.Entry::getKey).toList();
  }

  private static List<String> ids(JsonNode tasks) {
    List<String> ids = new ArrayList<>();
    tasks.forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  private List<String> filterNames(String user) {
    List<String> names = new ArrayList<>();
    as(user).get("/engine-rest/filter?resourceType=Task").json().forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private String filterId(String user, String name) {
    for (JsonNode f : as(user).get("/engine-rest/filter?resourceType=Task").json()) {
      if (f.get("name").asText().equals(name)) {
        return f.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + name + " for " + user);
  }

  private int deploy(String user, String bpmn) throws IOException, InterruptedException {
    String boundary = "----onewindow" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\ndesigner-check\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"data\"; filename=\"designer-check.bpmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n"
        + "--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Authorization", basic(user))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The webapps' own login, as the login page posts it (with its CSRF token), for one application. */
  private int webappLogin(String user, String app) throws IOException, InterruptedException {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port + "/camunda";
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/app/" + app + "/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String token = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(java.net.HttpCookie::getValue).findFirst().orElse(""));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
