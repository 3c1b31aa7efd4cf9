package org.onewindow.department;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.onewindow.web.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Talks HTTP to the departments' systems with Spring's {@link RestClient}: one client per
 * department, with that department's base URL, bearer token and connect and read timeouts from
 * {@link DepartmentProperties}. Every call is {@code POST {base-url}/{capability}} with JSON and
 * an {@value #IDEMPOTENCY_KEY} header.
 *
 * <p>Answers: 2xx is a registration; 422 with {@code {"code", "message"}} is a business refusal
 * ({@link DepartmentRefusedException}); anything else, a timeout or a refused connection is a
 * technical failure ({@link DepartmentUnavailableException}) whose message names the department,
 * the capability and the error, so the incident in Cockpit says what went wrong where.
 */
@Component
public class HttpDepartmentClient {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** HTTP status of a business refusal. */
  public static final int REFUSED = 422;

  private static final Logger log = LoggerFactory.getLogger(HttpDepartmentClient.class);
  private static final int MAX_DETAIL = 200;

  private final DepartmentProperties properties;
  private final Environment environment;
  private final ObjectMapper json;
  private final RestClient.Builder builder;
  private final ConcurrentMap<String, RestClient> clients = new ConcurrentHashMap<>();
  /** Their connection pools, closed with the application. */
  private final OutboundHttp http = new OutboundHttp();
  private final MeterRegistry meters;

  public HttpDepartmentClient(DepartmentProperties properties, Environment environment, ObjectMapper json,
      RestClient.Builder builder) {
    this(properties, environment, json, builder, new SimpleMeterRegistry());
  }

  /** With the application's meters: {@code onewindow_department_calls_seconds{department,capability,outcome}}. */
  @Autowired
  public HttpDepartmentClient(DepartmentProperties properties, Environment environment, ObjectMapper json,
      RestClient.Builder builder, MeterRegistry meters) {
    this.properties = properties;
    this.environment = environment;
    this.json = json;
    this.builder = builder;
    this.meters = meters;
  }

  @PreDestroy
  public void close() {
    http.close();
  }

  /** Says at start-up which departments cannot be called, so the operator need not wait for an incident. */
  @EventListener(ApplicationReadyEvent.class)
  public void reportUnconfiguredDepartments() {
    List<String> missing = properties.systems().entrySet().stream()
        .filter(e -> blank(e.getValue().baseUrl()) || blank(e.getValue().token()))
        .map(e -> e.getKey() + " (" + properties.name(e.getKey()) + ")").toList();
    if (!missing.isEmpty()) {
      log.warn("No base URL or token for the systems of {}: their calls will fail and raise incidents. Set "
          + "onewindow.departments.systems.<code>.base-url and .token (e.g. ONEWINDOW_DEPARTMENTS_SYSTEMS_TAX_BASEURL).",
          missing);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Calls the department; returns its registration or throws one of the two exceptions. Timed per
   * department, capability and outcome ({@code success}, {@code refused}, {@code failure}).
   */
  public Registration call(String department, DepartmentCapability capability, String idempotencyKey,
      Map<String, ?> body) {
    Timer.Sample sample = Timer.start(meters);
    String outcome = "failure";
    try {
      Registration registration = callOnce(department, capability, idempotencyKey, body);
      outcome = "success";
      return registration;
    } catch (DepartmentRefusedException e) {
      outcome = "refused";
      throw e;
    } finally {
      sample.stop(Timer.builder("onewindow.department.calls")
          .description("Calls to the departments' systems: latency and outcome")
          .tags("department", department == null ? "none" : department, "capability", capability.path(),
              "outcome", outcome)
          // A few buckets for latency alerts, not a full histogram per department and outcome.
          .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
              Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
          .register(meters));
    }
  }

  private Registration callOnce(String department, DepartmentCapability capability, String idempotencyKey,
      Map<String, ?> body) {
    String what = properties.name(department) + "（" + department + "）" + capability.label();
    RestClient client = client(department, what);
    try {
      return client.post()
          .uri("/{capability}", capability.path())
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(IDEMPOTENCY_KEY, idempotencyKey)
          .headers(h -> h.setBearerAuth(properties.system(department).map(DepartmentProperties.DepartmentSystem::token).orElse("")))
          .body(body)
          .exchange((request, response) -> answer(department, what, response.getStatusCode(),
              new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
    } catch (ResourceAccessException e) {
      throw new DepartmentUnavailableException(department, what + "调用失败：" + describe(e, department), e);
    }
  }

  private Registration answer(String department, String what, HttpStatusCode status, String text) {
    if (status.is2xxSuccessful()) {
      JsonNode node = parse(text);
      String reference = node == null ? null : node.path("referenceNumber").asText(null);
      if (reference == null || reference.isBlank()) {
        throw new DepartmentUnavailableException(department,
            what + "调用失败：应答中没有登记编号（HTTP " + status.value() + "）", null);
      }
      return new Registration(department, reference, node.path("replayed").asBoolean(false));
    }
    JsonNode node = parse(text);
    String message = node == null ? null : firstText(node, "message", "detail", "title");
    if (status.value() == REFUSED) {
      String code = node == null ? null : node.path("code").asText(null);
      throw new DepartmentRefusedException(department, properties.name(department), code,
          message == null ? "未说明理由" : clip(message));
    }
    throw new DepartmentUnavailableException(department, what + "调用失败：HTTP " + status.value()
        + (message == null ? "" : "，" + clip(message)), null);
  }

  private RestClient client(String department, String what) {
    DepartmentProperties.DepartmentSystem system = properties.system(department).orElse(null);
    if (system == null || system.baseUrl() == null || system.baseUrl().isBlank()) {
      throw new DepartmentUnavailableException(department,
          what + "调用失败：未配置系统地址（onewindow.departments.systems." + department + ".base-url）", null);
    }
    if (system.token() == null || system.token().isBlank()) {
      throw new DepartmentUnavailableException(department,
          what + "调用失败：未配置访问令牌（onewindow.departments.systems." + department + ".token）", null);
    }
    String baseUrl = baseUrl(department, system.baseUrl().strip(), what);
    // Keyed by the resolved URL too, so a relative URL follows the server's actual port.
    return clients.computeIfAbsent(department + " " + baseUrl, k -> build(department, baseUrl));
  }

  private String baseUrl(String department, String configured, String what) {
    if (!configured.startsWith("/")) {
      return configured;
    }
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      throw new DepartmentUnavailableException(department,
          what + "调用失败：相对地址 " + configured + " 需要本机 Web 服务，但本进程没有 Web 服务", null);
    }
    return "http://127.0.0.1:" + port + configured;
  }

  private RestClient build(String department, String baseUrl) {
    Duration connectTimeout = properties.connectTimeout(department);
    Duration readTimeout = properties.readTimeout(department);
    HttpComponentsClientHttpRequestFactory factory = http.requestFactory(connectTimeout, readTimeout);
    log.info("Department {} at {} (connect timeout {}, read timeout {})", department, baseUrl, connectTimeout, readTimeout);
    return builder.clone().baseUrl(baseUrl).requestFactory(factory).build();
  }

  private String describe(ResourceAccessException e, String department) {
    Throwable cause = e.getCause();
    if (cause instanceof ConnectTimeoutException) {
      return "连接超时（" + properties.connectTimeout(department).toMillis() + " ms）";
    }
    if (cause instanceof SocketTimeoutException) {
      return "应答超时（" + properties.readTimeout(department).toMillis() + " ms）";
    }
    if (cause instanceof ConnectException) {
      return "无法连接（" + cause.getClass().getSimpleName() + "）";
    }
    return cause instanceof IOException io ? "通信错误（" + io.getClass().getSimpleName()
        + (io.getMessage() == null ? "" : "：" + clip(io.getMessage())) + "）" : clip(e.getMessage());
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = node.path(f).asText(null);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String clip(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "…" : oneLine;
  }
}
