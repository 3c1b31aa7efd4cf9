package org.onewindow.calendar.clock;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code onewindow.clock}.
 *
 * @param warningWorkingDays how many working days before the deadline the warning (预警) fires; 0
 *     fires it together with the overdue
 */
@ConfigurationProperties("onewindow.clock")
public record ClockProperties(@DefaultValue("1") int warningWorkingDays) {

  public ClockProperties {
    if (warningWorkingDays < 0 || warningWorkingDays > 60) {
      throw new IllegalArgumentException(
          "onewindow.clock.warning-working-days must be between 0 and 60: " + warningWorkingDays);
    }
  }
}
