package org.onewindow.supervision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.catalog.Department;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The figures the county's report quotes, over a period of local dates: cases received (收件),
 * accepted (受理), finished (办结), finished on time (按时办结), the on-time rate and the average
 * working days to finish, by lead department, by item or by month.
 *
 * <p>Each figure counts the event in the period (and month) it happened: a case received in
 * March and finished in April is received in March and finished in April. "Finished" is the
 * decision (the clock stops there; pickup comes after). Where the clock kept the case
 * (ow_case_clock), its stop time, its on-time verdict and its working days are used. A case
 * without a clock (an immediate item decided at the window, or one decided before the clock
 * existed) is judged by the catalog: on time if decided within the promised working days of
 * acceptance (the day of acceptance not counted, Art. 82).
 */
@Service
public class StatisticsService {
  public enum GroupBy { DEPARTMENT, ITEM, MONTH }

  /** One case's events, as far as they fall in the period. */
  record CaseFacts(String itemCode, String leadDepartment, LocalDate received, LocalDate accepted, LocalDate finished,
      Boolean onTime, Integer workingDays) {}

  public record Figures(String key, String label, long received, long accepted, long finished, long finishedOnTime,
      BigDecimal onTimeRate, BigDecimal averageWorkingDays) {}

  public record Report(LocalDate from, LocalDate to, GroupBy groupBy, List<Figures> rows, Figures total) {}

  private final JdbcTemplate jdbc;
  private final Catalog catalog;
  private final WorkingDayCalendar calendar;

  public StatisticsService(JdbcTemplate jdbc, Catalog catalog, WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.calendar = calendar;
  }

  public Report report(LocalDate from, LocalDate to, GroupBy groupBy) {
    List<CaseFacts> facts = facts(from, to);
    Map<String, Acc> groups = new LinkedHashMap<>();
    // Rows in a stable order: catalog order for departments and items, every month of the period.
    switch (groupBy) {
      case DEPARTMENT -> catalog.departments().forEach(d -> groups.put(d.code(), new Acc(d.code(), d.name())));
      case ITEM -> catalog.items().forEach(i -> groups.put(i.code(), new Acc(i.code(), i.name())));
      case MONTH -> {
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
          groups.put(m.toString(), new Acc(m.toString(), m.getYear() + "年" + m.getMonthValue() + "月"));
        }
      }
    }
    Acc total = new Acc("total", "合计");
    for (CaseFacts f : facts) {
      Function<LocalDate, Acc> group = date -> groups.computeIfAbsent(key(f, date, groupBy),
          k -> new Acc(k, label(k, groupBy)));
      if (within(f.received(), from, to)) {
        group.apply(f.received()).received++;
        total.received++;
      }
      if (within(f.accepted(), from, to)) {
        group.apply(f.accepted()).accepted++;
        total.accepted++;
      }
      if (within(f.finished(), from, to)) {
        group.apply(f.finished()).finish(f);
        total.finish(f);
      }
    }
    List<Figures> rows = new ArrayList<>();
    for (Acc a : groups.values()) {
      if (groupBy == GroupBy.MONTH || a.received + a.accepted + a.finished > 0) {
        rows.add(a.figures());
      }
    }
    return new Report(from, to, groupBy, rows, total.figures());
  }

  private List<CaseFacts> facts(LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay(calendar.zone()).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(calendar.zone()).toOffsetDateTime();
    return jdbc.query("""
        SELECT c.item_code, c.received_at, c.accepted_at, c.decided_at, k.lead_department, k.phase, k.stopped_at,
          k.finished_on_time, k.working_days_used, k.receipt_number AS clock
        FROM ow_case c LEFT JOIN ow_case_clock k ON k.receipt_number = c.receipt_number
        WHERE (c.received_at >= ? AND c.received_at < ?)
           OR (c.accepted_at >= ? AND c.accepted_at < ?)
           OR (c.decided_at >= ? AND c.decided_at < ?)
           OR (k.stopped_at >= ? AND k.stopped_at < ?)""",
        (rs, i) -> {
          String itemCode = rs.getString("item_code");
          CatalogItem item = catalog.item(itemCode).orElse(null);
          String lead = rs.getString("lead_department");
          if (lead == null) {
            lead = item == null ? null : item.leadDepartment();
          }
          LocalDate received = date(rs.getObject("received_at", OffsetDateTime.class));
          LocalDate accepted = date(rs.getObject("accepted_at", OffsetDateTime.class));
          LocalDate decided = date(rs.getObject("decided_at", OffsetDateTime.class));
          LocalDate finished;
          Boolean onTime;
          Integer days;
          if (rs.getString("clock") != null) {
            boolean stopped = "STOPPED".equals(rs.getString("phase"));
            Object verdict = rs.getObject("finished_on_time");
            // A clock stopped without a verdict (withdrawn, refused after acceptance) did not finish.
            finished = stopped && verdict != null ? date(rs.getObject("stopped_at", OffsetDateTime.class)) : null;
            onTime = verdict == null ? null : rs.getBoolean("finished_on_time");
            int used = rs.getInt("working_days_used");
            days = rs.wasNull() ? null : used;
          } else {
            finished = decided;
            LocalDate counted = accepted != null ? accepted : received;
            if (decided != null && counted != null && !decided.isBefore(counted)) {
              days = calendar.workingDaysBetween(counted, decided);
              onTime = item == null ? null : days <= item.promisedDays();
            } else {
              days = null;
              onTime = null;
            }
          }
          return new CaseFacts(itemCode, lead, received, accepted, finished, onTime, days);
        },
        start, end, start, end, start, end, start, end);
  }

  private String key(CaseFacts f, LocalDate date, GroupBy groupBy) {
    return switch (groupBy) {
      case DEPARTMENT -> f.leadDepartment() == null ? "unknown" : f.leadDepartment();
      case ITEM -> f.itemCode();
      case MONTH -> YearMonth.from(date).toString();
    };
  }

  private String label(String key, GroupBy groupBy) {
    return switch (groupBy) {
      case DEPARTMENT -> catalog.department(key).map(Department::name).orElse(key);
      case ITEM -> catalog.item(key).map(CatalogItem::name).orElse(key);
      case MONTH -> key;
    };
  }

  private LocalDate date(OffsetDateTime at) {
    return at == null ? null : at.atZoneSameInstant(calendar.zone()).toLocalDate();
  }

  private static boolean within(LocalDate date, LocalDate from, LocalDate to) {
    return date != null && !date.isBefore(from) && !date.isAfter(to);
  }

  private static final class Acc {
    final String key;
    final String label;
    long received;
    long accepted;
    long finished;
    long onTime;
    long daysSum;
    long daysCount;

    Acc(String key, String label) {
      this.key = key;
      this.label = label;
    }

    void finish(CaseFacts f) {
      finished++;
      if (Boolean.TRUE.equals(f.onTime())) {
        onTime++;
      }
      if (f.workingDays() != null) {
        daysSum += f.workingDays();
        daysCount++;
      }
    }

    Figures figures() {
      BigDecimal rate = finished == 0 ? null
          : BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(finished), 4, RoundingMode.HALF_UP);
      BigDecimal average = daysCount == 0 ? null
          : BigDecimal.valueOf(daysSum).divide(BigDecimal.valueOf(daysCount), 2, RoundingMode.HALF_UP);
      return new Figures(key, label, received, accepted, finished, onTime, rate, average);
    }
  }
}
