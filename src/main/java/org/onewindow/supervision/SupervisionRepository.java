package org.onewindow.supervision;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.onewindow.calendar.clock.CaseClockRepository;
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
   * Clocks of one board at {@code now} in one of its branches (see {@link #branches}), in
   * deadline order, as far as {@code limit} reaches, with their cases' applicant and status.
   */
  List<ClockRow> clocksIn(String branch, OffsetDateTime now, int limit) {
    return named.query("""
        SELECT k.receipt_number, k.process_instance_id, k.item_code, k.lead_department, k.promised_days,
          k.extended_days, k.deadline_date, k.deadline_at, k.warning_at, k.calendar_complete, k.phase,
          k.phase_before_pause, k.paused_since, c.applicant_name, c.status
        FROM ow_case_clock k JOIN ow_case c ON c.receipt_number = k.receipt_number""" + " WHERE " + branch
        + " ORDER BY k.deadline_at, k.receipt_number LIMIT :limit",
        Map.of("now", now, "limit", limit), (rs, i) -> new ClockRow(
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

  /** Late cases counted by item, lead department and the departments the clock recorded (null: not fired yet). */
  record LateCount(String itemCode, String leadDepartment, String recordedDepartments, int cases) {}

  /**
   * Every case of one board, counted by item, lead department and recorded departments. Each
   * branch is read on its own (they are disjoint by phase), so on PostgreSQL each is a range of
   * the open clocks' covering index (V12) and the table is not read.
   */
  List<LateCount> lateCounts(String kind, OffsetDateTime now) {
    return named.query(lateCountsSql(kind), Map.of("now", now),
        (rs, i) -> new LateCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
  }

  static String lateCountsSql(String kind) {
    String recorded = "k." + CaseClockRepository.lateDepartmentsColumn(kind);
    String rows = branches(kind).stream()
        .map(branch -> "SELECT k.item_code, k.lead_department, " + recorded + " AS recorded FROM ow_case_clock k WHERE "
            + branch)
        .collect(java.util.stream.Collectors.joining(" UNION ALL "));
    return "SELECT item_code, lead_department, recorded, COUNT(*) FROM (" + rows
        + ") late GROUP BY item_code, lead_department, recorded";
  }

  /** The board's cases whose clock has not fired yet (its timer has not run): process instance, lead department. */
  Map<String, String> unrecorded(String kind, OffsetDateTime now) {
    Map<String, String> leads = new java.util.HashMap<>();
    named.query("SELECT k.process_instance_id, k.lead_department FROM ow_case_clock k WHERE (" + condition(kind)
            + ") AND k." + CaseClockRepository.lateDepartmentsColumn(kind) + " IS NULL",
        Map.of("now", now), (java.sql.ResultSet rs) -> {
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

  /**
   * A board's cases at {@code now}, as conditions on disjoint phases, each readable in deadline
   * order from the index on (phase, deadline_at, receipt_number); the last is the paused clocks.
   * Overdue: the clock says so, or its deadline has passed; a paused clock at the moment it
   * paused. Warning: not overdue, and the clock says so or its warning time has passed. The same
   * rule as {@link SupervisionService#state}, so that 100,000 open cases are not all read to
   * find the late ones.
   */
  static List<String> branches(String kind) {
    if (SupervisionService.OVERDUE.equals(kind)) {
      return List.of(
          "k.phase = 'OVERDUE'",
          "k.phase = 'RUNNING' AND k.deadline_at < :now",
          "k.phase = 'WARNING' AND k.deadline_at < :now",
          "k.phase = 'PAUSED' AND (k.phase_before_pause = 'OVERDUE' OR COALESCE(k.paused_since, :now) > k.deadline_at)");
    }
    return List.of(
        "k.phase = 'WARNING' AND k.deadline_at >= :now",
        "k.phase = 'RUNNING' AND k.deadline_at >= :now AND k.warning_at <= :now",
        """
        k.phase = 'PAUSED' AND COALESCE(k.phase_before_pause, '') <> 'OVERDUE'
          AND COALESCE(k.paused_since, :now) <= k.deadline_at
          AND (k.phase_before_pause = 'WARNING' OR COALESCE(k.paused_since, :now) >= k.warning_at)""");
  }

  private static String condition(String kind) {
    return "(" + String.join(") OR (", branches(kind)) + ")";
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
