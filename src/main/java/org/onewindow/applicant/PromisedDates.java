package org.onewindow.applicant;

import java.time.LocalDate;
import java.util.List;
import org.onewindow.calendar.WorkingDayCalendar;
import org.onewindow.cases.CaseRecord;
import org.onewindow.catalog.Catalog;
import org.onewindow.catalog.CatalogItem;
import org.onewindow.catalog.ItemType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The promised date (承诺办结日期) the applicant sees: the case clock's deadline (ow_case_clock, which
 * counts pauses and extensions) when the case has one, otherwise the promised working days counted
 * from the day of acceptance. None before acceptance.
 */
@Component
public class PromisedDates {
  private final JdbcTemplate jdbc;
  private final Catalog catalog;
  private final WorkingDayCalendar calendar;

  public PromisedDates(JdbcTemplate jdbc, Catalog catalog, WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.calendar = calendar;
  }

  public LocalDate of(CaseRecord c) {
    List<LocalDate> clock = jdbc.query("SELECT deadline_date FROM ow_case_clock WHERE receipt_number = ?",
        (rs, i) -> rs.getObject(1, LocalDate.class), c.receiptNumber());
    if (!clock.isEmpty()) {
      return clock.get(0);
    }
    if (c.acceptedAt() == null) {
      return null;
    }
    CatalogItem item = catalog.item(c.itemCode()).orElse(null);
    if (item == null || item.type() != ItemType.COMMITMENT) {
      return null;
    }
    return calendar.addWorkingDays(c.acceptedAt().toLocalDate(), item.promisedDays());
  }
}
