package org.onewindow.supervision;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.identity.CurrentUser;
import org.onewindow.identity.IdentityProperties;
import org.onewindow.intake.CaseValidationException;
import org.onewindow.intake.FieldError;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervision views and the statistics, for the groups in
 * {@code onewindow.identity.supervision-groups} (supervisors and administrators):
 * {@code GET /api/supervision/overdue}, {@code GET /api/supervision/warnings} and
 * {@code GET /api/statistics?from=&to=&groupBy=department|item|month} (JSON, or CSV with
 * {@code format=csv} or {@code Accept: text/csv}).
 */
@RestController
public class SupervisionController {
  static final long MAX_PERIOD_DAYS = 366L * 5;
  public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final SupervisionService supervision;
  private final StatisticsService statistics;
  private final CurrentUser currentUser;
  private final IdentityProperties identity;
  private final WorkingDayCalendar calendar;

  public SupervisionController(SupervisionService supervision, StatisticsService statistics, CurrentUser currentUser,
      IdentityProperties identity, WorkingDayCalendar calendar) {
    this.supervision = supervision;
    this.statistics = statistics;
    this.currentUser = currentUser;
    this.identity = identity;
    this.calendar = calendar;
  }

  /** ?offset= and ?limit= page the listed cases (default 0 and 200, at most 2000); counts cover all. */
  @GetMapping(path = "/api/supervision/overdue", produces = MediaType.APPLICATION_JSON_VALUE)
  public SupervisionService.BoardJson overdue(@RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit) {
    currentUser.requireAnyGroup(identity.supervisionGroups(), "督办监察信息");
    return board(SupervisionService.OVERDUE, offset, limit);
  }

  @GetMapping(path = "/api/supervision/warnings", produces = MediaType.APPLICATION_JSON_VALUE)
  public SupervisionService.BoardJson warnings(@RequestParam(required = false) String offset,
      @RequestParam(required = false) String limit) {
    currentUser.requireAnyGroup(identity.supervisionGroups(), "督办监察信息");
    return board(SupervisionService.WARNINGS, offset, limit);
  }

  private SupervisionService.BoardJson board(String kind, String offset, String limit) {
    List<FieldError> errors = new ArrayList<>();
    int from = integer("offset", offset, 0, 0, Integer.MAX_VALUE, errors);
    int size = integer("limit", limit, SupervisionService.DEFAULT_LIMIT, 1, SupervisionService.MAX_LIMIT, errors);
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    return supervision.board(kind, from, size);
  }

  private static int integer(String field, String value, int fallback, int min, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, "应为 " + min + " 到 " + max + " 之间的整数"));
    return fallback;
  }

  @GetMapping("/api/statistics")
  public ResponseEntity<?> statistics(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String groupBy,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    currentUser.requireAnyGroup(identity.supervisionGroups(), "统计数据");
    LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(calendar.zone()).toLocalDate();
    List<FieldError> errors = new ArrayList<>();
    LocalDate toDate = date("to", to, today, errors);
    LocalDate fromDate = date("from", from, toDate == null ? today.withDayOfMonth(1) : toDate.withDayOfMonth(1), errors);
    StatisticsService.GroupBy by = groupBy(groupBy, errors);
    boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"));
    if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
      errors.add(new FieldError("format", "只能是 json 或 csv"));
    }
    if (fromDate != null && toDate != null) {
      if (fromDate.isAfter(toDate)) {
        errors.add(new FieldError("from", "开始日期不能晚于结束日期"));
      } else if (ChronoUnit.DAYS.between(fromDate, toDate) > MAX_PERIOD_DAYS) {
        errors.add(new FieldError("to", "统计区间不能超过五年"));
      }
    }
    if (!errors.isEmpty()) {
      throw new CaseValidationException(errors);
    }
    StatisticsService.Report report = statistics.report(fromDate, toDate, by);
    if (!csv) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }
    String filename = "statistics-" + fromDate + "-" + toDate + "-" + by.name().toLowerCase(Locale.ROOT) + ".csv";
    return ResponseEntity.ok()
        .contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
        .body(toCsv(report).getBytes(StandardCharsets.UTF_8));
  }

  /** UTF-8 with a byte-order mark, so spreadsheet programs in China open the Chinese headers correctly. */
  static String toCsv(StatisticsService.Report report) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    String groupHeader = switch (report.groupBy()) {
      case DEPARTMENT -> "牵头部门";
      case ITEM -> "事项";
      case MONTH -> "月份";
    };
    csv.append("代码,").append(groupHeader).append(",收件数,受理数,办结数,按时办结数,按时办结率(%),平均办结工作日\r\n");
    for (StatisticsService.Figures f : report.rows()) {
      row(csv, f);
    }
    row(csv, report.total());
    return csv.toString();
  }

  private static void row(StringBuilder csv, StatisticsService.Figures f) {
    csv.append(cell(f.key())).append(',').append(cell(f.label())).append(',')
        .append(f.received()).append(',').append(f.accepted()).append(',')
        .append(f.finished()).append(',').append(f.finishedOnTime()).append(',')
        .append(f.onTimeRate() == null ? "" : f.onTimeRate().multiply(BigDecimal.valueOf(100)).setScale(2).toPlainString())
        .append(',')
        .append(f.averageWorkingDays() == null ? "" : f.averageWorkingDays().toPlainString())
        .append("\r\n");
  }

  /** Quotes a text cell; a leading =, +, - or @ is defused so no spreadsheet runs it as a formula. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static LocalDate date(String field, String value, LocalDate fallback, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "日期格式应为 yyyy-MM-dd"));
      return null;
    }
  }

  private static StatisticsService.GroupBy groupBy(String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return StatisticsService.GroupBy.DEPARTMENT;
    }
    try {
      return StatisticsService.GroupBy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("groupBy", "只能是 department、item 或 month"));
      return StatisticsService.GroupBy.DEPARTMENT;
    }
  }
}
