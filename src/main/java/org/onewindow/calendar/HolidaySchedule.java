package org.onewindow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The State Council's holiday arrangement for one calendar year: the days off and the weekend days
 * that are worked instead (调休上班).
 *
 * <p>A weekday is a working day unless a holiday covers it; a Saturday or Sunday is not, unless it
 * is a make-up working day. Every instance is valid: the constructor rejects dates outside {@code
 * year}, overlapping holidays, make-up days on weekdays and make-up days inside a holiday, with a
 * message naming the offending date.
 */
public record HolidaySchedule(
    int year, String source, List<Holiday> holidays, List<MakeUpDay> makeUpWorkingDays) {

  /** Days off, {@code from} to {@code to} inclusive; weekend days inside the range count too. */
  public record Holiday(String name, LocalDate from, LocalDate to) {

    public Holiday {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("holiday starting " + from + " has no name");
      }
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (to.isBefore(from)) {
        throw new IllegalArgumentException(
            "holiday " + name + " ends " + to + " before it starts " + from);
      }
      name = name.strip();
    }

    public static Holiday of(String name, LocalDate day) {
      return new Holiday(name, day, day);
    }

    public boolean contains(LocalDate date) {
      return !date.isBefore(from) && !date.isAfter(to);
    }

    public int days() {
      return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public Stream<LocalDate> dates() {
      return from.datesUntil(to.plusDays(1));
    }
  }

  /**
   * A Saturday or Sunday that is a working day. {@code holiday} names the holiday it pays back; it
   * is informational and may be null.
   */
  public record MakeUpDay(LocalDate date, String holiday) {

    public MakeUpDay {
      Objects.requireNonNull(date, "date");
      if (holiday != null) {
        holiday = holiday.isBlank() ? null : holiday.strip();
      }
    }
  }

  public HolidaySchedule {
    if (year < WorkingDayCalendar.MIN_YEAR || year > WorkingDayCalendar.MAX_YEAR) {
      throw new IllegalArgumentException(
          "year "
              + year
              + " is outside the supported range "
              + WorkingDayCalendar.MIN_YEAR
              + ".."
              + WorkingDayCalendar.MAX_YEAR);
    }
    source = source == null || source.isBlank() ? null : source.strip();
    holidays = sortedCopy(holidays, Comparator.comparing(Holiday::from), "holidays");
    makeUpWorkingDays =
        sortedCopy(makeUpWorkingDays, Comparator.comparing(MakeUpDay::date), "makeUpWorkingDays");
    validate(year, holidays, makeUpWorkingDays);
  }

  private static <T> List<T> sortedCopy(List<T> list, Comparator<T> order, String what) {
    Objects.requireNonNull(list, what);
    List<T> copy = new ArrayList<>(list);
    if (copy.contains(null)) {
      throw new IllegalArgumentException(what + " contains an empty entry");
    }
    copy.sort(order);
    return List.copyOf(copy);
  }

  private static void validate(int year, List<Holiday> holidays, List<MakeUpDay> makeUpDays) {
    Set<String> names = new HashSet<>();
    Holiday previous = null;
    for (Holiday holiday : holidays) {
      requireInYear(year, holiday.from(), "holiday " + holiday.name());
      requireInYear(year, holiday.to(), "holiday " + holiday.name());
      if (previous != null && !holiday.from().isAfter(previous.to())) {
        throw new IllegalArgumentException(
            "holiday "
                + holiday.name()
                + " starting "
                + holiday.from()
                + " overlaps holiday "
                + previous.name()
                + " ending "
                + previous.to());
      }
      names.add(holiday.name());
      previous = holiday;
    }
    LocalDate previousMakeUp = null;
    for (MakeUpDay day : makeUpDays) {
      LocalDate date = day.date();
      requireInYear(year, date, "make-up working day");
      if (date.equals(previousMakeUp)) {
        throw new IllegalArgumentException("make-up working day " + date + " is listed twice");
      }
      DayOfWeek dayOfWeek = date.getDayOfWeek();
      if (dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY) {
        throw new IllegalArgumentException(
            "make-up working day "
                + date
                + " is a "
                + dayOfWeek
                + "; make-up working days must fall on a Saturday or Sunday");
      }
      for (Holiday holiday : holidays) {
        if (holiday.contains(date)) {
          throw new IllegalArgumentException(
              "make-up working day "
                  + date
                  + " falls inside holiday "
                  + holiday.name()
                  + " ("
                  + holiday.from()
                  + ".."
                  + holiday.to()
                  + ")");
        }
      }
      if (day.holiday() != null && !names.contains(day.holiday())) {
        throw new IllegalArgumentException(
            "make-up working day "
                + date
                + " refers to holiday "
                + day.holiday()
                + ", which is not listed in "
                + year);
      }
      previousMakeUp = date;
    }
  }

  private static void requireInYear(int year, LocalDate date, String what) {
    if (date.getYear() != year) {
      throw new IllegalArgumentException(what + " date " + date + " is not in year " + year);
    }
  }
}
