package org.onewindow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.department.DepartmentCapability;
import org.onewindow.department.DepartmentUnavailableException;
import org.onewindow.department.HttpDepartmentClient;
import org.onewindow.department.simulator.DepartmentSimulator;
import org.onewindow.support.ApiClient;
import org.onewindow.support.Applications;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Metrics, health and the hardening that applies in every profile, over real HTTP: who may read
 * /actuator/*, what Prometheus gets, the health components, body limits on every endpoint, and
 * error answers without stack traces.
 */
@OneWindowIntegrationTest
class OperationsEndpointsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  int port;
  @Autowired
  OperationsMetrics metrics;
  @Autowired
  DepartmentSystemsHealth departments;
  @Autowired
  HttpDepartmentClient departmentClient;
  @Autowired
  DepartmentSimulator simulator;

  @AfterEach
  void departmentsBackToNormal() {
    simulator.reset(false);
  }

  @Test
  void prometheusNeedsAnOperatorAndShowsCasesJobsIncidentsAndDepartmentCalls() throws Exception {
    assertThat(ApiClient.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(ApiClient.as(port, "window1", "demo").get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(ApiClient.as(port, "no-such-operator", "wrong").get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(ApiClient.anonymous(port).get("/actuator/info").status()).isEqualTo(401);

    ApiClient.Response received = ApiClient.as(port, "window1", "demo").post("/api/cases",
        Applications.organisation("JS-GH", List.of("建设工程规划许可申请表", "土地权属证明", "建设工程设计方案")));
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String key = "metrics-" + UUID.randomUUID();
    departmentClient.call("tax", DepartmentCapability.TAX_REGISTRATION, key,
        Map.of("receiptNumber", "OW-METRICS", "creditCode", Applications.CREDIT_CODE));
    simulator.setBehaviour("tax", new DepartmentSimulator.Behaviour(0, 0, true, 0, null, null));
    try {
      departmentClient.call("tax", DepartmentCapability.TAX_REGISTRATION, key + "-down",
          Map.of("receiptNumber", "OW-METRICS", "creditCode", Applications.CREDIT_CODE));
    } catch (DepartmentUnavailableException expected) {
      // counted as a failure
    }
    metrics.refresh();
    departments.pingAll();

    HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/actuator/prometheus")).header("Authorization", basic("admin", "demo")).header("Accept", "text/plain")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    String text = scrape.body();
    assertThat(text)
        .containsPattern("onewindow_cases_received_total\\{application=\"onewindow\",item=\"JS-GH\"} [1-9]")
        .containsPattern("onewindow_cases_open\\{application=\"onewindow\",item=\"JS-GH\"} [1-9]")
        .contains("onewindow_cases_clock{application=\"onewindow\",phase=\"WARNING\"}")
        .contains("onewindow_cases_clock{application=\"onewindow\",phase=\"OVERDUE\"}")
        .contains("onewindow_incidents_open{application=\"onewindow\"}")
        .contains("onewindow_jobs_failed{application=\"onewindow\"}")
        .contains("onewindow_jobs_due_unacquired{application=\"onewindow\"}")
        .contains("onewindow_jobs_due_unacquired_oldest{application=\"onewindow\"}")
        .containsPattern("onewindow_department_calls_seconds_count\\{application=\"onewindow\",capability=\"tax-registrations?\","
            + "department=\"tax\",outcome=\"success\"} [1-9]")
        .containsPattern("onewindow_department_calls_seconds_count\\{application=\"onewindow\",capability=\"[a-z-]+\","
            + "department=\"tax\",outcome=\"failure\"} [1-9]")
        .contains("onewindow_department_calls_seconds_bucket{application=\"onewindow\"")
        .contains("onewindow_department_up{application=\"onewindow\",department=\"tax\"} 1.0")
        // The engine, the pool and the JVM come with Micrometer and Spring Boot.
        .contains("hikaricp_connections_active", "jvm_memory_used_bytes", "http_server_requests_seconds_count");
  }

  @Test
  void healthAnswersAnyoneWithTheStatusAndOperatorsWithEveryComponent() {
    ApiClient.Response anonymous = ApiClient.anonymous(port).get("/actuator/health");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.json().has("components")).isFalse();
    assertThat(ApiClient.anonymous(port).get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");
    assertThat(ApiClient.anonymous(port).get("/actuator/health/liveness").json().get("status").asText()).isEqualTo("UP");
    // A clerk is not an operator: the status alone.
    assertThat(ApiClient.as(port, "window1", "demo").get("/actuator/health").json().has("components")).isFalse();

    departments.pingAll();
    var health = ApiClient.as(port, "admin", "demo").get("/actuator/health").json();
    var components = health.get("components");
    assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("jobAcquisition").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("jobAcquisition").get("details").get("active").asBoolean()).isTrue();
    assertThat(components.get("calendar").get("status").asText()).isIn("UP", "INCOMPLETE");
    assertThat(components.get("departments").get("components").get("tax").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("departments").get("components").get("market").get("details").get("name").asText())
        .isEqualTo("市场监督管理局");
    assertThat(components.get("readinessState").get("status").asText()).isEqualTo("UP");
  }

  @Test
  void aDepartmentThatDoesNotAnswerIsVisibleButDoesNotTakeTheNodeOutOfService() {
    DepartmentSystemsHealth unreachable = new DepartmentSystemsHealth(
        new org.onewindow.department.DepartmentProperties(null, null, null, Map.of(
            "tax", new org.onewindow.department.DepartmentProperties.DepartmentSystem("税务局",
                "http://127.0.0.1:1/tax", "t", null, null, null),
            "bank", new org.onewindow.department.DepartmentProperties.DepartmentSystem("开户银行", null, null,
                null, null, null))),
        new OperationsProperties(null, null, java.time.Duration.ofMillis(500), null, null, null, null, null),
        new org.springframework.mock.env.MockEnvironment(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    unreachable.pingAll();
    var tax = ((org.springframework.boot.actuate.health.HealthIndicator) unreachable.getContributor("tax")).health();
    assertThat(tax.getStatus()).isEqualTo(DepartmentSystemsHealth.UNREACHABLE);
    assertThat(tax.getDetails().get("detail")).asString().isNotBlank();
    assertThat(tax.getDetails().get("url")).isEqualTo("http://127.0.0.1:1/tax");
    var bank = ((org.springframework.boot.actuate.health.HealthIndicator) unreachable.getContributor("bank")).health();
    assertThat(bank.getStatus()).isEqualTo(DepartmentSystemsHealth.NOT_CONFIGURED);
    // Neither status is in Spring Boot's order, so neither turns the node's status.
    assertThat(new org.springframework.boot.actuate.health.SimpleStatusAggregator()
        .getAggregateStatus(java.util.Set.of(org.springframework.boot.actuate.health.Status.UP,
            DepartmentSystemsHealth.UNREACHABLE, JobAcquisitionHealthIndicator.STALLED)))
        .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
  }

  @Test
  void everyEndpointRefusesABodyAboveItsLimit() throws Exception {
    byte[] big = new byte[1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    for (String path : List.of("/engine-rest/task", "/camunda/api/admin/auth/user/default/login/cockpit",
        "/simulator/tax/tax-registrations", "/actuator/health", "/api/cases")) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", basic("admin", "demo")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(413);
      assertThat(r.body()).as(path).contains("请求过大");
    }
    RequestBodyLimitFilter filter = new RequestBodyLimitFilter(1024, 4096);
    var deployment = new org.springframework.mock.web.MockHttpServletRequest("POST", "/engine-rest/deployment/create");
    assertThat(filter.limitFor(deployment)).isEqualTo(4096);
    assertThat(filter.limitFor(new org.springframework.mock.web.MockHttpServletRequest("POST", "/engine-rest/task")))
        .isEqualTo(1024);
  }

  @Test
  void taskQueriesWithExpressionsInOrQueriesAndTheSetupEndpointAreRefused() {
    ApiClient admin = ApiClient.as(port, "admin", "demo");
    String injection = "{\"orQueries\": [{\"dueAfterExpression\": \"${'x'.getClass().forName('java.lang.Runtime')}\"}]}";
    for (String path : List.of("/engine-rest/task", "/engine-rest/task/count", "/engine-rest/filter/any/list",
        "/camunda/api/engine/engine/default/task")) {
      ApiClient.Response r = admin.post(path, injection);
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.body()).contains("orQueries");
    }
    // Ordinary queries, with or without orQueries, still work.
    assertThat(admin.post("/engine-rest/task", "{\"orQueries\": [{\"candidateGroup\": \"window\", \"assignee\": \"window1\"}]}")
        .status()).isEqualTo(200);
    assertThat(admin.post("/engine-rest/task/count", "{\"candidateGroup\": \"window\"}").json().get("count").asLong())
        .isNotNegative();
    assertThat(ApiClient.anonymous(port).post("/camunda/api/admin/setup/default/user/create",
        "{\"profile\": {\"id\": \"intruder\"}, \"credentials\": {\"password\": \"Intruder-2026!\"}}").status())
        .isEqualTo(403);
    assertThat(CamundaAdvisoryFilter.expressionInOrQueries("{\"dueAfterExpression\": \"${now()}\"}".getBytes()))
        .as("a top-level expression is the engine's own check (enableExpressionsInAdhocQueries)").isFalse();
  }

  @Test
  void errorsNeverCarryAStackTrace() throws Exception {
    List<ApiClient.Response> errors = List.of(
        ApiClient.as(port, "admin", "demo").get("/engine-rest/task/no-such-task/form"),
        ApiClient.as(port, "admin", "demo").post("/engine-rest/process-definition/key/no-such-process/start", "{}"),
        ApiClient.as(port, "admin", "demo").post("/engine-rest/task", "{\"processVariables\": [{\"name\": 1, \"operator\": \"nope\"}]}"),
        ApiClient.as(port, "window1", "demo").post("/api/cases", "{not json"),
        ApiClient.as(port, "window1", "demo").get("/api/cases/%00%27"),
        ApiClient.as(port, "admin", "demo").get("/actuator/no-such-endpoint"),
        ApiClient.anonymous(port).get("/no-such-page"));
    for (ApiClient.Response r : errors) {
      assertThat(r.status()).as(r.body()).isBetween(400, 599);
      assertThat(r.body()).as(r.body()).doesNotContain("\tat ", "at org.", "at java.", "Caused by", "SQLException",
          "select ", "SELECT ");
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
