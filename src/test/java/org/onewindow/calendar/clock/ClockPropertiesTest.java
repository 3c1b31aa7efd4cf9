package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ClockPropertiesTest {

  private static ClockProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("onewindow.clock", ClockProperties.class);
  }

  @Test
  void theWarningFiresOneWorkingDayBeforeTheDeadlineUnlessConfigured() {
    assertThat(bind(Map.of()).warningWorkingDays()).isEqualTo(1);
    assertThat(bind(Map.of("onewindow.clock.warning-working-days", "3")).warningWorkingDays()).isEqualTo(3);
    assertThatThrownBy(() -> bind(Map.of("onewindow.clock.warning-working-days", "-1")))
        .hasRootCauseMessage("onewindow.clock.warning-working-days must be between 0 and 60: -1");
  }
}
