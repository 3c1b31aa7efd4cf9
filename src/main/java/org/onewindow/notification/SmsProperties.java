package org.onewindow.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS gateway and the notice sender ({@code onewindow.sms}).
 *
 * @param baseUrl the gateway's API; a value starting with {@code /} is on this server (the demo
 *     profile's simulated gateway under {@code /simulator/sms}). Without it every send fails and is
 *     retried, so notices wait in the outbox until it is configured.
 * @param token bearer token sent to the gateway
 * @param pollInterval how often the sender looks for due notices
 * @param batchSize notices sent per round at most
 * @param maxAttempts attempts before a notice is marked FAILED
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param simulator the simulated gateway's own tokens (demo profile only)
 */
@ConfigurationProperties("onewindow.sms")
public record SmsProperties(
    String baseUrl,
    String token,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("5s") Duration readTimeout,
    @DefaultValue("2s") Duration pollInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("30s") Duration initialBackoff,
    @DefaultValue("1h") Duration maxBackoff,
    @DefaultValue Simulator simulator) {

  public SmsProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("onewindow.sms.batch-size and max-attempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("onewindow.sms.max-backoff must not be shorter than initial-backoff");
    }
  }

  /** @param token what the simulated gateway expects from senders; @param adminToken for its admin endpoints */
  public record Simulator(String token, String adminToken) {}

  /** The wait after {@code attempt} failed attempts: initial × 2^(attempt-1), at most max. */
  public Duration backoff(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
