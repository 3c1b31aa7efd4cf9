package org.onewindow.calendar.clock;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The late departments a case recorded over its firings of one kind (warning or overdue), as
 * kept in ow_case_clock.warning_departments / overdue_departments: department codes joined by
 * ",", each once, in the order they first fired.
 */
public final class LateDepartments {
  private LateDepartments() {}

  /** {@code recorded} (null: nothing yet) with the departments of one more firing added. */
  public static String union(String recorded, String firing) {
    Set<String> all = new LinkedHashSet<>();
    for (String joined : new String[] {recorded, firing}) {
      if (joined != null) {
        Arrays.stream(joined.split(",")).map(String::trim).filter(d -> !d.isEmpty()).forEach(all::add);
      }
    }
    return String.join(",", all);
  }
}
