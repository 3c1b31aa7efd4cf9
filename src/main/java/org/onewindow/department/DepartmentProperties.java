package org.onewindow.department;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How OneWindow reaches each department's system ({@code onewindow.departments}): defaults for
 * timeouts and the job retry cycle, and per department code the base URL, the access token and
 * optional overrides. A base URL that starts with {@code /} is on this server (the demo profile's
 * simulator under {@code /simulator/{department}}); production gives absolute URLs.
 *
 * <pre>
 * onewindow.departments:
 *   connect-timeout: 2s
 *   read-timeout: 10s
 *   retry-cycle: R5/PT5M
 *   systems:
 *     tax: { name: 税务局, base-url: https://tax.example/api, token: ..., read-timeout: 20s }
 * </pre>
 */
@ConfigurationProperties("onewindow.departments")
public record DepartmentProperties(
    Duration connectTimeout,
    Duration readTimeout,
    String retryCycle,
    Map<String, DepartmentSystem> systems) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final String DEFAULT_RETRY_CYCLE = "R5/PT5M";

  public DepartmentProperties {
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    retryCycle = retryCycle == null || retryCycle.isBlank() ? DEFAULT_RETRY_CYCLE : retryCycle.strip();
    systems = systems == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(systems));
  }

  /** One department's system. Blank values fall back to the defaults above. */
  public record DepartmentSystem(
      String name,
      String baseUrl,
      String token,
      Duration connectTimeout,
      Duration readTimeout,
      String retryCycle) {}

  public Optional<DepartmentSystem> system(String department) {
    return Optional.ofNullable(department == null ? null : systems.get(department));
  }

  public Duration connectTimeout(String department) {
    return system(department).map(DepartmentSystem::connectTimeout).orElse(connectTimeout);
  }

  public Duration readTimeout(String department) {
    return system(department).map(DepartmentSystem::readTimeout).orElse(readTimeout);
  }

  /** The ISO 8601 retry cycle (e.g. {@code R5/PT5M}) for jobs that call this department. */
  public String retryCycle(String department) {
    return system(department).map(DepartmentSystem::retryCycle).filter(s -> !s.isBlank()).orElse(retryCycle);
  }

  /** The department's name for clerks and incidents, e.g. 税务局. */
  public String name(String department) {
    return system(department).map(DepartmentSystem::name).filter(s -> !s.isBlank()).orElse(department);
  }
}
