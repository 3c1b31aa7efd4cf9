package org.onewindow.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onewindow.department.DepartmentProperties.DepartmentSystem;
import org.onewindow.department.simulator.DepartmentSimulatorApplication;
import org.onewindow.intake.validation.UnifiedSocialCreditCode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.client.RestClient;

/**
 * The HTTP adapter against the department simulator running on its own (the standalone main
 * class, as a user would start it) on a real port: success, a read timeout, 5xx, a business
 * refusal, a repeated idempotency key, a bad credential and an unreachable system.
 */
class HttpDepartmentAdapterTest {
  private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
  private static final String ADMIN = "demo-simulator-admin";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ConfigurableApplicationContext simulator;
  private static String base;

  @BeforeAll
  static void startSimulator() {
    simulator = DepartmentSimulatorApplication.start("--server.port=0");
    base = "http://127.0.0.1:" + simulator.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @BeforeEach
  void normalBehaviour() throws Exception {
    assertThat(admin("POST", "/simulator/admin/reset", null).statusCode()).isEqualTo(200);
  }

  private static HttpDepartmentAdapter adapter(Map<String, DepartmentSystem> systems) {
    DepartmentProperties properties = new DepartmentProperties(Duration.ofSeconds(1), READ_TIMEOUT, "R3/PT1S", systems);
    return new HttpDepartmentAdapter(new HttpDepartmentClient(properties, new StandardEnvironment(), JSON,
        RestClient.builder()));
  }

  private static HttpDepartmentAdapter adapter() {
    Map<String, DepartmentSystem> systems = new LinkedHashMap<>();
    systems.put("market", system("市场监督管理局", base + "/simulator/market", "demo-market-token"));
    systems.put("police", system("公安局", base + "/simulator/police", "demo-police-token"));
    systems.put("tax", system("税务局", base + "/simulator/tax", "demo-tax-token"));
    systems.put("social", system("人力资源和社会保障局", base + "/simulator/social", "demo-social-token"));
    systems.put("bank", system("开户银行", base + "/simulator/bank", "demo-bank-token"));
    return adapter(systems);
  }

  private static DepartmentSystem system(String name, String url, String token) {
    return new DepartmentSystem(name, url, token, null, null, null);
  }

  private static RegistrationRequest request(String step, String enterpriseName) {
    String receipt = "OW" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000_000L);
    return new RegistrationRequest(RegistrationRequest.idempotencyKey(receipt, step), receipt, "QY-KB",
        enterpriseName, "王小明", "11010519491231002X", "91331127000000001W");
  }

