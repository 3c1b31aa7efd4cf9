package org.onewindow.supervision;

import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Working-day moments for the Tasklist filters' stored queries, as {@code ${workingDays.…()}}.
 * "Now" is the engine's clock, so tests that move it see the filters move too.
 */
@Component("workingDays")
public class WorkingDayExpressions {
  private final WorkingDayCalendar calendar;

  public WorkingDayExpressions(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  /** Office closing time of the next working day after today: "due within one working day". */
  public Date endOfNextWorkingDay() {
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(calendar.zone()).toLocalDate();
    return Date.from(calendar.addWorkingDays(today, 1).atTime(calendar.officeClosingTime())
        .atZone(calendar.zone()).toInstant());
  }
}
