package org.onewindow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

class CalendarConfigurationTest {

  @TempDir Path folder;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(CalendarProperties.class)
  static class PropertiesOnly {}

  @Configuration(proxyBeanMethods = false)
  static class FixedClock {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Bean
    Clock testClock() {
      return CLOCK;
    }
  }

  @Test
  void defaults() {
    new ApplicationContextRunner()
        .withUserConfiguration(PropertiesOnly.class)
        .run(
            context -> {
              CalendarProperties properties = context.getBean(CalendarProperties.class);
              assertThat(properties.folder().normalize()).isEqualTo(Path.of("data/calendar"));
              assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(60));
              assertThat(properties.officeClosingTime()).isEqualTo(LocalTime.of(18, 0));
              assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            });
  }

  @Test
  void wiresTheCalendarFromTheProperties() {
    new ApplicationContextRunner()
        .withUserConfiguration(CalendarConfiguration.class)
        .withPropertyValues(
            "onewindow.calendar.folder=" + folder,
            "onewindow.calendar.poll-interval=5m",
            "onewindow.calendar.office-closing-time=17:30",
            "onewindow.calendar.zone=Asia/Urumqi")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);
              assertThat(calendar.loadedYears()).containsExactly(2025, 2026);
              assertThat(calendar.officeClosingTime()).isEqualTo(LocalTime.of(17, 30));
              assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
              assertThat(context.getBean(HolidayScheduleLoader.class).folder()).isEqualTo(folder);
              assertThat(context.getBean(Clock.class).getZone())
                  .isEqualTo(ZoneId.of("Asia/Urumqi"));
              assertThat(context).hasBean("calendarHealthIndicator");

              // The folder poll is scheduled with the configured delay.
              assertThat(
                      context.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                          .flatMap(holder -> holder.getScheduledTasks().stream())
                          .map(scheduled -> scheduled.getTask())
                          .filter(FixedDelayTask.class::isInstance)
                          .map(task -> ((FixedDelayTask) task).getIntervalDuration()))
                  .contains(Duration.ofMinutes(5));
            });
  }

  @Test
  void anExistingClockIsUsed() {
    new ApplicationContextRunner()
        .withUserConfiguration(FixedClock.class, CalendarConfiguration.class)
        .withPropertyValues("onewindow.calendar.folder=" + folder)
        .run(
            context -> {
              assertThat(context).hasSingleBean(Clock.class);
              assertThat(context.getBean(Clock.class)).isSameAs(FixedClock.CLOCK);
              assertThat(context.getBean(HolidayScheduleLoader.class).requiredYears())
                  .containsExactly(2030, 2031);
            });
  }
}
