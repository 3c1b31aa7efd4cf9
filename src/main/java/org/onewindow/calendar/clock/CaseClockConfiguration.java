package org.onewindow.calendar.clock;

import org.onewindow.calendar.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock's rules: the shared working-day calendar and the configured warning margin. */
@Configuration(proxyBeanMethods = false)
public class CaseClockConfiguration {

  @Bean
  public CaseClockRules caseClockRules(WorkingDayCalendar calendar, ClockProperties properties) {
    return new CaseClockRules(calendar, properties.warningWorkingDays());
  }
}
