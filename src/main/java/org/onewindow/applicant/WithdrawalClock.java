package org.onewindow.applicant;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stops the case clock of a withdrawn case, in the withdrawal's transaction: phase STOPPED with the
 * time, and a STOP entry (reason type WITHDRAWAL) in the clock's ledger. A case without a clock (not
 * accepted yet, or an immediate item) has nothing to stop. The process instance is deleted with its
 * custom listeners skipped, so the clock's own listeners do not run: this is their stand-in.
 */
@Component
public class WithdrawalClock {
  public static final String STOPPED = "STOPPED";
  public static final String STOP = "STOP";
  public static final String WITHDRAWAL = "WITHDRAWAL";
  public static final String ACTOR = "applicant";

  private final JdbcTemplate jdbc;

  public WithdrawalClock(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Returns true when a running (or paused) clock was stopped. */
  public boolean stop(String receiptNumber, String reason, OffsetDateTime at) {
    List<LocalDate> deadline = jdbc.query(
        "SELECT deadline_date FROM ow_case_clock WHERE receipt_number = ? AND phase <> ? FOR UPDATE",
        (rs, i) -> rs.getObject(1, LocalDate.class), receiptNumber, STOPPED);
    if (deadline.isEmpty()) {
      return false;
    }
    jdbc.update("UPDATE ow_case_clock SET phase = ?, stopped_at = ?, updated_at = ? WHERE receipt_number = ?",
        STOPPED, at, at, receiptNumber);
    jdbc.update("""
        INSERT INTO ow_clock_event (receipt_number, kind, reason_type, reason, actor, occurred_at, deadline_before,
          deadline_after)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        receiptNumber, STOP, WITHDRAWAL, reason, ACTOR, at, deadline.get(0), deadline.get(0));
    return true;
  }
}
