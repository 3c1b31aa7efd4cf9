package org.onewindow.rating;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service ratings ({@code onewindow.rating}).
 *
 * @param followUpWorkingDays working days a bad rating's follow-up may take (the due date of the
 *     supervisors' task and the measure of "followed up in time")
 */
@ConfigurationProperties("onewindow.rating")
public record RatingProperties(@DefaultValue("15") int followUpWorkingDays) {
  public RatingProperties {
    if (followUpWorkingDays < 1) {
      throw new IllegalArgumentException("onewindow.rating.follow-up-working-days must be at least 1");
    }
  }
}
