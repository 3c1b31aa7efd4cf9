package org.onewindow.calendar.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onewindow.support.OneWindowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** V10 fills in the late departments of clocks that fired before the clock kept them (V9). */
@OneWindowIntegrationTest
class LateDepartmentsMigrationTest {
  private static final String PREFIX = "TEST-LDM-";
  private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.ofHours(8));

  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;

  @AfterEach
  void cleanUp() {
    jdbc.update("DELETE FROM ow_supervision_event WHERE receipt_number LIKE ?", PREFIX + "%");
    jdbc.update("DELETE FROM ow_case_clock WHERE receipt_number LIKE ?", PREFIX + "%");
    jdbc.update("DELETE FROM ow_case WHERE receipt_number LIKE ?", PREFIX + "%");
  }

  private void clock(String id) {
    String rn = PREFIX + id;
    jdbc.update("""
        INSERT INTO ow_case (receipt_number, item_code, item_type, process_key, channel, applicant_kind, applicant_name,
          applicant_id, materials, status, received_at, accepted_at, updated_at)
        VALUES (?, 'JS-SG', 'COMMITMENT', 'commitment-item', 'WINDOW', 'ORGANIZATION', '申请人', '91350100M000100Y43', '',
          'UNDER_REVIEW', ?, ?, ?)""", rn, AT, AT, AT);
    jdbc.update("""
        INSERT INTO ow_case_clock (receipt_number, process_instance_id, item_code, lead_department, promised_days,
          statutory_days, started_on, deadline_date, deadline_at, warning_at, calendar_complete, phase, updated_at)
        VALUES (?, ?, 'JS-SG', 'housing', 5, 20, DATE '2026-03-02', DATE '2026-03-09', ?, ?, TRUE, 'OVERDUE', ?)""",
        rn, "pi-" + rn, AT, AT, AT);
  }

  /** An event as the clock wrote it before V9: the clock row itself was not touched. */
  private void oldEvent(String id, String kind, int minute, String activityId, String department) {
    jdbc.update("INSERT INTO ow_supervision_event (receipt_number, kind, occurred_at, deadline_at, activity_id, "
        + "activity_name, department) VALUES (?, ?, ?, ?, ?, ?, ?)",
        PREFIX + id, kind, AT.plusMinutes(minute), AT, activityId, activityId, department);
  }

  private String column(String id, String column) {
    return jdbc.queryForObject("SELECT " + column + " FROM ow_case_clock WHERE receipt_number = ?", String.class,
        PREFIX + id);
  }

  @Test
  void everyDepartmentOfEveryFiringOfEachKindIsKeptOnTheClock() throws Exception {
    clock("A");
    clock("B");
    clock("C");
    oldEvent("A", "WARNING", 1, "jointReview", "housing,resources");
    oldEvent("A", "OVERDUE", 2, "jointReview", "housing");
    oldEvent("A", "OVERDUE", 3, "jointReview,siteInspection", "enforcement,housing");
    oldEvent("B", "OVERDUE", 1, "decision", null);
    oldEvent("C", "OVERDUE", 1, null, null); // fired with no open step: nothing recorded

    try (Connection connection = dataSource.getConnection()) {
      new LateDepartmentsMigration().migrate(new Context() {
        @Override
        public Configuration getConfiguration() {
          return null;
        }

        @Override
        public Connection getConnection() {
          return connection;
        }
      });
    }

    assertThat(column("A", "warning_departments")).isEqualTo("housing,resources");
    assertThat(column("A", "overdue_departments")).isEqualTo("housing,enforcement");
    assertThat(column("B", "overdue_departments")).as("fired, no department: the lead stands in").isEmpty();
    assertThat(column("B", "warning_departments")).isNull();
    assertThat(column("C", "overdue_departments")).isNull();
  }
}
