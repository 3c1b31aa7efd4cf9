package org.onewindow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Working-day arithmetic following Art. 82 of the Administrative Licensing Law: Monday to Friday,
 * minus statutory holidays, plus the make-up working days of the State Council's yearly schedule.
 *
 * <p>Counting rule: the day of acceptance is never counted, counting starts on the next working
 * day. {@code addWorkingDays(from, n)} is therefore the n-th working day strictly after {@code
 * from}, whether or not {@code from} itself is a working day (an application accepted on a make-up
 * Saturday or at a weekend service counter follows the same rule). {@code n = 0} returns {@code
 * from} unchanged: a zero limit means "finished on the day of acceptance" (即办件).
 *
 * <p>Years without a loaded schedule fall back to weekends-only counting; every result that went
 * through such a year says so ({@link Deadline#calendarComplete()}, {@link #isComplete(LocalDate,
 * LocalDate)}), so that the caller can recompute when the schedule arrives.
 *
 * <p>Thread safety: each year is precomputed into an immutable table; loaded tables live in an
 * immutable map that is replaced atomically, so readers never lock and always see a consistent
 * set of years. Supported dates are the years {@value #MIN_YEAR} to {@value #MAX_YEAR}; that bound
 * keeps every loop and cache small.
 */
public final class WorkingDayCalendar {

  public static final int MIN_YEAR = 1900;
  public static final int MAX_YEAR = 2200;
  public static final LocalTime DEFAULT_OFFICE_CLOSING_TIME = LocalTime.of(18, 0);
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  private final LocalTime officeClosingTime;
  private final ZoneId zone;
  private final AtomicReference<Map<Integer, YearTable>> loaded = new AtomicReference<>(Map.of());
  // Weekends-only tables are pure functions of the year, so they are cached without invalidation.
  private final AtomicReferenceArray<YearTable> weekendsOnly =
      new AtomicReferenceArray<>(MAX_YEAR - MIN_YEAR + 1);

  public WorkingDayCalendar() {
    this(DEFAULT_OFFICE_CLOSING_TIME, DEFAULT_ZONE);
  }

  public WorkingDayCalendar(LocalTime officeClosingTime, ZoneId zone) {
    this.officeClosingTime = Objects.requireNonNull(officeClosingTime, "officeClosingTime");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  public LocalTime officeClosingTime() {
    return officeClosingTime;
  }

  public ZoneId zone() {
    return zone;
  }

  // ---------------------------------------------------------------- loading

  /**
   * Replaces all loaded schedules at once.
   *
   * @return the years whose schedule was added, changed or removed (empty if nothing changed)
   * @throws IllegalArgumentException if two schedules are for the same year
   */
  public Set<Integer> replaceAll(Collection<HolidaySchedule> schedules) {
    Map<Integer, YearTable> next = new HashMap<>();
    for (HolidaySchedule schedule : schedules) {
      if (next.put(schedule.year(), YearTable.of(schedule)) != null) {
        throw new IllegalArgumentException("two schedules for year " + schedule.year());
      }
    }
    Map<Integer, YearTable> previous = loaded.getAndSet(Map.copyOf(next));
    Set<Integer> changed = new TreeSet<>();
    Set<Integer> years = new HashSet<>(previous.keySet());
    years.addAll(next.keySet());
    for (Integer year : years) {
      YearTable before = previous.get(year);
      YearTable after = next.get(year);
      if (before == null || after == null || !before.schedule.equals(after.schedule)) {
        changed.add(year);
      }
    }
    return Collections.unmodifiableSet(changed);
  }

  /**
   * Loads or replaces the schedule of one year.
   *
   * @return true if the calendar changed
   */
  public boolean load(HolidaySchedule schedule) {
    YearTable table = YearTable.of(schedule);
    Map<Integer, YearTable> previous =
        loaded.getAndUpdate(
            current -> {
              Map<Integer, YearTable> next = new HashMap<>(current);
              next.put(schedule.year(), table);
              return Map.copyOf(next);
            });
    YearTable before = previous.get(schedule.year());
    return before == null || !before.schedule.equals(schedule);
  }

  /** The years that have a schedule, in ascending order. */
  public Set<Integer> loadedYears() {
    return Collections.unmodifiableSet(new TreeSet<>(loaded.get().keySet()));
  }

  /** The schedule of {@code year}, empty if none is loaded. */
  public Optional<HolidaySchedule> schedule(int year) {
    YearTable table = loaded.get().get(year);
    return table == null ? Optional.empty() : Optional.of(table.schedule);
  }

  /** True if a schedule is loaded for {@code year}. */
  public boolean isComplete(int year) {
    return loaded.get().containsKey(year);
  }

  /**
   * True if every year containing a day of the range {@code (fromExclusive, toInclusive]} has a
   * schedule. An empty range touches no year and is complete.
   */
  public boolean isComplete(LocalDate fromExclusive, LocalDate toInclusive) {
    requireOrdered(fromExclusive, toInclusive);
    if (fromExclusive.equals(toInclusive)) {
      return true;
    }
    Map<Integer, YearTable> tables = loaded.get();
    for (int year = fromExclusive.plusDays(1).getYear(); year <= toInclusive.getYear(); year++) {
      if (!tables.containsKey(year)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- arithmetic

  public boolean isWorkingDay(LocalDate date) {
    return table(yearOf(date)).isWorking(date.getDayOfYear() - 1);
  }

  /** Number of working days in {@code year} (weekdays only if the year has no schedule). */
  public int workingDaysInYear(int year) {
    return table(checkYear(year)).total();
  }

  /**
   * The {@code n}-th working day after {@code from}; {@code from} itself is not counted. {@code n
   * = 0} returns {@code from}.
   *
   * @throws IllegalArgumentException if {@code n < 0} or the result would be after {@value
   *     #MAX_YEAR}
   */
  public LocalDate addWorkingDays(LocalDate from, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("working days must not be negative: " + n);
    }
    int year = yearOf(from);
    if (n == 0) {
      return from;
    }
    // Day-of-year index (0-based) of the day after 'from'; may equal the year's length.
    int start = from.getDayOfYear();
    int remaining = n;
    while (true) {
      YearTable table = table(year);
      int available = table.total() - table.cumulative[start];
      if (remaining <= available) {
        return LocalDate.ofYearDay(year, table.indexOfNth(start, remaining) + 1);
      }
      remaining -= available;
      if (year == MAX_YEAR) {
        throw new IllegalArgumentException(
            n + " working days after " + from + " is after the supported range");
      }
      year++;
      start = 0;
    }
  }

  /**
   * Number of working days in {@code (fromExclusive, toInclusive]}: the acceptance day is not
   * counted, the last day is. Inverse of {@link #addWorkingDays}: {@code
   * workingDaysBetween(d, addWorkingDays(d, n)) == n}.
   *
   * @throws IllegalArgumentException if {@code toInclusive} is before {@code fromExclusive}
   */
  public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
    requireOrdered(fromExclusive, toInclusive);
    int firstYear = yearOf(fromExclusive);
    int lastYear = yearOf(toInclusive);
    int count = 0;
    for (int year = firstYear; year <= lastYear; year++) {
      YearTable table = table(year);
      // Exclusive 'from' -> first counted index is its 0-based index + 1 == dayOfYear.
      int start = year == firstYear ? fromExclusive.getDayOfYear() : 0;
      int end = year == lastYear ? toInclusive.getDayOfYear() : table.length();
      count += table.cumulative[end] - table.cumulative[start];
    }
    return count;
  }

  /**
   * The deadline of a limit of {@code n} working days for an application accepted on {@code from}:
   * {@link #addWorkingDays} plus the office closing time of that day and whether every year the
   * counting went through has a schedule.
   */
  public Deadline deadline(LocalDate from, int n) {
    LocalDate date = addWorkingDays(from, n);
    OffsetDateTime at = date.atTime(officeClosingTime).atZone(zone).toOffsetDateTime();
    return new Deadline(from, n, date, at, isComplete(from, date));
  }

  // ---------------------------------------------------------------- internals

  private YearTable table(int year) {
    YearTable table = loaded.get().get(year);
    if (table != null) {
      return table;
    }
    int slot = year - MIN_YEAR;
    table = weekendsOnly.get(slot);
    if (table == null) {
      table = YearTable.weekendsOnly(year);
      weekendsOnly.compareAndSet(slot, null, table);
    }
    return table;
  }

  private static int yearOf(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return checkYear(date.getYear());
  }

  private static int checkYear(int year) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new IllegalArgumentException(
          "year " + year + " is outside the supported range " + MIN_YEAR + ".." + MAX_YEAR);
    }
    return year;
  }

  private static void requireOrdered(LocalDate fromExclusive, LocalDate toInclusive) {
    Objects.requireNonNull(fromExclusive, "fromExclusive");
    Objects.requireNonNull(toInclusive, "toInclusive");
    if (toInclusive.isBefore(fromExclusive)) {
      throw new IllegalArgumentException(toInclusive + " is before " + fromExclusive);
    }
  }

  /**
   * One year precomputed as a rank table: {@code cumulative[i]} is the number of working days
   * among day indexes {@code [0, i)}. It answers "is day i a working day", "how many working days
   * in a range" and "which day is the k-th working day" without scanning the year.
   */
  private static final class YearTable {
    final HolidaySchedule schedule; // null for weekends-only years
    final int[] cumulative;

    private YearTable(HolidaySchedule schedule, int[] cumulative) {
      this.schedule = schedule;
      this.cumulative = cumulative;
    }

    static YearTable of(HolidaySchedule schedule) {
      return build(schedule.year(), schedule);
    }

    static YearTable weekendsOnly(int year) {
      return build(year, null);
    }

    private static YearTable build(int year, HolidaySchedule schedule) {
      LocalDate first = LocalDate.of(year, 1, 1);
      int length = first.lengthOfYear();
      boolean[] working = new boolean[length];
      int dayOfWeek = first.getDayOfWeek().getValue(); // 1 = Monday .. 7 = Sunday
      for (int i = 0; i < length; i++) {
        working[i] = dayOfWeek <= DayOfWeek.FRIDAY.getValue();
        dayOfWeek = dayOfWeek == 7 ? 1 : dayOfWeek + 1;
      }
      if (schedule != null) {
        schedule.holidays().stream()
            .flatMap(HolidaySchedule.Holiday::dates)
            .forEach(d -> working[d.getDayOfYear() - 1] = false);
        schedule.makeUpWorkingDays().forEach(d -> working[d.date().getDayOfYear() - 1] = true);
      }
      int[] cumulative = new int[length + 1];
      for (int i = 0; i < length; i++) {
        cumulative[i + 1] = cumulative[i] + (working[i] ? 1 : 0);
      }
      return new YearTable(schedule, cumulative);
    }

    int length() {
      return cumulative.length - 1;
    }

    int total() {
      return cumulative[cumulative.length - 1];
    }

    boolean isWorking(int index) {
      return cumulative[index + 1] != cumulative[index];
    }

    /** Index of the n-th working day at or after {@code start}; the caller ensures it exists. */
    int indexOfNth(int start, int n) {
      int target = cumulative[start] + n;
      // Smallest k in (start, length] with cumulative[k] >= target; day k - 1 is that working day.
      int low = start + 1;
      int high = length();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (cumulative[mid] >= target) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low - 1;
    }
  }
}
