package org.onewindow.engine;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long finished cases stay in history, in days: a default and an override per process or
 * decision key ({@code onewindow.history.time-to-live.commitment-item=7300}). Government records
 * are kept for years; the value in a model is only the designer's default.
 */
@ConfigurationProperties("onewindow.history")
public record HistoryProperties(Integer defaultTimeToLive, Map<String, Integer> timeToLive) {

  public HistoryProperties {
    defaultTimeToLive = defaultTimeToLive == null ? 3650 : defaultTimeToLive;
    timeToLive = timeToLive == null ? Map.of() : Map.copyOf(timeToLive);
  }

  public int daysFor(String key) {
    return timeToLive.getOrDefault(key, defaultTimeToLive);
  }
}
