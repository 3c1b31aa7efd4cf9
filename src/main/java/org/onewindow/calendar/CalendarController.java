package org.onewindow.calendar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Working-day arithmetic and the yearly holiday schedules over HTTP.
 *
 * <p>Parameters are taken as text and checked here, so that one response names every bad
 * parameter (see {@link CalendarExceptionHandler}). Dates are ISO {@code YYYY-MM-DD}, years {@value
 * WorkingDayCalendar#MIN_YEAR}..{@value WorkingDayCalendar#MAX_YEAR}.
 */
@RestController
@RequestMapping("/api/calendar")
public class CalendarController {

  /** Ten years of working days; far beyond any statutory limit, so larger values are mistakes. */
  static final int MAX_WORKING_DAYS = 3650;

  static final int MAX_BODY_BYTES = HolidayScheduleLoader.MAX_FILE_BYTES;

  public record DeadlineResponse(
      String from,
      int workingDays,
      String deadline,
      String deadlineAt,
      boolean calendarComplete) {}

  public record WorkingDaysResponse(
      String from, String to, int workingDays, boolean calendarComplete) {}

  public record HolidayView(String name, String from, String to, int days) {}

  public record MakeUpDayView(String date, String dayOfWeek, String holiday) {}

  /**
   * A year's schedule. {@code workingDays} is the year's count (Monday to Friday only if not
   * loaded).
   */
  public record YearView(
      int year,
      boolean loaded,
      String source,
      int workingDays,
      List<HolidayView> holidays,
      List<MakeUpDayView> makeUpWorkingDays) {}

  private final WorkingDayCalendar calendar;
  private final HolidayScheduleLoader loader;

  public CalendarController(WorkingDayCalendar calendar, HolidayScheduleLoader loader) {
    this.calendar = calendar;
    this.loader = loader;
  }

  /**
   * The deadline of {@code workingDays} working days for an application accepted on {@code from};
   * the day of acceptance is not counted, {@code workingDays=0} gives {@code from} itself.
   */
  @GetMapping("/deadline")
  public DeadlineResponse deadline(
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "workingDays", required = false) String workingDays) {
    Checks checks = new Checks();
    LocalDate fromDate = checks.date("from", from);
    Integer days = checks.integer("workingDays", workingDays, 0, MAX_WORKING_DAYS);
    checks.throwIfAny();
    Deadline deadline;
    try {
      deadline = calendar.deadline(fromDate, days);
    } catch (IllegalArgumentException e) {
      throw CalendarRequestException.of(
          "workingDays", "the deadline would fall after " + WorkingDayCalendar.MAX_YEAR);
    }
    return new DeadlineResponse(
        deadline.from().toString(),
        deadline.workingDays(),
        deadline.date().toString(),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(deadline.at()),
        deadline.calendarComplete());
  }

  /** Working days after {@code from} (exclusive) up to and including {@code to}. */
  @GetMapping("/working-days")
  public WorkingDaysResponse workingDays(
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to) {
    Checks checks = new Checks();
    LocalDate fromDate = checks.date("from", from);
    LocalDate toDate = checks.date("to", to);
    if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
      checks.add("to", "must not be before from (" + fromDate + ")");
    }
    checks.throwIfAny();
    return new WorkingDaysResponse(
        fromDate.toString(),
        toDate.toString(),
        calendar.workingDaysBetween(fromDate, toDate),
        calendar.isComplete(fromDate, toDate));
  }

  @GetMapping("/{year}")
  public YearView year(@PathVariable("year") String year) {
    Checks checks = new Checks();
    Integer value = checks.year("year", year);
    checks.throwIfAny();
    return view(value);
  }

  /**
   * Stores and loads a year's schedule: YAML ({@code application/yaml}, {@code text/yaml}, {@code
   * text/plain}) or the same structure as JSON. The schedule must declare the year of the path.
   */
  @PutMapping(
      path = "/{year}",
      consumes = {
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        MediaType.TEXT_PLAIN_VALUE,
        MediaType.APPLICATION_JSON_VALUE
      })
  public YearView store(
      @PathVariable("year") String year,
      @RequestBody(required = false) byte[] body,
      @RequestHeader HttpHeaders headers)
      throws IOException {
    Checks checks = new Checks();
    Integer value = checks.year("year", year);
    if (body == null || body.length == 0) {
      checks.add("body", "is required: the year's schedule as YAML or JSON");
    }
    checks.throwIfAny();
    if (body.length > MAX_BODY_BYTES) {
      throw new CalendarRequestException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          List.of(
              new CalendarRequestException.FieldError(
                  "body", "is larger than " + MAX_BODY_BYTES + " bytes")));
    }
    MediaType type = headers.getContentType();
    String text = decode(body, type);
    String origin = "PUT /api/calendar/" + value;
    HolidaySchedule schedule =
        isJson(type)
            ? HolidayScheduleFormat.parseJson(text, origin, value)
            : HolidayScheduleFormat.parseYaml(text, origin, value);
    loader.store(schedule, origin);
    return view(value);
  }

  private YearView view(int year) {
    List<HolidayView> holidays = new ArrayList<>();
    List<MakeUpDayView> makeUpDays = new ArrayList<>();
    HolidaySchedule schedule = calendar.schedule(year).orElse(null);
    if (schedule != null) {
      for (HolidaySchedule.Holiday holiday : schedule.holidays()) {
        holidays.add(
            new HolidayView(
                holiday.name(),
                holiday.from().toString(),
                holiday.to().toString(),
                holiday.days()));
      }
      for (HolidaySchedule.MakeUpDay day : schedule.makeUpWorkingDays()) {
        makeUpDays.add(
            new MakeUpDayView(
                day.date().toString(), day.date().getDayOfWeek().toString(), day.holiday()));
      }
    }
    return new YearView(
        year,
        schedule != null,
        schedule == null ? null : schedule.source(),
        calendar.workingDaysInYear(year),
        holidays,
        makeUpDays);
  }

  private static boolean isJson(MediaType type) {
    return type != null
        && ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix()));
  }

  /** Strict decoding: a body in the wrong encoding would otherwise corrupt holiday names. */
  private static String decode(byte[] body, MediaType type) {
    Charset charset =
        type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw CalendarRequestException.of("body", "is not valid " + charset.name() + " text");
    }
  }

  /** Collects parameter errors so that one response reports all of them. */
  private static final class Checks {
    private final List<CalendarRequestException.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
      errors.add(new CalendarRequestException.FieldError(field, message));
    }

    LocalDate date(String field, String value) {
      if (value == null || value.isBlank()) {
        add(field, "is required (YYYY-MM-DD)");
        return null;
      }
      LocalDate date;
      try {
        date = LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        add(field, "'" + value + "' is not a date (expected YYYY-MM-DD)");
        return null;
      }
      if (date.getYear() < WorkingDayCalendar.MIN_YEAR
          || date.getYear() > WorkingDayCalendar.MAX_YEAR) {
        add(field, "must be in the years " + yearRange());
        return null;
      }
      return date;
    }

    Integer year(String field, String value) {
      return integer(field, value, WorkingDayCalendar.MIN_YEAR, WorkingDayCalendar.MAX_YEAR);
    }

    Integer integer(String field, String value, int min, int max) {
      if (value == null || value.isBlank()) {
        add(field, "is required");
        return null;
      }
      int number;
      try {
        number = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        add(field, "'" + value + "' is not a whole number");
        return null;
      }
      if (number < min || number > max) {
        add(field, "must be between " + min + " and " + max);
        return null;
      }
      return number;
    }

    void throwIfAny() {
      if (!errors.isEmpty()) {
        throw new CalendarRequestException(HttpStatus.BAD_REQUEST, errors);
      }
    }

    private static String yearRange() {
      return WorkingDayCalendar.MIN_YEAR + " to " + WorkingDayCalendar.MAX_YEAR;
    }
  }
}
