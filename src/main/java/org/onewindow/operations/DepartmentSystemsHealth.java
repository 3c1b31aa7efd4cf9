package org.onewindow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.onewindow.department.DepartmentProperties;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code departments}, one child per department system: its base URL is pinged
 * (any HTTP answer means reachable) in the background every
 * {@code onewindow.operations.department-ping-cache-for} with a short timeout, all at once, and the
 * health endpoint reads the last answer, so a slow department never slows the health check.
 *
 * <p>An unreachable department is {@link #UNREACHABLE}, not DOWN: OneWindow keeps serving and
 * retries the department's jobs, so the node must stay in the load balancer. The gauge
 * {@code onewindow_department_up{department}} (1 or 0) is what the alert rules watch.
 */
@Component("departments")
public class DepartmentSystemsHealth implements CompositeHealthContributor {
  public static final Status UNREACHABLE = new Status("UNREACHABLE", "The department's system does not answer");
  public static final Status NOT_CONFIGURED = new Status("NOT_CONFIGURED", "No base URL or token configured");

  private record Ping(Status status, String url, String detail, Instant at) {}

  private final DepartmentProperties departments;
  private final OperationsProperties properties;
  private final Environment environment;
  private final HttpClient http;
  private final Map<String, Ping> pings = new ConcurrentHashMap<>();
  private final Map<String, HealthContributor> children = new LinkedHashMap<>();

  public DepartmentSystemsHealth(DepartmentProperties departments, OperationsProperties properties,
      Environment environment, MeterRegistry meters) {
    this.departments = departments;
    this.properties = properties;
    this.environment = environment;
    this.http = HttpClient.newBuilder().connectTimeout(properties.departmentPingTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    for (String code : departments.systems().keySet()) {
      children.put(code, (HealthIndicator) () -> health(code));
      Gauge.builder("onewindow.department.up", pings, p -> p.containsKey(code) && Status.UP.equals(p.get(code).status()) ? 1 : 0)
          .description("1 when the department's system answered the last ping").tag("department", code)
          .register(meters);
    }
  }

  private Health health(String code) {
    Ping ping = pings.get(code);
    if (ping == null) {
      return Health.unknown().withDetail("name", departments.name(code)).withDetail("detail", "not pinged yet").build();
    }
    Health.Builder h = Health.status(ping.status()).withDetail("name", departments.name(code))
        .withDetail("pingedAt", ping.at().toString());
    if (ping.url() != null) {
      h.withDetail("url", ping.url());
    }
    if (ping.detail() != null) {
      h.withDetail("detail", ping.detail());
    }
    return h.build();
  }

  @Scheduled(initialDelayString = "${onewindow.operations.department-ping-initial-delay:10s}",
      fixedDelayString = "${onewindow.operations.department-ping-cache-for:30s}")
  public void pingAll() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    departments.systems().forEach((code, system) -> {
      String url = resolve(system.baseUrl());
      if (url == null || system.token() == null || system.token().isBlank()) {
        pings.put(code, new Ping(NOT_CONFIGURED, null, "onewindow.departments.systems." + code
            + ".base-url/.token", Instant.now()));
        return;
      }
      HttpRequest request;
      try {
        request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.departmentPingTimeout()).GET().build();
      } catch (IllegalArgumentException e) {
        pings.put(code, new Ping(NOT_CONFIGURED, url, "invalid URL", Instant.now()));
        return;
      }
      all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .handle((response, error) -> {
            pings.put(code, error == null
                ? new Ping(Status.UP, url, "HTTP " + response.statusCode(), Instant.now())
                : new Ping(UNREACHABLE, url, rootCause(error), Instant.now()));
            return null;
          }));
    });
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  private String resolve(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return null;
    }
    String url = baseUrl.strip();
    if (url.startsWith("/")) {
      String port = environment.getProperty("local.server.port");
      return port == null ? null : "http://127.0.0.1:" + port + url;
    }
    return url;
  }

  private static String rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  @Override
  public HealthContributor getContributor(String name) {
    return children.get(name);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return children.entrySet().stream().map(e -> NamedContributor.of(e.getKey(), e.getValue())).iterator();
  }
}
