package org.onewindow.calendar;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationEvent;

/**
 * Published after the loaded holiday schedules changed at runtime (a file was added, changed or
 * removed, or a year was stored through the admin API). Deadlines that run through one of {@link
 * #years()} may have moved and must be recomputed.
 *
 * <p>Not published for the initial load at start-up: components read the calendar when they start.
 * Published synchronously on the thread that reloaded (the poller or the admin request).
 */
public class CalendarChangedEvent extends ApplicationEvent {

  private final Set<Integer> years;
  private final Set<Integer> loadedYears;

  /**
   * @param years the years whose schedule was added, changed or removed
   * @param loadedYears all years that have a schedule after the change
   */
  public CalendarChangedEvent(Object source, Set<Integer> years, Set<Integer> loadedYears) {
    super(source);
    this.years = Set.copyOf(years);
    this.loadedYears = Set.copyOf(loadedYears);
  }

  /** The years whose schedule was added, changed or removed. */
  public Set<Integer> years() {
    return years;
  }

  /** All years that have a schedule after the change. */
  public Set<Integer> loadedYears() {
    return loadedYears;
  }

  @Override
  public String toString() {
    return "CalendarChangedEvent[years="
        + new TreeSet<>(years)
        + ", loadedYears="
        + new TreeSet<>(loadedYears)
        + "]";
  }
}
