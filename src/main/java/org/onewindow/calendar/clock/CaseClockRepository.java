package org.onewindow.calendar.clock;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.onewindow.calendar.WorkingDayCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * ow_case_clock, its ledger ow_clock_event and ow_supervision_event, on the engine's DataSource:
 * every write commits or rolls back with the engine step that caused it.
 *
 * <p>Within one transaction a clock is read from the database once: one engine command reads the
 * same clock several times (acceptance starts it, then its two timers ask for their dates and every
 * task it creates for its due date), and each of those reads cost a statement. The clocks this
 * repository read or wrote in the current transaction are kept until it ends; {@link #lock} always
 * reads the row (and locks it), and every write here replaces the kept state. Without a Spring
 * transaction (plain engine tests) nothing is kept.
 */
@Repository
public class CaseClockRepository {

  /** One ledger entry. */
  public record ClockEvent(long id, String receiptNumber, ClockEventKind kind, String reasonType,
      String reason, String actor, OffsetDateTime occurredAt, LocalDate deadlineBefore,
      LocalDate deadlineAfter) {}

  /** One warning or overdue as it fired, with the supervision order of an overdue. */
  public record SupervisionEvent(long id, String receiptNumber, String kind, OffsetDateTime occurredAt,
      OffsetDateTime deadlineAt, String activityId, String activityName, String department,
      String orderTaskId, String orderInstruction, OffsetDateTime orderClosedAt) {}

  public static final String WARNING = "WARNING";
  public static final String OVERDUE = "OVERDUE";

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final RowMapper<ClockState> clockMapper;

  /** Times are read back in the county's zone, whatever offset the database returns. */
  public CaseClockRepository(JdbcTemplate jdbc, WorkingDayCalendar calendar) {
    this.jdbc = jdbc;
    this.zone = calendar.zone();
    this.clockMapper = this::map;
  }

  // ---------------------------------------------------------------- ow_case_clock

  public void insert(ClockState c) {
    jdbc.update("""
        INSERT INTO ow_case_clock (receipt_number, process_instance_id, item_code, lead_department,
          promised_days, statutory_days, extended_days, paused_working_days, started_on, deadline_date,
          deadline_at, warning_at, calendar_complete, phase, paused_since, pause_reason_type,
          phase_before_pause, stopped_at, finished_on_time, working_days_used, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        c.receiptNumber(), c.processInstanceId(), c.itemCode(), c.leadDepartment(), c.promisedDays(),
        c.statutoryDays(), c.extendedDays(), c.pausedWorkingDays(), c.startedOn(), c.deadlineDate(),
        c.deadlineAt(), c.warningAt(), c.calendarComplete(), c.phase().name(), c.pausedSince(),
        name(c.pauseReasonType()), name(c.phaseBeforePause()), c.stoppedAt(), c.finishedOnTime(),
        c.workingDaysUsed(), c.updatedAt());
    kept(c.receiptNumber(), Optional.of(c));
  }

  public void update(ClockState c) {
    int updated = jdbc.update("""
        UPDATE ow_case_clock SET extended_days = ?, paused_working_days = ?, deadline_date = ?,
          deadline_at = ?, warning_at = ?, calendar_complete = ?, phase = ?, paused_since = ?,
          pause_reason_type = ?, phase_before_pause = ?, stopped_at = ?, finished_on_time = ?,
          working_days_used = ?, updated_at = ?
        WHERE receipt_number = ?""",
        c.extendedDays(), c.pausedWorkingDays(), c.deadlineDate(), c.deadlineAt(), c.warningAt(),
        c.calendarComplete(), c.phase().name(), c.pausedSince(), name(c.pauseReasonType()),
        name(c.phaseBeforePause()), c.stoppedAt(), c.finishedOnTime(), c.workingDaysUsed(),
        c.updatedAt(), c.receiptNumber());
    if (updated == 1) {
      kept(c.receiptNumber(), Optional.of(c));
    } else {
      forget(c.receiptNumber());
    }
  }

  public Optional<ClockState> find(String receiptNumber) {
    Map<String, Optional<ClockState>> kept = keptInTransaction();
    Optional<ClockState> clock = kept == null ? null : kept.get(receiptNumber);
    if (clock == null) {
      clock = jdbc.query("SELECT * FROM ow_case_clock WHERE receipt_number = ?", clockMapper, receiptNumber)
          .stream().findFirst();
      if (kept != null) {
        kept.put(receiptNumber, clock);
      }
    }
    return clock;
  }

  /** The clock, its row locked until the transaction ends: clock changes of one case queue up. */
  public Optional<ClockState> lock(String receiptNumber) {
    Optional<ClockState> clock = jdbc.query("SELECT * FROM ow_case_clock WHERE receipt_number = ? FOR UPDATE",
        clockMapper, receiptNumber).stream().findFirst();
    kept(receiptNumber, clock);
    return clock;
  }

  /** Keeps the clock for the rest of the transaction. */
  private void kept(String receiptNumber, Optional<ClockState> clock) {
    Map<String, Optional<ClockState>> kept = keptInTransaction();
    if (kept != null) {
      kept.put(receiptNumber, clock);
    }
  }

  /** The next find in this transaction reads the row. */
  private void forget(String receiptNumber) {
    Map<String, Optional<ClockState>> kept = keptInTransaction();
    if (kept != null) {
      kept.remove(receiptNumber);
    }
  }

  /** The clocks of the current transaction, or null outside one. */
  @SuppressWarnings("unchecked")
  private Map<String, Optional<ClockState>> keptInTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Object bound = TransactionSynchronizationManager.getResource(this);
    if (bound != null) {
      return (Map<String, Optional<ClockState>>) bound;
    }
    Map<String, Optional<ClockState>> kept = new HashMap<>();
    TransactionSynchronizationManager.bindResource(this, kept);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      // A transaction started inside this one (REQUIRES_NEW) must not see its clocks.
      @Override
      public void suspend() {
        TransactionSynchronizationManager.unbindResource(CaseClockRepository.this);
      }

      @Override
      public void resume() {
        TransactionSynchronizationManager.bindResource(CaseClockRepository.this, kept);
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(CaseClockRepository.this);
      }
    });
    return kept;
  }

  /**
   * Receipt numbers of the clocks still counting (or paused) whose counting may run through
   * {@code [firstDay, lastDay]}: accepted before its end, deadline not before its start.
   */
  public List<String> openClocksOverlapping(LocalDate firstDay, LocalDate lastDay) {
    return jdbc.queryForList("""
        SELECT receipt_number FROM ow_case_clock
        WHERE phase <> 'STOPPED' AND started_on < ? AND deadline_date >= ?
        ORDER BY receipt_number""", String.class, lastDay, firstDay);
  }

  public List<String> openClocks() {
    return jdbc.queryForList("SELECT receipt_number FROM ow_case_clock WHERE phase <> 'STOPPED' ORDER BY receipt_number",
        String.class);
  }

  // ---------------------------------------------------------------- ow_clock_event

  public void addEvent(String receiptNumber, ClockEventKind kind, String reasonType, String reason,
      String actor, OffsetDateTime at, LocalDate before, LocalDate after) {
    jdbc.update("""
        INSERT INTO ow_clock_event (receipt_number, kind, reason_type, reason, actor, occurred_at,
          deadline_before, deadline_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        receiptNumber, kind.name(), reasonType, truncate(reason, 1000), truncate(actor, 64), at, before, after);
  }

  public List<ClockEvent> events(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_clock_event WHERE receipt_number = ? ORDER BY occurred_at, id",
        (rs, i) -> new ClockEvent(rs.getLong("id"), rs.getString("receipt_number"),
            ClockEventKind.valueOf(rs.getString("kind")), rs.getString("reason_type"), rs.getString("reason"),
            rs.getString("actor"), at(rs, "occurred_at"),
            rs.getObject("deadline_before", LocalDate.class), rs.getObject("deadline_after", LocalDate.class)),
        receiptNumber);
  }

  /** Pauses of this reason opened minus those closed: how many holds of that kind are open. */
  public int openHolds(String receiptNumber, PauseReason reason) {
    Integer n = jdbc.queryForObject("""
        SELECT COALESCE(SUM(CASE WHEN kind = 'PAUSE' THEN 1 WHEN kind = 'RESUME' THEN -1 ELSE 0 END), 0)
        FROM ow_clock_event WHERE receipt_number = ? AND reason_type = ?""",
        Integer.class, receiptNumber, reason.name());
    return n == null ? 0 : n;
  }

  // ---------------------------------------------------------------- ow_supervision_event

  public long addSupervisionEvent(String receiptNumber, String kind, OffsetDateTime at, OffsetDateTime deadlineAt,
      String activityId, String activityName, String department) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement("""
          INSERT INTO ow_supervision_event (receipt_number, kind, occurred_at, deadline_at, activity_id,
            activity_name, department) VALUES (?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      ps.setString(1, receiptNumber);
      ps.setString(2, kind);
      ps.setObject(3, at);
      ps.setObject(4, deadlineAt);
      setText(ps, 5, activityId);
      setText(ps, 6, activityName);
      setText(ps, 7, department);
      return ps;
    }, keys);
    Number id = keys.getKey();
    if (id == null) {
      throw new IllegalStateException("no id generated for the supervision event of " + receiptNumber);
    }
    if (activityId != null && !activityId.isBlank() && (WARNING.equals(kind) || OVERDUE.equals(kind))) {
      // The boards count by these columns; the event keeps the detail of each firing.
      String column = lateDepartmentsColumn(kind);
      String recorded = jdbc.query("SELECT " + column + " FROM ow_case_clock WHERE receipt_number = ?",
          rs -> rs.next() ? rs.getString(1) : null, receiptNumber);
      jdbc.update("UPDATE ow_case_clock SET " + column + " = ? WHERE receipt_number = ?",
          LateDepartments.union(recorded, department), receiptNumber);
    }
    return id.longValue();
  }

  /** The ow_case_clock column with the departments late at this kind of firing (WARNING or OVERDUE). */
  public static String lateDepartmentsColumn(String kind) {
    return switch (kind) {
      case WARNING -> "warning_departments";
      case OVERDUE -> "overdue_departments";
      default -> throw new IllegalArgumentException("no late departments for " + kind);
    };
  }

  public void setOrderTask(long eventId, String taskId) {
    jdbc.update("UPDATE ow_supervision_event SET order_task_id = ? WHERE id = ?", taskId, eventId);
  }

  public void setOrderInstruction(long eventId, String instruction) {
    jdbc.update("UPDATE ow_supervision_event SET order_instruction = ? WHERE id = ?",
        truncate(instruction, 2000), eventId);
  }

  /** Closes the case's open supervision orders: the case they pushed has finished. */
  public int closeOrders(String receiptNumber, OffsetDateTime at) {
    return jdbc.update("""
        UPDATE ow_supervision_event SET order_closed_at = ?
        WHERE receipt_number = ? AND order_task_id IS NOT NULL AND order_closed_at IS NULL""",
        at, receiptNumber);
  }

  public List<SupervisionEvent> supervisionEvents(String receiptNumber) {
    return jdbc.query("SELECT * FROM ow_supervision_event WHERE receipt_number = ? ORDER BY occurred_at, id",
        (rs, i) -> new SupervisionEvent(rs.getLong("id"), rs.getString("receipt_number"), rs.getString("kind"),
            at(rs, "occurred_at"), at(rs, "deadline_at"),
            rs.getString("activity_id"), rs.getString("activity_name"), rs.getString("department"),
            rs.getString("order_task_id"), rs.getString("order_instruction"),
            at(rs, "order_closed_at")),
        receiptNumber);
  }

  // ---------------------------------------------------------------- helpers

  private OffsetDateTime at(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.atZoneSameInstant(zone).toOffsetDateTime();
  }

  private ClockState map(ResultSet rs, int row) throws SQLException {
    return new ClockState(
        rs.getString("receipt_number"),
        rs.getString("process_instance_id"),
        rs.getString("item_code"),
        rs.getString("lead_department"),
        rs.getInt("promised_days"),
        rs.getInt("statutory_days"),
        rs.getInt("extended_days"),
        rs.getInt("paused_working_days"),
        rs.getObject("started_on", LocalDate.class),
        rs.getObject("deadline_date", LocalDate.class),
        at(rs, "deadline_at"),
        at(rs, "warning_at"),
        rs.getBoolean("calendar_complete"),
        ClockPhase.valueOf(rs.getString("phase")),
        at(rs, "paused_since"),
        enumOrNull(PauseReason.class, rs.getString("pause_reason_type")),
        enumOrNull(ClockPhase.class, rs.getString("phase_before_pause")),
        at(rs, "stopped_at"),
        (Boolean) rs.getObject("finished_on_time"),
        (Integer) rs.getObject("working_days_used"),
        at(rs, "updated_at"));
  }

  private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
    return value == null ? null : Enum.valueOf(type, value);
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