  private static HttpResponse<String> admin(String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
        .header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void behave(String department, Map<String, Object> behaviour) throws Exception {
    HttpResponse<String> r = admin("PUT", "/simulator/admin/departments/" + department, behaviour);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static JsonNode calls(String department, String key) throws Exception {
    HttpResponse<String> r = admin("GET", "/simulator/admin/calls?department=" + department + "&idempotencyKey="
        + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8), null);
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void successAnswersWithTheDepartmentsReference() throws Exception {
    RegistrationRequest request = request("registerBusiness", "星河科技有限公司-" + UUID.randomUUID());

    Registration r = adapter().registerBusiness(request);

    assertThat(r.department()).isEqualTo("market");
    assertThat(r.replayed()).isFalse();
    assertThat(UnifiedSocialCreditCode.validate(r.referenceNumber())).as(r.referenceNumber()).isEmpty();
    assertThat(calls("market", request.idempotencyKey()).get("calls").asInt()).isEqualTo(1);

    Registration tax = adapter().registerForTax(request("registerTax", null));
    assertThat(tax.referenceNumber()).matches("SWDJ\\d{14}");
  }

  @Test
  void repeatedIdempotencyKeyReturnsTheFirstResultAndRegistersOnce() throws Exception {
    RegistrationRequest request = request("engraveSeal", "星河科技有限公司");

    Registration first = adapter().recordSealEngraving(request);
    Registration second = adapter().recordSealEngraving(request);

    assertThat(second.referenceNumber()).isEqualTo(first.referenceNumber());
    assertThat(first.replayed()).isFalse();
    assertThat(second.replayed()).isTrue();
    JsonNode calls = calls("police", request.idempotencyKey());
    assertThat(calls.get("calls").asInt()).isEqualTo(2);
    assertThat(calls.get("registered").asBoolean()).isTrue();
    assertThat(calls.get("referenceNumber").asText()).isEqualTo(first.referenceNumber());
  }

  @Test
  void timeoutIsATechnicalFailureAndTheRetryDoesNotRegisterTwice() throws Exception {
    behave("tax", Map.of("latencyMs", 2000));
    RegistrationRequest request = request("registerTax", null);

    long start = System.nanoTime();
    assertThatThrownBy(() -> adapter().registerForTax(request))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("税务局（tax）税务登记")
        .hasMessageContaining("应答超时（700 ms）")
        .satisfies(e -> assertThat(((DepartmentUnavailableException) e).department()).isEqualTo("tax"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1900));

    // The slow department did register before answering: the retry gets that registration back.
    behave("tax", Map.of());
    Registration retried = adapter().registerForTax(request);
    assertThat(retried.replayed()).isTrue();
    JsonNode calls = calls("tax", request.idempotencyKey());
    assertThat(calls.get("calls").asInt()).isEqualTo(2);
    assertThat(calls.get("referenceNumber").asText()).isEqualTo(retried.referenceNumber());
  }

  @Test
  void serverErrorsAndDowntimeAreTechnicalFailuresUntilTheDepartmentRecovers() throws Exception {
    RegistrationRequest request = request("registerSocialInsurance", null);

    behave("social", Map.of("failNextCalls", 1));
    assertThatThrownBy(() -> adapter().registerForSocialInsurance(request))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("人力资源和社会保障局（social）社会保险登记")
        .hasMessageContaining("HTTP 500");

    behave("social", Map.of("down", true));
    assertThatThrownBy(() -> adapter().registerForSocialInsurance(request))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("系统暂停服务");

    behave("social", Map.of());
    Registration r = adapter().registerForSocialInsurance(request);
    assertThat(r.replayed()).isFalse();
    assertThat(r.referenceNumber()).matches("SBDJ\\d{14}");
    JsonNode calls = calls("social", request.idempotencyKey());
    assertThat(calls.get("calls").asInt()).isEqualTo(3);
    assertThat(calls.get("registered").asBoolean()).isTrue();
  }

  @Test
  void businessRefusalCarriesTheDepartmentsCodeAndReason() throws Exception {
    behave("bank", Map.of("refuseCode", "ACCOUNT_BLOCKED", "refuseMessage", "法定代表人名下账户受限，请到柜台办理"));

    assertThatThrownBy(() -> adapter().notifyBankAccount(request("notifyBankAccount", null)))
        .isInstanceOfSatisfying(DepartmentRefusedException.class, e -> {
          assertThat(e.department()).isEqualTo("bank");
          assertThat(e.code()).isEqualTo("ACCOUNT_BLOCKED");
          assertThat(e.reason()).isEqualTo("法定代表人名下账户受限，请到柜台办理");
          assertThat(e.getMessage()).contains("开户银行（bank）");
        });
  }

  @Test
  void anEnterpriseNameRegisteredByAnotherCaseIsRefused() {
    String name = "重名商贸有限公司-" + UUID.randomUUID();
    adapter().registerBusiness(request("registerBusiness", name));

    assertThatThrownBy(() -> adapter().registerBusiness(request("registerBusiness", name)))
        .isInstanceOfSatisfying(DepartmentRefusedException.class, e -> {
          assertThat(e.code()).isEqualTo("NAME_TAKEN");
          assertThat(e.reason()).contains(name, "已被登记");
        });
  }

  @Test
  void aWrongTokenIsATechnicalFailureNotARefusal() {
    HttpDepartmentAdapter wrongToken = adapter(Map.of("tax", system("税务局", base + "/simulator/tax", "stolen")));

    assertThatThrownBy(() -> wrongToken.registerForTax(request("registerTax", null)))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void anUnreachableOrUnconfiguredSystemIsATechnicalFailure() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpDepartmentAdapter unreachable = adapter(Map.of("police",
        system("公安局", "http://127.0.0.1:" + closedPort + "/simulator/police", "demo-police-token")));
    assertThatThrownBy(() -> unreachable.recordSealEngraving(request("engraveSeal", null)))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("公安局（police）印章刻制备案")
        .hasMessageContaining("无法连接");

    HttpDepartmentAdapter unconfigured = adapter(Map.of());
    assertThatThrownBy(() -> unconfigured.recordSealEngraving(request("engraveSeal", null)))
        .isInstanceOf(DepartmentUnavailableException.class)
        .hasMessageContaining("onewindow.departments.systems.police.base-url");
  }

  @Test
  void aSystemThatDoesNotTakeTheConnectionInTimeIsAConnectTimeout() throws IOException {
    // A listening socket that never accepts, its queue filled: the kernel leaves further connects unanswered.
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket();
          try {
            s.connect(new InetSocketAddress(busy.getInetAddress(), busy.getLocalPort()), 200);
          } catch (IOException full) {
            // the queue is full: what the test needs
          }
          queued.add(s);
        }
        HttpDepartmentAdapter stalled = adapter(Map.of("police",
            system("公安局", "http://127.0.0.1:" + busy.getLocalPort() + "/simulator/police", "demo-police-token")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> stalled.recordSealEngraving(request("engraveSeal", null)))
            .isInstanceOf(DepartmentUnavailableException.class)
            .hasMessageContaining("公安局（police）印章刻制备案")
            .hasMessageContaining("连接超时（1000 ms）");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void theAdminEndpointsNeedTheAdminToken() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/simulator/admin/departments/tax"))
        .header("Authorization", "Bearer demo-tax-token").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
  }
}
