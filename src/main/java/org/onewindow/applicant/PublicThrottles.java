package org.onewindow.applicant;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The online hall's two throttles: wrong query codes, and online applications, per client address. */
@Component
public class PublicThrottles {
  private final ClientThrottle wrongCodes;
  private final ClientThrottle applications;

  public PublicThrottles(PublicProperties properties, Clock clock) {
    this.wrongCodes = new ClientThrottle(properties.maxWrongCodes(), properties.wrongCodeWindow(),
        properties.blockFor(), properties.maxTrackedClients(), clock);
    this.applications = new ClientThrottle(properties.maxApplications(), properties.applicationWindow(),
        properties.applicationWindow(), properties.maxTrackedClients(), clock);
  }

  /** Refuses a client that has guessed too many codes (429). */
  public void checkCodes(String client) {
    wrongCodes.blocked(client).ifPresent(wait -> {
      throw new TooManyRequestsException("查询码错误次数过多，请稍后再试", wait);
    });
  }

  public void wrongCode(String client) {
    wrongCodes.record(client);
  }

  /** Refuses a client that has applied too often (429). */
  public void checkApplications(String client) {
    applications.blocked(client).ifPresent(wait -> {
      throw new TooManyRequestsException("提交申请过于频繁，请稍后再试", wait);
    });
  }

  public void applied(String client) {
    applications.record(client);
  }

  /** Forgets every client (tests, or an administrator after a false alarm). */
  public void reset() {
    wrongCodes.reset();
    applications.reset();
  }

  static Duration atLeastOneSecond(Duration d) {
    return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
  }
}
