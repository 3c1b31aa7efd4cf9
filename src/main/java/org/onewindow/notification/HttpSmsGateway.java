package org.onewindow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.onewindow.web.OutboundHttp;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The SMS gateway over HTTP with Spring's {@link RestClient}: {@code POST {base-url}/messages} with
 * {@code {"mobile", "text", "reference"}}, a bearer token and an {@value #IDEMPOTENCY_KEY} header;
 * connect and read timeouts from {@link SmsProperties}.
 *
 * <p>Answers: 2xx with {@code {"messageId"}} is sent; 400, 404 and 422 are the gateway refusing this
 * message (a permanent failure); anything else, a timeout or a refused connection is worth another
 * attempt later.
 */
@Component
public class HttpSmsGateway implements SmsGateway {
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final int MAX_DETAIL = 200;

  private final SmsProperties properties;
  private final Environment environment;
  private final ObjectMapper json;
  private final RestClient.Builder builder;
  private volatile RestClient client;
  /** The clients' connection pools, closed with the application. */
  private final OutboundHttp http = new OutboundHttp();
  private volatile String clientBaseUrl;

  public HttpSmsGateway(SmsProperties properties, Environment environment, ObjectMapper json,
      RestClient.Builder builder) {
    this.properties = properties;
    this.environment = environment;
    this.json = json;
    this.builder = builder;
  }

  @Override
  public String send(SmsMessage message) {
    RestClient rest = client();
    try {
      return rest.post()
          .uri("/messages")
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(IDEMPOTENCY_KEY, message.idempotencyKey())
          .headers(h -> {
            if (properties.token() != null && !properties.token().isBlank()) {
              h.setBearerAuth(properties.token());
            }
          })
          .body(Map.of("mobile", message.mobile(), "text", message.text(),
              "reference", message.reference() == null ? "" : message.reference()))
          .exchange((request, response) -> answer(response.getStatusCode(),
              new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
    } catch (ResourceAccessException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SmsSendException(false, "短信网关无法连接或超时：" + cause.getClass().getSimpleName(), e);
    }
  }

  private String answer(HttpStatusCode status, String body) {
    JsonNode node = parse(body);
    if (status.is2xxSuccessful()) {
      String id = node == null ? null : node.path("messageId").asText(null);
      if (id == null || id.isBlank()) {
        throw new SmsSendException(false, "短信网关应答中没有消息编号（HTTP " + status.value() + "）");
      }
      return clip(id, 64);
    }
    String detail = node == null ? null : first(node, "message", "detail", "title");
    String message = "短信网关拒绝：HTTP " + status.value() + (detail == null ? "" : "，" + clip(detail, MAX_DETAIL));
    int code = status.value();
    throw new SmsSendException(code == 400 || code == 404 || code == 422, message);
  }

  @PreDestroy
  public void close() {
    http.close();
  }

  private RestClient client() {
    String baseUrl = baseUrl();
    RestClient current = client;
    if (current != null && baseUrl.equals(clientBaseUrl)) {
      return current;
    }
    synchronized (this) {
      if (client == null || !baseUrl.equals(clientBaseUrl)) {
        // A client for an earlier address may still be in a call: its connections close with the application.
        client = builder.clone().baseUrl(baseUrl)
            .requestFactory(http.requestFactory(properties.connectTimeout(), properties.readTimeout())).build();
        clientBaseUrl = baseUrl;
      }
      return client;
    }
  }

  /** The configured URL; one starting with {@code /} is on this server's own port. */
  private String baseUrl() {
    String configured = properties.baseUrl() == null ? "" : properties.baseUrl().strip();
    if (configured.isEmpty()) {
      throw new SmsSendException(false, "未配置短信网关地址（onewindow.sms.base-url）");
    }
    if (!configured.startsWith("/")) {
      return configured;
    }
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      throw new SmsSendException(false, "短信网关在本服务器上，但服务器尚未启动完成");
    }
    return "http://localhost:" + port + configured;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String first(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = node.path(f).asText(null);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "…" : s;
  }
}
