package org.onewindow.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the case clock's tables (ow_case_clock, ow_supervision_event) and the case file. Only
 * reads: the clock owns those tables and is their only writer.
 */
@Repository
class SupervisionRepository {
  /** Clock phases as the clock writes them in ow_case_clock.phase and the variable clockPhase. */
  static final String RUNNING = "RUNNING";
  static final String WARNING = "WARNING";
  static final String OVERDUE = "OVERDUE";
  static final String PAUSED = "PAUSED";
  static final String STOPPED = "STOPPED";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  SupervisionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  /** Every clock that is not stopped: running, warned, overdue or paused. */
  List<ClockRow> openClocks() {
    return jdbc.query("""
        SELECT k.receipt_number, k.process_instance_id, k.item_code, k.lead_department, k.promised_days,
          k.extended_days, k.deadline_date, k.deadline_at, k.warning_at, k.calendar_complete, k.phase,
          k.phase_before_pause, k.paused_since, c.applicant_name, c.status
        FROM ow_case_clock k JOIN ow_case c ON c.receipt_number = k.receipt_number
        WHERE k.phase <> 'STOPPED'
        ORDER BY k.deadline_at, k.receipt_number""",
        (rs, i) -> new ClockRow(
            rs.getString("receipt_number"),
            rs.getString("process_instance_id"),
            rs.getString("item_code"),
            rs.getString("lead_department"),
            rs.getInt("promised_days"),
            rs.getInt("extended_days"),
            rs.getObject("deadline_date", LocalDate.class),
            rs.getObject("deadline_at", OffsetDateTime.class),
            rs.getObject("warning_at", OffsetDateTime.class),
            rs.getBoolean("calendar_complete"),
            rs.getString("phase"),
            rs.getString("phase_before_pause"),
            rs.getObject("paused_since", OffsetDateTime.class),
            rs.getString("applicant_name"),
            rs.getString("status")));
  }

  /** The supervision events of these cases, oldest first, by receipt number. */
  Map<String, List<SupervisionEventRow>> events(Collection<String> receiptNumbers) {
    List<String> all = List.copyOf(receiptNumbers);
    Map<String, List<SupervisionEventRow>> byCase = new java.util.HashMap<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      named.query("""
          SELECT receipt_number, kind, occurred_at, activity_id, activity_name, department, order_task_id,
            order_instruction, order_closed_at
          FROM ow_supervision_event WHERE receipt_number IN (:rns) ORDER BY occurred_at, id""",
          Map.of("rns", all.subList(from, Math.min(all.size(), from + CHUNK))),
          (rs, i) -> new SupervisionEventRow(
              rs.getString("receipt_number"),
              rs.getString("kind"),
              rs.getObject("occurred_at", OffsetDateTime.class),
              rs.getString("activity_id"),
              rs.getString("activity_name"),
              rs.getString("department"),
              rs.getString("order_task_id"),
              rs.getString("order_instruction"),
              rs.getObject("order_closed_at", OffsetDateTime.class)))
          .forEach(e -> byCase.computeIfAbsent(e.receiptNumber(), k -> new java.util.ArrayList<>()).add(e));
    }
    return byCase;
  }

  private static final int CHUNK = 500;
}
