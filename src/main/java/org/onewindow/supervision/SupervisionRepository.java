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

  /**
   * Clocks of one board at {@code now}, ordered by deadline: overdue (the clock says so, or its
   * deadline has passed; a paused clock at the moment it paused) or in warning (not overdue, and
   * the clock says so or its warning time has passed). The same rule as {@link
   * SupervisionService#state}, in SQL, so that 100,000 open cases are not all read to find the
   * late ones. {@code paused} selects the paused clocks only (true), the others only (false) or
   * both (null); {@code offset} and {@code limit} page through them.
   */
  List<ClockRow> clocksIn(String kind, OffsetDateTime now, Boolean paused, int offset, int limit) {
    String pausedCondition = paused == null ? "" : paused ? " AND k.phase = 'PAUSED'" : " AND k.phase <> 'PAUSED'";
    return named.query("""
        SELECT k.receipt_number, k.process_instance_id, k.item_code, k.lead_department, k.promised_days,
          k.extended_days, k.deadline_date, k.deadline_at, k.warning_at, k.calendar_complete, k.phase,
          k.phase_before_pause, k.paused_since, c.applicant_name, c.status
        FROM ow_case_clock k JOIN ow_case c ON c.receipt_number = k.receipt_number
        WHERE """ + condition(kind) + pausedCondition + """
        ORDER BY k.deadline_at, k.receipt_number LIMIT :limit OFFSET :offset""",
        Map.of("now", now, "limit", limit, "offset", offset), (rs, i) -> new ClockRow(
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

  /** The number of cases of one board by item code. */
  Map<String, Integer> countByItem(String kind, OffsetDateTime now) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    named.query("SELECT k.item_code, COUNT(*) FROM ow_case_clock k WHERE " + condition(kind) + " GROUP BY k.item_code",
        Map.of("now", now), (java.sql.ResultSet rs) -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }

  /** What the clock recorded for the cases of a board: departments as written (joined by ","), lead department. */
  record Recorded(String departments, String leadDepartment) {}

  private static final String RECORDED = """
      FROM ow_supervision_event e JOIN ow_case_clock k ON k.receipt_number = e.receipt_number
      WHERE e.kind = :kind AND e.activity_id IS NOT NULL AND """;

  /**
   * The board's cases that recorded their late departments when the clock fired, counted by
   * what they recorded: one row per distinct recording and lead department, with its number of
   * cases. A case that recorded different departments at different firings (an extension, then
   * overdue again) is counted under each; {@link #severalRecordings} lists those.
   */
  Map<Recorded, Integer> recordedDepartments(String kind, OffsetDateTime now) {
    Map<Recorded, Integer> counts = new java.util.HashMap<>();
    named.query("SELECT x.department, x.lead_department, COUNT(*) FROM (SELECT DISTINCT e.receipt_number, "
            + "COALESCE(e.department, '') AS department, k.lead_department " + RECORDED + condition(kind)
            + ") x GROUP BY x.department, x.lead_department",
        Map.of("now", now, "kind", kind), (java.sql.ResultSet rs) -> {
          counts.put(new Recorded(rs.getString(1), rs.getString(2)), rs.getInt(3));
        });
    return counts;
  }

  /** The board's cases that recorded different departments at different firings, with each recording. */
  Map<String, List<Recorded>> severalRecordings(String kind, OffsetDateTime now) {
    Map<String, List<Recorded>> byCase = new java.util.HashMap<>();
    named.query("SELECT DISTINCT e.receipt_number, COALESCE(e.department, ''), k.lead_department " + RECORDED
            + condition(kind) + " AND e.receipt_number IN (SELECT r.receipt_number FROM ow_supervision_event r "
            + "WHERE r.kind = :kind AND r.activity_id IS NOT NULL GROUP BY r.receipt_number "
            + "HAVING COUNT(DISTINCT COALESCE(r.department, '')) > 1)",
        Map.of("now", now, "kind", kind), (java.sql.ResultSet rs) -> {
          byCase.computeIfAbsent(rs.getString(1), x -> new java.util.ArrayList<>())
              .add(new Recorded(rs.getString(2), rs.getString(3)));
        });
    return byCase;
  }

  /** The board's cases for which the clock has recorded nothing yet (its timer has not run): process instance, lead department. */
  Map<String, String> unrecorded(String kind, OffsetDateTime now) {
    Map<String, String> leads = new java.util.HashMap<>();
    named.query("SELECT k.process_instance_id, k.lead_department FROM ow_case_clock k WHERE " + condition(kind)
            + " AND NOT EXISTS (SELECT 1 FROM ow_supervision_event e WHERE e.receipt_number = k.receipt_number "
            + "AND e.kind = :kind AND e.activity_id IS NOT NULL)",
        Map.of("now", now, "kind", kind), (java.sql.ResultSet rs) -> {
          leads.put(rs.getString(1), rs.getString(2));
        });
    return leads;
  }

  /** The candidate groups of the open tasks of these process instances, by process instance. */
  Map<String, List<String>> openTaskGroups(Collection<String> processInstanceIds) {
    List<String> all = List.copyOf(processInstanceIds);
    Map<String, List<String>> byInstance = new java.util.HashMap<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      named.query("""
          SELECT t.PROC_INST_ID_, l.GROUP_ID_ FROM ACT_RU_TASK t
          JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_ AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
          WHERE t.PROC_INST_ID_ IN (:ids)""",
          Map.of("ids", all.subList(from, Math.min(all.size(), from + CHUNK))),
          (rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> byInstance.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    }
    return byInstance;
  }

  private static String condition(String kind) {
    String overdue = """
        ((k.phase IN ('RUNNING', 'WARNING', 'OVERDUE') AND (k.phase = 'OVERDUE' OR k.deadline_at < :now))
         OR (k.phase = 'PAUSED' AND (k.phase_before_pause = 'OVERDUE' OR COALESCE(k.paused_since, :now) > k.deadline_at)))
        """;
    String warning = """
        ((k.phase IN ('RUNNING', 'WARNING') AND k.deadline_at >= :now AND (k.phase = 'WARNING' OR k.warning_at <= :now))
         OR (k.phase = 'PAUSED' AND COALESCE(k.phase_before_pause, '') <> 'OVERDUE'
             AND COALESCE(k.paused_since, :now) <= k.deadline_at
             AND (k.phase_before_pause = 'WARNING' OR COALESCE(k.paused_since, :now) >= k.warning_at)))
        """;
    return SupervisionService.OVERDUE.equals(kind) ? overdue : warning;
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
