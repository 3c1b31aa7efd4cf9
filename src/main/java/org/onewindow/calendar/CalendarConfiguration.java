package org.onewindow.calendar;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the working-day calendar, its loader (with the folder poll) and its health indicator. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CalendarProperties.class)
public class CalendarConfiguration {

  /**
   * The clock "now" is read from; tests and other modules may supply their own. Note: in a regular
   * configuration class this condition only sees Clock beans registered before this one.
   */
  @Bean
  @ConditionalOnMissingBean(Clock.class)
  public Clock clock(CalendarProperties properties) {
    return Clock.system(properties.zone());
  }

  /**
   * The loader owns the calendar and fills it in its init callback, so that every bean receiving
   * {@link WorkingDayCalendar} gets it already loaded.
   */
  @Bean
  public HolidayScheduleLoader holidayScheduleLoader(
      CalendarProperties properties, ApplicationEventPublisher publisher, Clock clock) {
    WorkingDayCalendar calendar =
        new WorkingDayCalendar(properties.officeClosingTime(), properties.zone());
    return new HolidayScheduleLoader(calendar, properties.folder(), publisher, clock);
  }

  @Bean
  public WorkingDayCalendar workingDayCalendar(HolidayScheduleLoader holidayScheduleLoader) {
    return holidayScheduleLoader.calendar();
  }

  /** Bean name makes the health contributor's name {@code calendar}. */
  @Bean
  public CalendarHealthIndicator calendarHealthIndicator(
      WorkingDayCalendar workingDayCalendar, HolidayScheduleLoader holidayScheduleLoader) {
    return new CalendarHealthIndicator(workingDayCalendar, holidayScheduleLoader);
  }
}
