package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CalendarHealthIndicatorTest {

  @TempDir Path folder;

  private Health healthAt(String instant) throws IOException {
    WorkingDayCalendar calendar = new WorkingDayCalendar();
    Clock clock = Clock.fixed(Instant.parse(instant), ZoneId.of("Asia/Shanghai"));
    HolidayScheduleLoader loader = new HolidayScheduleLoader(calendar, folder, event -> {}, clock);
    loader.afterPropertiesSet();
    return new CalendarHealthIndicator(calendar, loader).health();
  }

  @Test
  void upWhenTheCurrentAndNextYearAreLoaded() throws IOException {
    Health health = healthAt("2025-03-01T00:00:00Z");

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("loadedYears", Set.of(2025, 2026))
        .containsEntry("missingYears", Set.of());
  }

  @Test
  void incompleteWhenTheNextYearIsMissing() throws IOException {
    Health health = healthAt("2026-11-27T00:00:00Z");

    assertThat(health.getStatus()).isEqualTo(CalendarHealthIndicator.INCOMPLETE);
    assertThat(health.getStatus().getCode()).isEqualTo("INCOMPLETE");
    assertThat(health.getDetails())
        .containsEntry("requiredYears", Set.of(2026, 2027))
        .containsEntry("loadedYears", Set.of(2025, 2026))
        .containsEntry("missingYears", Set.of(2027));
  }
}
