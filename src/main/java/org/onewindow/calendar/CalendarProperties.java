package org.onewindow.calendar;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code onewindow.calendar}.
 *
 * @param folder where additional or corrected {@code *.yaml} schedules live; they override the ones
 *     shipped on the classpath and the admin API writes here
 * @param pollInterval how often the folder is re-read
 * @param officeClosingTime the time of day a deadline expires
 * @param zone the county's time zone
 */
@ConfigurationProperties("onewindow.calendar")
public record CalendarProperties(
    @DefaultValue("./data/calendar") Path folder,
    @DefaultValue("60s") Duration pollInterval,
    @DefaultValue("18:00") LocalTime officeClosingTime,
    @DefaultValue("Asia/Shanghai") ZoneId zone) {

  public CalendarProperties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(
          "onewindow.calendar.poll-interval must be positive: " + pollInterval);
    }
  }
}
