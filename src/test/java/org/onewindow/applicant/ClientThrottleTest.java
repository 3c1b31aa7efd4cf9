package org.onewindow.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientThrottleTest {

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-03-02T02:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final MovableClock clock = new MovableClock();
  private final ClientThrottle throttle =
      new ClientThrottle(5, Duration.ofMinutes(10), Duration.ofMinutes(10), 100, clock);

  @Test
  void theFifthEventWithinTheWindowBlocksForTheBlockTime() {
    for (int i = 0; i < 4; i++) {
      assertThat(throttle.record("10.0.0.1")).isFalse();
      assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    }
    assertThat(throttle.record("10.0.0.1")).isTrue();
    assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofMinutes(10));
    assertThat(throttle.blocked("10.0.0.2")).as("other clients go on").isEmpty();

    clock.advance(Duration.ofMinutes(9));
    assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.blocked("10.0.0.1")).isEmpty();
    assertThat(throttle.record("10.0.0.1")).as("the count started again").isFalse();
  }

  @Test
  void eventsOlderThanTheWindowAreForgotten() {
    for (int i = 0; i < 4; i++) {
      throttle.record("10.0.0.1");
      clock.advance(Duration.ofMinutes(3));
    }
    // Events at 0, 3, 6, 9 minutes; now 12: the one at 0 is out of the window.
    assertThat(throttle.record("10.0.0.1")).isFalse();
    assertThat(throttle.record("10.0.0.1")).isTrue();
  }

  @Test
  void memoryIsBoundedWhateverTheNumberOfClients() {
    for (int i = 0; i < 10_000; i++) {
      throttle.record("10.1." + (i / 256) + "." + (i % 256));
    }
    assertThat(throttle.trackedClients()).isEqualTo(100);
    throttle.reset();
    assertThat(throttle.trackedClients()).isZero();
  }
}
