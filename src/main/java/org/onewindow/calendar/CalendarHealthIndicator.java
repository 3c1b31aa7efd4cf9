package org.onewindow.calendar;

import java.util.Set;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health contributor {@code calendar}: UP when the current and the next year have a holiday
 * schedule, otherwise {@link #INCOMPLETE}, with the loaded and missing years in the details.
 *
 * <p>INCOMPLETE is deliberately not DOWN: the system still works, with weekends-only counting for
 * the missing year. Spring Boot leaves statuses it does not know out of the aggregate (and answers
 * HTTP 200) unless {@code management.endpoint.health.status.order} lists them, so operators decide
 * whether it should turn the overall status.
 */
public class CalendarHealthIndicator implements HealthIndicator {

  public static final Status INCOMPLETE =
      new Status(
          "INCOMPLETE",
          "No holiday schedule for the current or next year; working days there are counted"
              + " as Monday to Friday only");

  private final WorkingDayCalendar calendar;
  private final HolidayScheduleLoader loader;

  public CalendarHealthIndicator(WorkingDayCalendar calendar, HolidayScheduleLoader loader) {
    this.calendar = calendar;
    this.loader = loader;
  }

  @Override
  public Health health() {
    Set<Integer> missing = loader.missingRequiredYears();
    Health.Builder health = missing.isEmpty() ? Health.up() : Health.status(INCOMPLETE);
    health
        .withDetail("requiredYears", loader.requiredYears())
        .withDetail("loadedYears", calendar.loadedYears())
        .withDetail("missingYears", missing);
    if (!loader.problems().isEmpty()) {
      health.withDetail("problems", loader.problems());
    }
    return health.build();
  }
}
