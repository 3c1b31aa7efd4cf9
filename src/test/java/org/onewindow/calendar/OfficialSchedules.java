package org.onewindow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The schedules shipped in src/main/resources/calendar, read the way the loader reads them. */
public final class OfficialSchedules {

  private OfficialSchedules() {}

  public static HolidaySchedule read(int year) {
    String name = "calendar/" + year + ".yaml";
    try (InputStream in = OfficialSchedules.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return HolidayScheduleFormat.parseYaml(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), name, year);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A calendar holding the shipped 2025 and 2026 schedules and nothing else. */
  public static WorkingDayCalendar calendar() {
    WorkingDayCalendar calendar = new WorkingDayCalendar();
    calendar.replaceAll(List.of(read(2025), read(2026)));
    return calendar;
  }
}
